#!/usr/bin/env bash
# The badge gateway's cost, side by side: the same 64 KiB page from nginx served (a) by nginx directly, (b) through
# YARP with no footer (the gateway with every path excluded from the footer: YARP plus one prefix check), and
# (c) through the badge gateway (the footer injected). nginx and the proxies pinned to core 0, wrk to core 1;
# fixed connections and duration; rounds interleaved (a, b, c in each); medians of the per-round ratios.
# Target: (c) ÷ (b) ≥ 0.9. Needs nginx and wrk (apt-get install nginx wrk).
# Usage: benchmarks/gateway-load-test.sh [--cpu] [rounds] [seconds] [connections] [warm-up seconds]
#
# --cpu: for a machine others are using, where requests per second swing with their load. Measures instead the
# CPU time each gateway process spends per request (utime + stime from /proc/PID/stat over each wrk run, divided by
# the requests wrk completed), (b) and (c) in turn, round after round; median of (b)'s CPU per request ÷ (c)'s,
# which is what (c) ÷ (b) in requests per second comes to when the proxy is CPU-bound on its core. The thread
# pool's idle spinning is turned off in this mode (DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0) so that waiting
# for work is not counted as work. (a) is not run.
set -euo pipefail
cd "$(dirname "$0")/.."
cpu_mode=0
if [[ ${1:-} == --cpu ]]; then cpu_mode=1; shift; export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0; fi
rounds=${1:-5} seconds=${2:-10} connections=${3:-32} warmup=${4:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[[ -x /usr/sbin/nginx ]] || { echo "nginx is missing: apt-get install nginx" >&2; exit 2; }
dotnet build src/Badge.Gateway -c Release -nologo -v:q >/dev/null
dotnet build samples/Badge.Authority -c Release -nologo -v:q >/dev/null
gateway=src/Badge.Gateway/bin/Release/net10.0/Badge.Gateway.dll
authority_dll=samples/Badge.Authority/bin/Release/net10.0/Badge.Authority.dll
port_nginx=5311 port_yarp=5312 port_gateway=5313 port_authority=5314

work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The page: an ordinary government page of exactly 64 KiB, its </body> at the end.
mkdir -p "$work/www" "$work/nginx/logs" "$work/nginx/tmp"
{
  printf '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>万载县人民政府网</title></head>\n<body>\n<main>\n'
  for i in $(seq 1 800); do printf '<article><h2>政务动态 %d</h2><p>县政府召开常务会议，研究部署近期重点工作。</p></article>\n' "$i"; done
} > "$work/page.head"
tail='</main>\n<script>console.log("loaded")</script>\n</body>\n</html>\n'
tail_bytes=$(printf "$tail" | wc -c)
# Whole lines up to the size, then an ASCII comment that pads to exactly 64 KiB (no character cut in two).
head -c $((65536 - tail_bytes - 64)) "$work/page.head" | sed '$d' > "$work/www/index.html"
pad=$((65536 - tail_bytes - $(stat -c %s "$work/www/index.html") - 10))
{ printf '<!-- '; head -c "$pad" /dev/zero | tr '\0' '.'; printf ' -->\n'; printf "$tail"; } >> "$work/www/index.html"
[[ $(stat -c %s "$work/www/index.html") -eq 65536 ]] || { echo "the page is not 64 KiB" >&2; exit 1; }

user=""; [[ $(id -u) -eq 0 ]] && user="user root root;"
cat > "$work/nginx/nginx.conf" <<CONF
$user
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body; proxy_temp_path $work/nginx/tmp/proxy; fastcgi_temp_path $work/nginx/tmp/fcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi; scgi_temp_path $work/nginx/tmp/scgi;
  types { text/html html; }
  sendfile on; keepalive_requests 1000000;
  server { listen 127.0.0.1:$port_nginx; root $work/www; index index.html; }
}
CONF
taskset -c 0 /usr/sbin/nginx -p "$work/nginx/" -c "$work/nginx/nginx.conf" & pids+=($!)
DOTNET_gcServer=0 dotnet "$authority_dll" --urls=http://127.0.0.1:$port_authority --Authority:DatabasePath="$work/authority.db" \
  --Logging:LogLevel:Default=Warning >/dev/null & pids+=($!)
wait_for() { for _ in $(seq 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "$1 did not answer" >&2; exit 1; }
wait_for "http://127.0.0.1:$port_nginx/"
wait_for "http://127.0.0.1:$port_authority/.well-known/badge-authority"
badge=$(curl -sf -H 'X-Api-Key: demo-institution-a' -H 'Content-Type: application/json' \
  -d '{"kind":"website","uscc":"11360922MB0001230X","organizerName":"万载县人民政府办公室","onlineName":"万载县人民政府网","domain":"localhost"}' \
  "http://127.0.0.1:$port_authority/api/v1/badges" | sed -E 's/.*"id":"([^"]+)".*/\1/')
common=(--Gateway:Upstream=http://127.0.0.1:$port_nginx --Badge:Authority=http://127.0.0.1:$port_authority --Badge:BadgeId="$badge"
  --Logging:LogLevel:Default=Warning)
taskset -c 0 dotnet "$gateway" "${common[@]}" --Badge:Footer:ExcludedPaths:0=/ --urls=http://127.0.0.1:$port_yarp >/dev/null & pids+=($!)
taskset -c 0 dotnet "$gateway" "${common[@]}" --urls=http://127.0.0.1:$port_gateway >/dev/null & pids+=($!)
wait_for "http://127.0.0.1:$port_yarp/"
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port_gateway/" | grep -q 'data-online-badge' && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port_gateway/" | grep -q 'data-online-badge' || { echo "the gateway does not inject" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port_yarp/" | grep -q 'data-online-badge' && { echo "(b) must not inject" >&2; exit 1; }
cmp -s "$work/www/index.html" <(curl -sf "http://127.0.0.1:$port_yarp/") || { echo "(b) changed the page" >&2; exit 1; }

run() { taskset -c 1 wrk -t1 -c"$connections" -d"$1" "http://127.0.0.1:$2/" | awk '/Requests\/sec/ {print $2}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for port in $port_nginx $port_yarp $port_gateway; do run "${warmup}s" "$port" >/dev/null; done

if ((cpu_mode)); then
  pid_yarp=${pids[2]} pid_gateway=${pids[3]}
  tick=$(getconf CLK_TCK)
  ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
  # CPU microseconds per request of process $1 while wrk runs $2 against port $3.
  cpu_run() {
    local before after requests
    before=$(ticks "$1")
    requests=$(taskset -c 1 wrk -t1 -c"$connections" -d"$2" "http://127.0.0.1:$3/" | awk '/requests in/ {print $1}')
    after=$(ticks "$1")
    awk -v t=$((after - before)) -v n="$requests" -v k="$tick" 'BEGIN { printf "%.1f", t / k / n * 1e6 }'
  }
  ratios=() bs=() cs=()
  for ((r = 1; r <= rounds; r++)); do
    b=$(cpu_run "$pid_yarp" "${seconds}s" $port_yarp)
    c=$(cpu_run "$pid_gateway" "${seconds}s" $port_gateway)
    bs+=("$b") cs+=("$c")
    ratios+=("$(awk -v c="$c" -v b="$b" 'BEGIN { printf "%.3f", b / c }')")
    echo "round $r: (b) yarp $b µs, (c) gateway $c µs CPU per request; (b)/(c) ${ratios[-1]}"
  done
  echo "median CPU per request: (b) $(median "${bs[@]}") µs, (c) $(median "${cs[@]}") µs"
  echo "median (b) CPU / (c) CPU per request: $(median "${ratios[@]}")   (≈ (c)/(b) throughput when CPU-bound; target >= 0.9)"
  exit 0
fi

cb=() ca=()
for ((r = 1; r <= rounds; r++)); do
  # The order alternates (a b c, then c b a) so that neither proxy always runs right after the other.
  if ((r % 2)); then
    a=$(run "${seconds}s" $port_nginx); b=$(run "${seconds}s" $port_yarp); c=$(run "${seconds}s" $port_gateway)
  else
    c=$(run "${seconds}s" $port_gateway); b=$(run "${seconds}s" $port_yarp); a=$(run "${seconds}s" $port_nginx)
  fi
  cb+=("$(awk -v c="$c" -v b="$b" 'BEGIN { printf "%.3f", c / b }')")
  ca+=("$(awk -v c="$c" -v a="$a" 'BEGIN { printf "%.3f", c / a }')")
  echo "round $r: (a) nginx $a, (b) yarp $b, (c) gateway $c req/s; c/b ${cb[-1]}, c/a ${ca[-1]}"
done
echo "median (c) gateway / (b) yarp: $(median "${cb[@]}")   (target >= 0.9)"
echo "median (c) gateway / (a) nginx: $(median "${ca[@]}")"
