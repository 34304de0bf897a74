#!/usr/bin/env bash
# Runs every ```sh block of README.md, line by line and in order, as a new user would type it, so the README stays
# true. Each command must exit with 0. A line ending in `\` is joined with the next, as the shell does. What differs
# from a user's terminal, and why:
#   - the fixed ports become free ones (5280 → the standalone emulator's, 5080 → the government site's, 5290 → the
#     platform's, 5281 → the faulty authority's, 5090 → the government site's behind it, 8080 → the web server's in
#     front of which the gateway runs, 8081 → the gateway's) so that CI never binds a port someone else's copy
#     holds; the government site's own in-process emulator gets a port of its own, and the tool is pointed at it
#     (BADGE_AUTHORITY);
#   - the README's "site's web server on port 8080" is a stand-in this script starts: `python3 -m http.server` on
#     127.0.0.1, serving one small HTML page from a temporary folder;
#   - `dotnet tool install --global` installs into a temporary tool path (put first on PATH), and HOME is a temporary
#     folder (the credential app keeps its credential there);
#   - `dotnet add package` runs in a scratch console project whose nuget.config adds artifacts/packages;
#   - the long-running servers (`dotnet run --project samples/Badge.{GovSite,Authority,Platform}`, the benchmarks'
#     `faulty-authority` and `src/Badge.Gateway`) are started in the background, with no standard input, and probed
#     over HTTP until they answer (a site or the gateway: until its page has the badge footer), and stopped at the
#     end; a server whose command is the same as one already running is not started twice (the README's walks
#     assume the emulator started earlier still runs); a variable a line sets (`id=$(badge issue …)`) is exported,
#     so that a server started after it in its own shell sees it, as it would in the user's terminal;
#   - `dotnet test` is skipped: it is .ci/run's own test step;
#   - before `scan qr.png`, the QR is saved from the platform (POST /challenges, GET …/qr.png), as the README tells
#     the user to do in the browser; passwords the credential app asks for are typed on its standard input.
# Usage: eng/readme-commands.sh (from anywhere; Configuration=Debug to use Debug builds; BADGE_README_NO_BUILD=1 adds
# --no-build to `dotnet run` (and turns `-c Release` into `-c $Configuration`) for a quick local check against builds
# already made — CI runs the commands as written).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export Configuration=${Configuration:-Release}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
work=$(mktemp -d)
pids=()
db_existed=0
[[ -e samples/Badge.Authority/badge-authority.db ]] && db_existed=1
admin_existed=0
[[ -e admin-a.p12 ]] && admin_existed=1
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ((db_existed)) || rm -f "$root"/samples/Badge.Authority/badge-authority.db*
  ((admin_existed)) || rm -f "$root"/admin-a.p12*
  rm -f "$root/sites.csv" "$root"/report.csv "$root"/report.jsonl "$root"/report.html "$root/qr.png"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
authority_port=$(free_port) site_port=$(free_port) site_authority_port=$(free_port) platform_port=$(free_port)
faulty_port=$(free_port) faulty_site_port=$(free_port) upstream_port=$(free_port) gateway_port=$(free_port)
declare -A ports=([5280]=$authority_port [5080]=$site_port [5290]=$platform_port [5281]=$faulty_port
  [5090]=$faulty_site_port [8080]=$upstream_port [8081]=$gateway_port)
export HOME="$work/home"
mkdir -p "$HOME"
export BADGE_AUTHORITY="http://127.0.0.1:$site_authority_port/"
password='readme check 1'
tools=0

substitute() {
  local line=$1 port
  # In two passes, so that a free port that happens to contain a fixed one (45080) is not replaced again.
  for port in "${!ports[@]}"; do line=${line//$port/@port-$port@}; done
  for port in "${!ports[@]}"; do line=${line//@port-$port@/${ports[$port]}}; done
  if [[ ${BADGE_README_NO_BUILD:-} == 1 ]]; then
    line=${line//dotnet run --project/dotnet run --no-build --project}
    line=${line//dotnet run -c Release --project/dotnet run -c $Configuration --no-build --project}
  fi
  if [[ $line == *"dotnet tool install --global"* ]]; then line=${line//--global/--tool-path $work/tools-$tools}; fi
  printf '%s' "$line"
}

wait_for() { # url text seconds log
  local deadline=$((SECONDS + $3))
  until curl -fsS --max-time 5 "$1" 2>/dev/null | grep -q "$2"; do
    if ((SECONDS > deadline)); then
      echo "  no answer containing '$2' from $1 within $3 s; the server's output:" >&2
      cat "$4" >&2
      exit 1
    fi
    sleep 1
  done
}

upstream_started=0
start_upstream() { # the stand-in for the site's web server on 8080, in front of which the README runs the gateway
  ((upstream_started)) && return
  upstream_started=1
  mkdir -p "$work/upstream"
  printf '%s\n' '<!DOCTYPE html>' '<html lang="zh-CN"><head><meta charset="utf-8"><title>万载县人民政府网</title></head>' \
    '<body><h1>万载县人民政府网</h1><p>A page from the web server behind the gateway.</p></body></html>' >"$work/upstream/index.html"
  setsid python3 -m http.server "$upstream_port" --bind 127.0.0.1 --directory "$work/upstream" \
    </dev/null >"$work/upstream.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$upstream_port/" '万载县人民政府网' 30 "$work/upstream.log"
  echo "  (a stand-in web server for the README's port 8080 serves one page on 127.0.0.1:$upstream_port)"
}

declare -A running=()
start_server() { # line
  local line=$1 log="$work/server-${#pids[@]}.log" url text key urls
  key=${line%%#*}
  key=${key%"${key##*[![:space:]]}"}
  if [[ -n ${running[$key]:-} ]]; then
    echo "  (already running since block ${running[$key]}, as the README's walk assumes)"
    return
  fi
  running[$key]=$blocks
  urls=
  [[ $line =~ --urls[=\ ]+(http://[^ ]+) ]] && urls=${BASH_REMATCH[1]%/}
  case $line in
    *samples/Badge.GovSite*)
      ASPNETCORE_URLS="http://localhost:$site_port" Badge__EmbeddedAuthorityUrl="http://127.0.0.1:$site_authority_port" \
        Badge__DataDirectory="$work/govsite-${#pids[@]}" setsid bash -c "$line" </dev/null >"$log" 2>&1 &
      url="${urls:-http://localhost:$site_port}/" text='data-online-badge' ;;
    *samples/Badge.Authority*)
      ASPNETCORE_URLS="http://127.0.0.1:$authority_port" setsid bash -c "$line" </dev/null >"$log" 2>&1 &
      url="http://127.0.0.1:$authority_port/.well-known/badge-authority" text='rootCertificate' ;;
    *samples/Badge.Platform*)
      Platform__Port=$platform_port Badge__DataDirectory="$work/platform" setsid bash -c "$line" </dev/null >"$log" 2>&1 &
      url="http://127.0.0.1:$platform_port/platform.json" text='platform' ;;
    *faulty-authority*) # it cycles through its faults, so the probe may take a few rounds of 'none'
      setsid bash -c "$line" </dev/null >"$log" 2>&1 &
      url="http://127.0.0.1:$faulty_port/.well-known/badge-authority" text='rootCertificate' ;;
    *src/Badge.Gateway*)
      start_upstream
      setsid bash -c "$line" </dev/null >"$log" 2>&1 &
      url="${urls:-http://127.0.0.1:$gateway_port}/" text='data-online-badge' ;;
  esac
  pids+=($!)
  wait_for "$url" "$text" 600 "$log" # `dotnet run` builds first: minutes on a busy two-core machine
  echo "  (started in the background; $url answers)"
}

save_qr() { # the QR the README's walk saves from the page at the identity step
  local challenge id
  challenge=$(curl -fsS -H 'Content-Type: application/json' \
    -d '{"accountId":"wb-1001","uscc":"11360922MB0001230X","name":"万载县人民政府办公室"}' "http://127.0.0.1:$platform_port/challenges")
  id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$challenge")
  curl -fsS -o qr.png "http://127.0.0.1:$platform_port/challenges/$id/qr.png"
  echo "  (saved qr.png for challenge $id from the platform)"
}

consumer=
in_block=0 blocks=0 commands=0 continued=
while IFS= read -r raw; do
  if [[ $raw == '```sh' ]]; then in_block=1; blocks=$((blocks + 1)); continue; fi
  if [[ $raw == '```'* ]]; then
    [[ -z $continued ]] || { echo "README block $blocks ends inside a \\ continuation: $continued" >&2; exit 1; }
    in_block=0
    continue
  fi
  ((in_block)) || continue
  if [[ -n $continued ]]; then raw="$continued ${raw#"${raw%%[![:space:]]*}"}"; continued=; fi
  if [[ $raw == *'\' ]]; then continued=${raw%\\}; continued=${continued%"${continued##*[![:space:]]}"}; continue; fi
  [[ -z ${raw// } || $raw == '#'* ]] && continue
  commands=$((commands + 1))
  if [[ $raw == *"dotnet tool install --global"* ]]; then # (here, not in substitute's subshell, so PATH stays)
    tools=$((tools + 1))
    mkdir -p "$work/tools-$tools"
    export PATH="$work/tools-$tools:$PATH"
  fi
  line=$(substitute "$raw")
  printf '\n[block %d] $ %s\n' "$blocks" "$raw"
  case $raw in
    "dotnet test"*)
      echo "  (skipped: .ci/run's test step runs it)" ;;
    "dotnet run --project samples/Badge.GovSite"* | "dotnet run --project samples/Badge.Authority"* | "dotnet run --project samples/Badge.Platform"* | \
      "dotnet run --project src/Badge.Gateway"* | *"--project benchmarks/Badge.Sdk.Benchmarks -- faulty-authority"*)
      start_server "$line" ;;
    "dotnet add package"*)
      if [[ -z $consumer ]]; then
        consumer="$work/consumer"
        dotnet new console -o "$consumer" >/dev/null
        cat >"$consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="local" value="$root/artifacts/packages" /></packageSources></configuration>
EOF
      fi
      (cd "$consumer" && eval "$line") >"$work/add.log" 2>&1 || { cat "$work/add.log" >&2; exit 1; }
      echo "  (added to a scratch project)" ;;
    *"CredentialApp -- enroll"*)
      printf '%s\n%s\n' "$password" "$password" | eval "$line" ;;
    *"CredentialApp -- grant"*) # signs with the credential enrolled above: its password
      printf '%s\n' "$password" | eval "$line" ;;
    *"CredentialApp -- scan"*)
      save_qr
      printf '%s\ny\n' "$password" | eval "$line" ;;
    *)
      eval "$line" </dev/null
      if [[ $raw =~ ^([A-Za-z_][A-Za-z0-9_]*)= ]]; then
        export "${BASH_REMATCH[1]}"
        [[ -n ${!BASH_REMATCH[1]} ]] || { echo "  \$${BASH_REMATCH[1]} is empty after this command" >&2; exit 1; }
        echo "  (\$${BASH_REMATCH[1]} is ${!BASH_REMATCH[1]})"
      fi ;;
  esac
done <README.md

[[ -e samples/Badge.Authority/badge-authority.db ]] || { echo "the emulator's database is not where the README says" >&2; exit 1; }
printf '\nREADME: %d commands in %d sh blocks ran as written.\n' "$commands" "$blocks"
