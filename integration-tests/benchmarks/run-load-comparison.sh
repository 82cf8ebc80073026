#!/usr/bin/env bash
# Issues #5 and #14, SMTP part, in one run: the load tool's ceiling; full TLS sessions/s of stock James, ours on the
# JDK engine, ours on the native engines (ACCP, Conscrypt) and Postfix, RSA-2048 and ECDSA P-256; refused
# connections/s with no DNS server and with a resolver that answers PTR after 2 s; RSS per engine and with a
# 1M-entry list. Then draws the charts (plot-charts.sh) from WORK/results.json.
# Everything runs in a network namespace of its own (only its loopback; its resolv.conf names 127.0.0.1, where the
# comparison's own DNS responder listens during the slow-resolver scenario): nothing leaves the namespace.
# Installs Debian's postfix if missing, without configuring or starting the system MTA: the comparison runs its own
# instance, with its own config directory, on free loopback ports.
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
PROVIDERS=integration-tests/benchmarks/target/native-providers
[ -f "$JAR" ] && [ -n "$EXTENSION_JAR" ] && [ -f "$CLASSPATH_FILE" ] && [ -d "$PROVIDERS" ] || mvn -B -q package -Pbenchmarks -DskipTests
EXTENSION_JAR=$(ls extension/james-extension/target/imsa-james-extension-*.jar | grep -v -e '-cli' -e '-tests' | head -1)

# The servers get CPU 0, the load tool CPU 1 (with one CPU, both share it). Only names in this hosts file resolve in
# the load tool and the tools it starts: they never ask a DNS server anything.
SERVER_CPUS=0
TOOL_CPUS=1
if [ "$(nproc)" -lt 2 ]; then SERVER_CPUS=""; TOOL_CPUS=0; fi
mkdir -p "$WORK"
HOSTS=$(mktemp)
# James needs the machine's own name (its start-up asks for it); nothing else resolves.
printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$(hostname)" > "$HOSTS"

# The namespace: loopback only; `ip netns exec` shows /etc/netns/NS/{resolv.conf,hosts} as /etc/resolv.conf and
# /etc/hosts to what runs in it.
NS=imsa-bench-$$
cleanup() {
  rm -f "$HOSTS"
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "/etc/netns/$NS"
}
trap cleanup EXIT
IN_NS=()
SLOW=()
if ip netns add "$NS" 2>/dev/null; then
  ip netns exec "$NS" ip link set lo up
  mkdir -p "/etc/netns/$NS"
  printf 'nameserver 127.0.0.1\noptions timeout:5 attempts:1\n' > "/etc/netns/$NS/resolv.conf"
  cp "$HOSTS" "/etc/netns/$NS/hosts"
  IN_NS=(ip netns exec "$NS")
  SLOW=(--slow-resolver)
else
  echo "warning: cannot create a network namespace (needs root): the slow-resolver scenario is skipped" >&2
fi
# JAMES_JAVA_HOME=DIR runs James on DIR/bin/java (e.g. /opt/imsa-james/jre-11); by default on this java.
timeout 5400 "${IN_NS[@]}" taskset -c "$TOOL_CPUS" java -Djdk.net.hosts.file="$HOSTS" -Xmx2g \
  ${JAMES_JAVA_HOME:+-Djames.java.home="$JAMES_JAVA_HOME"} \
  -cp "$JAR" org.imsajames.bench.comparison.LoadComparison \
  --work "$WORK" --extension-jar "$EXTENSION_JAR" --james-classpath "$CLASSPATH_FILE" \
  --accp-jar "$(ls "$PROVIDERS"/AmazonCorrettoCryptoProvider-*.jar)" \
  --conscrypt-jar "$(ls "$PROVIDERS"/conscrypt-openjdk-uber-*.jar)" \
  --server-cpus "$SERVER_CPUS" "${SLOW[@]}" "$@"
if [ -f "$WORK/results.json" ]; then
  integration-tests/benchmarks/plot-charts.sh "$WORK" --load "$WORK/results.json"
fi
