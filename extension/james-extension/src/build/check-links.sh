#!/usr/bin/env bash
# Fails when a class the drop-in jar references does not resolve against James 3.8.1's runtime class path
# (James loads the jar with its own libraries as parent class loader: anything missing there would only
# show at James's start, or at the first connection).
#   check-links.sh DROP_IN_JAR JAMES_CLASSPATH_FILE
set -euo pipefail
jar="$1"
classpath_file="$2"

if [ ! -s "$classpath_file" ]; then
    echo "error: $classpath_file is missing; build integration-tests/james-runtime first (mvn -pl integration-tests/james-runtime package)" >&2
    exit 1
fi
jdeps="jdeps"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jdeps" ]; then
    jdeps="$JAVA_HOME/bin/jdeps"
fi

missing="$("$jdeps" --multi-release 11 --missing-deps --class-path "$(cat "$classpath_file")" "$jar" 2>&1)"
if [ -n "$missing" ]; then
    echo "error: the drop-in jar references classes that James 3.8.1 does not have:" >&2
    echo "$missing" >&2
    exit 1
fi
echo "Every class $(basename "$jar") references resolves against James 3.8.1's runtime class path."
