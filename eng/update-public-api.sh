#!/usr/bin/env bash
# Adds every symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's PublicAPI.Unshipped.txt,
# and removes the ones it reports as gone (RS0017). Review the diff: it is the change to the public surface.
# Usage: eng/update-public-api.sh src/Badge.Sdk [src/Badge.Sdk.AspNetCore ...]
set -euo pipefail
for project in "$@"; do
  log=$(mktemp)
  dotnet build "$project" -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  unshipped="$project/PublicAPI.Unshipped.txt"
  grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" "$log" | sort -u >>"$unshipped" || true
  grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API, but)" "$log" | sort -u | while IFS= read -r gone; do
    grep -vxF -- "$gone" "$unshipped" >"$unshipped.tmp" || true
    mv "$unshipped.tmp" "$unshipped"
  done || true
  { head -n1 "$unshipped"; tail -n +2 "$unshipped" | sort -u; } >"$unshipped.tmp" && mv "$unshipped.tmp" "$unshipped"
  rm -f "$log"
done
