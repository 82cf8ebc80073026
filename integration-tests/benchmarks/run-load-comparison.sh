#!/usr/bin/env bash
# Issue #5, SMTP part: the load tool's ceiling, then stock James, James + imsa-james and Postfix side by side in one run
# (TLS sessions/s, refused connections/s), then James's RSS with and without a 1M-entry list. Loopback only.
# Installs Debian's postfix if missing, without configuring or starting the system MTA: the comparison runs its own
# instance, with its own config directory, on a free loopback port.
# Usage: integration-tests/benchmarks/run-load-comparison.sh [WORK_DIR] [extra LoadComparison options]
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${1:-integration-tests/benchmarks/target/load-comparison}
shift || true
JAR=integration-tests/benchmarks/target/benchmarks.jar
EXTENSION_JAR=$(ls extension/james-extension/target/imsa-james-extension-*.jar | grep -v -e '-cli' -e '-tests' | head -1 || true)
CLASSPATH_FILE=integration-tests/james-runtime/target/james.classpath

if ! command -v postfix >/dev/null || ! command -v openssl >/dev/null || ! command -v taskset >/dev/null; then
  # "No configuration": the package installs, no main.cf is written and no system MTA is started on port 25.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postfix openssl util-linux
fi
[ -f "$JAR" ] && [ -n "$EXTENSION_JAR" ] && [ -f "$CLASSPATH_FILE" ] || mvn -B -q package -Pbenchmarks -DskipTests
EXTENSION_JAR=$(ls extension/james-extension/target/imsa-james-extension-*.jar | grep -v -e '-cli' -e '-tests' | head -1)

# The servers get CPU 0, the load tool CPU 1 (with one CPU, both share it). Only names in this hosts file resolve in
# the load tool and the tools it starts: they never ask a DNS server anything.
SERVER_CPUS=0
TOOL_CPUS=1
if [ "$(nproc)" -lt 2 ]; then SERVER_CPUS=""; TOOL_CPUS=0; fi
mkdir -p "$WORK"
HOSTS=$(mktemp)
trap 'rm -f "$HOSTS"' EXIT
# James needs the machine's own name (its start-up asks for it); nothing else resolves.
printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$(hostname)" > "$HOSTS"

# JAMES_JAVA_HOME=DIR runs James on DIR/bin/java (e.g. /opt/imsa-james/jre-11); by default on this java.
timeout 5400 taskset -c "$TOOL_CPUS" java -Djdk.net.hosts.file="$HOSTS" -Xmx2g \
  ${JAMES_JAVA_HOME:+-Djames.java.home="$JAMES_JAVA_HOME"} \
  -cp "$JAR" org.imsajames.bench.comparison.LoadComparison \
  --work "$WORK" --extension-jar "$EXTENSION_JAR" --james-classpath "$CLASSPATH_FILE" \
  --server-cpus "$SERVER_CPUS" "$@"
