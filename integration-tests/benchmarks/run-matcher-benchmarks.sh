#!/usr/bin/env bash
# Issue #5, matcher part: lookup time (JMH) of our AddressMatcher, the ipaddress library's tries and James's NetMatcher
# on lists of 10 to 1M entries; build time of a 1M-entry list (JMH single shot); retained heap per entry (JOL).
# Short runs (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement): the figures are for comparison, not for the record books.
# Then draws OUT_DIR/matcher-lookup.png (plot-charts.sh).
# Usage: integration-tests/benchmarks/run-matcher-benchmarks.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=integration-tests/benchmarks/target/benchmarks.jar
OUT=${1:-integration-tests/benchmarks/target/matcher-results}
# NetMatcher scans its whole list per lookup and sorts its entries by toString() when built (about a minute for 1M
# here): lower this to skip its largest lists.
NETMATCHER_MAX=${NETMATCHER_MAX:-1000000}

[ -f "$JAR" ] || mvn -B -q package -Pbenchmarks -DskipTests
mkdir -p "$OUT"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/machine.txt"

timeout 3600 java -jar "$JAR" 'LookupBenchmark.lookup' -p matcher=imsa,ipaddress \
  -rf json -rff "$OUT/lookup.json" | tee "$OUT/lookup.txt"
# The machine's cost of one random memory load (a pointer chase), the floor for a lookup in a big list.
timeout 600 java -jar "$JAR" 'MemoryLatencyBenchmark' -rf json -rff "$OUT/memory-latency.json" | tee "$OUT/memory-latency.txt"
# What reading a client from the pool costs by itself (the same for every matcher).
timeout 600 java -jar "$JAR" 'LookupBenchmark.clientOnly' -p matcher=imsa -p entries=1000000 \
  -rf json -rff "$OUT/lookup-client-only.json" | tee "$OUT/lookup-client-only.txt"
netmatcher_sizes=$(printf '%s\n' 10 1000 100000 1000000 | awk -v max="$NETMATCHER_MAX" '$1 <= max' | paste -sd, -)
timeout 3600 java -jar "$JAR" 'LookupBenchmark.lookup' -p matcher=netmatcher -p entries="$netmatcher_sizes" \
  -rf json -rff "$OUT/lookup-netmatcher.json" | tee "$OUT/lookup-netmatcher.txt"
timeout 1800 java -jar "$JAR" 'BuildBenchmark' -rf json -rff "$OUT/build.json" | tee "$OUT/build.txt"
timeout 1800 java -Xmx8g -cp "$JAR" org.imsajames.bench.matcher.MatcherFootprint \
  --max-netmatcher-entries "$NETMATCHER_MAX" | tee "$OUT/footprint.md"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
# The README's chart of lookup time against list size, from lookup.json and lookup-netmatcher.json.
integration-tests/benchmarks/plot-charts.sh "$OUT" --matcher "$OUT"
