#!/usr/bin/env bash
# Draws the README's charts from the benchmarks' own JSON, with gnuplot (Debian's gnuplot-nox) and jq:
#   matcher-lookup.png   lookup time (JMH SampleTime median) against list size, ours / ipaddress tries / NetMatcher,
#                        log-log, from run-matcher-benchmarks.sh's lookup.json (and lookup-netmatcher.json)
#   tls-sessions.png     full TLS sessions/s per server, RSA-2048 and ECDSA P-256, from run-load-comparison's results.json
#   refused.png          refused connections/s per server, no DNS server and slow resolver, same file
# Usage: integration-tests/benchmarks/plot-charts.sh OUT_DIR [--matcher DIR_WITH_LOOKUP_JSON] [--load RESULTS_JSON]
set -euo pipefail
OUT=$1
shift
MATCHER=""
LOAD=""
while [ $# -gt 0 ]; do
  case "$1" in
    --matcher) MATCHER=$2; shift 2 ;;
    --load) LOAD=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if ! command -v gnuplot >/dev/null || ! command -v jq >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends gnuplot-nox jq
fi
mkdir -p "$OUT"
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT

if [ -n "$MATCHER" ]; then
  # One file per matcher and address family: entries, median ns.
  cat "$MATCHER"/lookup*.json | jq -r -s 'add | .[] | select(.mode == "sample")
    | [.params.matcher, .params.clients, .params.entries, .primaryMetric.scorePercentiles["50.0"]] | @tsv' \
    | sort -k1,1 -k2,2 -k3,3n > "$DATA/lookup.tsv"
  for matcher in imsa ipaddress netmatcher; do
    for family in ipv4 ipv6; do
      awk -v m="$matcher" -v f="$family" '$1 == m && $2 == f { print $3, $4 }' "$DATA/lookup.tsv" > "$DATA/$matcher-$family.dat"
    done
  done
  stamp=$(sed -n 's/^date: \([^;]*\);.*load average \(.*\)$/\1, load average \2/p' "$MATCHER/machine.txt" 2>/dev/null || true)
  gnuplot <<GNUPLOT
set terminal pngcairo size 900,560 font "sans,11"
set output "$OUT/matcher-lookup.png"
set title "Lookup time against list size (JMH SampleTime median, timer included)\n{/*0.8 $stamp}"
set logscale xy
set xlabel "entries in the list"
set ylabel "ns per lookup"
set format y "10^{%L}"
set format x "10^{%L}"
set xrange [5:2000000]
set key top left
set grid
plot "$DATA/imsa-ipv4.dat" with linespoints lw 2 pt 7 lc rgb "#1b9e77" title "ours, IPv4", \
     "$DATA/imsa-ipv6.dat" with linespoints lw 2 pt 5 dt 2 lc rgb "#1b9e77" title "ours, IPv6", \
     "$DATA/ipaddress-ipv4.dat" with linespoints lw 2 pt 7 lc rgb "#7570b3" title "ipaddress tries, IPv4", \
     "$DATA/ipaddress-ipv6.dat" with linespoints lw 2 pt 5 dt 2 lc rgb "#7570b3" title "ipaddress tries, IPv6", \
     "$DATA/netmatcher-ipv4.dat" with linespoints lw 2 pt 7 lc rgb "#d95f02" title "James NetMatcher, IPv4", \
     "$DATA/netmatcher-ipv6.dat" with linespoints lw 2 pt 5 dt 2 lc rgb "#d95f02" title "James NetMatcher, IPv6"
GNUPLOT
  echo "wrote $OUT/matcher-lookup.png"
fi

if [ -n "$LOAD" ]; then
  started=$(jq -r '.started' "$LOAD")
  load=$(jq -r '.loadAverageBefore' "$LOAD")
  # server, RSA median, EC median (servers in the order of the RSA scenario)
  jq -r '
    (.scenarios[] | select(.name == "FULL_TLS_EC") | [.servers[] | {(.server): .median}] | add) as $ec
    | .scenarios[] | select(.name == "FULL_TLS_RSA") | .servers[]
    | [.server, .median, ($ec[.server] // "NaN")] | @tsv' "$LOAD" > "$DATA/tls.tsv"
  jq -r '
    (.scenarios[] | select(.name == "REFUSED_SLOW_DNS") | [.servers[] | {(.server): .median}] | add // {}) as $slow
    | .scenarios[] | select(.name == "REFUSED") | .servers[]
    | [.server, .median, ($slow[.server] // "NaN")] | @tsv' "$LOAD" > "$DATA/refused.tsv"
  gnuplot <<GNUPLOT
set terminal pngcairo size 1000,560 font "sans,11"
set datafile separator "\t"
set datafile missing "NaN"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key outside top center horizontal
set xtics rotate by -20 scale 0 font ",10" noenhanced
set yrange [0:*]
set output "$OUT/tls-sessions.png"
set title "Full TLS sessions/s, same run (median of the rounds)\n{/*0.8 $started, load average before $load; servers on CPU 0, load tool on CPU 1}"
set ylabel "sessions/s"
plot "$DATA/tls.tsv" using 2:xtic(1) title "RSA-2048" lc rgb "#1b9e77", \
     "" using 3 title "ECDSA P-256" lc rgb "#7570b3", \
     "" using 0:2:(sprintf("%.0f", \$2)) with labels offset -1.6,0.7 font ",9" notitle, \
     "" using 0:3:(sprintf("%.0f", \$3)) with labels offset 1.6,0.7 font ",9" notitle
set output "$OUT/refused.png"
set title "Refused connections/s, same run (median of the rounds)\n{/*0.8 $started, load average before $load}"
set ylabel "connections/s"
set logscale y
set yrange [0.5:*]
plot "$DATA/refused.tsv" using 2:xtic(1) title "no DNS server" lc rgb "#1b9e77", \
     "" using 3 title "resolver answering PTR after 2 s" lc rgb "#d95f02", \
     "" using 0:2:(sprintf("%.0f", \$2)) with labels offset -1.6,0.7 font ",9" notitle, \
     "" using 0:3:(sprintf("%.0f", \$3)) with labels offset 1.6,0.7 font ",9" notitle
GNUPLOT
  echo "wrote $OUT/tls-sessions.png and $OUT/refused.png"
fi
