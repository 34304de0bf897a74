#!/usr/bin/env bash
# Bulk verification memory: the `badge` tool's peak working set checking 200 and then 2,000 local sites.
# One process (the GovSite sample, with the authority emulator in-process) answers for every host name; the
# tool runs as another process and connects every site host to it.
# Usage: benchmarks/bulk-memory.sh [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
concurrency=${1:-32}
work=$(mktemp -d)
trap 'kill ${site:-} 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build -c Release -nologo -v:q samples/Badge.GovSite >/dev/null
dotnet build -c Release -nologo -v:q src/Badge.Tool >/dev/null
dotnet samples/Badge.GovSite/bin/Release/net10.0/Badge.GovSite.dll --urls=http://127.0.0.1:5090 \
  --Badge:EmbeddedAuthorityUrl=http://127.0.0.1:5290 --Badge:DataDirectory="$work/data" --Logging:LogLevel:Default=Warning >/dev/null &
site=$!
for _ in $(seq 60); do curl -sf http://127.0.0.1:5090/ | grep -q data-online-badge && break; sleep 0.5; done
for n in 200 2000; do
  { echo "url,organizer"; for i in $(seq "$n"); do echo "http://site$i.test/,万载县人民政府办公室"; done; } >"$work/sites$n.csv"
  line=$(dotnet src/Badge.Tool/bin/Release/net10.0/Badge.Tool.dll verify --from "$work/sites$n.csv" --out "$work/report$n" \
    --concurrency "$concurrency" --authority http://127.0.0.1:5290/ --connect-to 127.0.0.1:5090 | tail -1 || true)
  peak=$(echo "$line" | sed -E 's/.* ([0-9]+) MiB at most/\1/')
  echo "$n sites: peak working set $peak MiB ($(($(wc -l <"$work/report$n.csv") - 1)) rows reported) — $line"
  eval "peak$n=$peak"
done
awk -v a="$peak200" -v b="$peak2000" 'BEGIN { printf "ratio 2000/200: %.2f\n", b / a }'
