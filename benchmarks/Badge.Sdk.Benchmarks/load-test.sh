#!/usr/bin/env bash
# End-to-end load test: the same 64 KiB page over Kestrel on 127.0.0.1 served plain, with the badge footer, and,
# for scale, through a naive buffer-and-replace middleware and a stream that only visits every '<' with IndexOfAny.
# Servers pinned to core 0, wrk to core 1; fixed connections and duration; rounds interleaved; median ratios.
# Usage: benchmarks/Badge.Sdk.Benchmarks/load-test.sh [rounds] [seconds] [connections] [warm-up seconds]
# The warm-up loads each server until tiered compilation has settled (a cold server keeps speeding up for seconds).
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-5} seconds=${2:-10} connections=${3:-32} warmup=${4:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
dotnet build -c Release -nologo -v:q >/dev/null
exe=bin/Release/net10.0/Badge.Sdk.Benchmarks
modes=(plain badge naive visit)
pids=()
for i in "${!modes[@]}"; do
  taskset -c 0 "$exe" serve $((5301 + i)) "${modes[$i]}" & pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
sleep 3
curl -sf http://127.0.0.1:5302/ | grep -q 'data-online-badge' || { echo "the badge host does not inject" >&2; exit 1; }
run() { taskset -c 1 wrk -t1 -c"$connections" -d"$1" "http://127.0.0.1:$2/" | awk '/Requests\/sec/ {print $2}'; }
for i in "${!modes[@]}"; do run "${warmup}s" $((5301 + i)) >/dev/null; done
declare -A ratios
for ((r = 1; r <= rounds; r++)); do
  line="round $r:"
  plain=$(run "${seconds}s" 5301)
  line+=" plain $plain"
  for i in 1 2 3; do
    rps=$(run "${seconds}s" $((5301 + i)))
    ratio=$(awk -v b="$rps" -v p="$plain" 'BEGIN { printf "%.3f", b / p }')
    ratios[${modes[$i]}]+="$ratio "
    line+=", ${modes[$i]} $rps ($ratio)"
  done
  echo "$line req/s"
done
for m in badge naive visit; do
  median=$(printf '%s\n' ${ratios[$m]} | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  echo "median ratio $m / plain: $median"
done
