#!/usr/bin/env bash
# Runs every ```sh block of README.md, line by line and in order, as a new user would type it, so the README stays
# true. Each command must exit with 0. What differs from a user's terminal, and why:
#   - the fixed ports become free ones (5280 → the standalone emulator's, 5080 → the government site's, 5290 → the
#     platform's) so that CI never binds a port someone else's copy holds; the government site's own in-process
#     emulator gets a port of its own, and the tool is pointed at it (BADGE_AUTHORITY);
#   - `dotnet tool install --global` installs into a temporary tool path (put first on PATH), and HOME is a temporary
#     folder (the credential app keeps its credential there);
#   - `dotnet add package` runs in a scratch console project whose nuget.config adds artifacts/packages;
#   - the long-running servers (`dotnet run --project samples/Badge.{GovSite,Authority,Platform}`) are started in the
#     background and probed over HTTP until they answer, and stopped at the end;
#   - `dotnet test` is skipped: it is .ci/run's own test step;
#   - before `scan qr.png`, the QR is saved from the platform (POST /challenges, GET …/qr.png), as the README tells
#     the user to do in the browser; passwords the credential app asks for are typed on its standard input.
# Usage: eng/readme-commands.sh (from anywhere; Configuration=Debug to use Debug builds; BADGE_README_NO_BUILD=1 adds
# --no-build to `dotnet run` for a quick local check against builds already made — CI runs the commands as written).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export Configuration=${Configuration:-Release}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
work=$(mktemp -d)
pids=()
db_existed=0
[[ -e samples/Badge.Authority/badge-authority.db ]] && db_existed=1
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ((db_existed)) || rm -f "$root"/samples/Badge.Authority/badge-authority.db*
  rm -f "$root/sites.csv" "$root"/report.csv "$root"/report.jsonl "$root"/report.html "$root/qr.png"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
authority_port=$(free_port) site_port=$(free_port) site_authority_port=$(free_port) platform_port=$(free_port)
export HOME="$work/home"
mkdir -p "$HOME"
export BADGE_AUTHORITY="http://127.0.0.1:$site_authority_port/"
password='readme check 1'
tools=0

substitute() {
  local line=$1
  line=${line//5280/$authority_port}
  line=${line//5080/$site_port}
  line=${line//5290/$platform_port}
  if [[ ${BADGE_README_NO_BUILD:-} == 1 ]]; then line=${line//dotnet run --project/dotnet run --no-build --project}; fi
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

declare -A running=()
start_server() { # line
  local line=$1 log="$work/server-${#pids[@]}.log" url text kind
  kind=${line#*samples/}
  kind=${kind%% *}
  if [[ -n ${running[$kind]:-} ]]; then
    echo "  (already running since block ${running[$kind]}, as the README's walk assumes)"
    return
  fi
  running[$kind]=$blocks
  case $line in
    *samples/Badge.GovSite*)
      ASPNETCORE_URLS="http://localhost:$site_port" Badge__EmbeddedAuthorityUrl="http://127.0.0.1:$site_authority_port" \
        Badge__DataDirectory="$work/govsite" setsid bash -c "$line" >"$log" 2>&1 &
      url="http://localhost:$site_port/" text='data-online-badge' ;;
    *samples/Badge.Authority*)
      ASPNETCORE_URLS="http://127.0.0.1:$authority_port" setsid bash -c "$line" >"$log" 2>&1 &
      url="http://127.0.0.1:$authority_port/.well-known/badge-authority" text='rootCertificate' ;;
    *samples/Badge.Platform*)
      Platform__Port=$platform_port Badge__DataDirectory="$work/platform" setsid bash -c "$line" >"$log" 2>&1 &
      url="http://127.0.0.1:$platform_port/platform.json" text='platform' ;;
  esac
  pids+=($!)
  wait_for "$url" "$text" 300 "$log"
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
in_block=0 blocks=0 commands=0
while IFS= read -r raw; do
  if [[ $raw == '```sh' ]]; then in_block=1; blocks=$((blocks + 1)); continue; fi
  if [[ $raw == '```'* ]]; then in_block=0; continue; fi
  ((in_block)) || continue
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
    "dotnet run --project samples/Badge.GovSite"* | "dotnet run --project samples/Badge.Authority"* | "dotnet run --project samples/Badge.Platform"*)
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
    *"CredentialApp -- scan"*)
      save_qr
      printf '%s\ny\n' "$password" | eval "$line" ;;
    *)
      eval "$line" ;;
  esac
done <README.md

[[ -e samples/Badge.Authority/badge-authority.db ]] || { echo "the emulator's database is not where the README says" >&2; exit 1; }
printf '\nREADME: %d commands in %d sh blocks ran as written.\n' "$commands" "$blocks"
