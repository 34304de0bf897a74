#!/usr/bin/env bash
# End-to-end load test: the same 64 KiB page over Kestrel on 127.0.0.1 with and without the badge footer.
# Server pinned to core 0, wrk to core 1; fixed connections and duration; rounds interleaved; median ratio.
# Usage: benchmarks/Badge.Sdk.Benchmarks/load-test.sh [rounds] [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-5} seconds=${2:-10} connections=${3:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
dotnet build -c Release -nologo -v:q >/dev/null
exe=bin/Release/net10.0/Badge.Sdk.Benchmarks
taskset -c 0 "$exe" serve 5301 plain & plain=$!
taskset -c 0 "$exe" serve 5302 badge & badge=$!
trap 'kill $plain $badge 2>/dev/null || true' EXIT
sleep 3
curl -sf http://127.0.0.1:5302/ | grep -q 'data-online-badge' || { echo "the badge host does not inject" >&2; exit 1; }
# Warm both up.
taskset -c 1 wrk -t1 -c"$connections" -d3s http://127.0.0.1:5301/ >/dev/null
taskset -c 1 wrk -t1 -c"$connections" -d3s http://127.0.0.1:5302/ >/dev/null
ratios=()
for ((r = 1; r <= rounds; r++)); do
  p=$(taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" http://127.0.0.1:5301/ | awk '/Requests\/sec/ {print $2}')
  b=$(taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" http://127.0.0.1:5302/ | awk '/Requests\/sec/ {print $2}')
  ratio=$(awk -v b="$b" -v p="$p" 'BEGIN { printf "%.3f", b / p }')
  ratios+=("$ratio")
  echo "round $r: plain $p req/s, badge $b req/s, ratio $ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
echo "median ratio (badge / plain): $median"
