#!/usr/bin/env bash
# Runs every test of the project: unit and property tests of the extension, the suites that boot a real
# James 3.8.1 as a child JVM, and the Testcontainers suites. Provisions what those need (Docker engine from
# Debian's packages, the James image built without a registry). Fails, never skips, when something is missing.
# James runs on Java 11, as in the official image: the container suites on the image's JRE 11, the child-JVM
# suites on the same JRE copied to the host (JAMES_JAVA_HOME, default /opt/imsa-james/jre-11, which provision.sh
# installs). Maven and the tests themselves run on the JDK 17 on the PATH.
# Extra arguments go to Maven (e.g. -Djames.image=apache/james:memory-3.8.1 where a registry is reachable,
# -Djames.java.home=DIR for another JRE).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "error: java (JDK 17) not found" >&2; exit 1; }
command -v mvn >/dev/null || { echo "error: mvn (Maven 3.8+) not found" >&2; exit 1; }

# The James image is built from James's runtime class path, which this module resolves.
mvn -B -q -pl integration-tests/james-runtime install

if [ "$(id -u)" -eq 0 ]; then
  integration-tests/docker/provision.sh
elif command -v sudo >/dev/null; then
  sudo integration-tests/docker/provision.sh
else
  echo "error: provisioning Docker needs root: run 'integration-tests/docker/provision.sh' as root first" >&2
  exit 1
fi

JAMES_JAVA_HOME="${JAMES_JAVA_HOME:-/opt/imsa-james/jre-11}"
[ -x "$JAMES_JAVA_HOME/bin/java" ] || { echo "error: no JRE for James in $JAMES_JAVA_HOME (provision.sh installs it)" >&2; exit 1; }
echo "James runs on: $("$JAMES_JAVA_HOME/bin/java" -version 2>&1 | head -n 1) ($JAMES_JAVA_HOME)"

mvn -B install -Djames.java.home="$JAMES_JAVA_HOME" "$@"
