#!/usr/bin/env bash
# Show that a change leaves the bundled example's outputs byte-identical:
# build the example at REV (default: HEAD) in a temporary worktree and in the
# working tree, both with the same SOURCE_DATE_EPOCH, and compare every file.
#   bash scripts/same-output.sh [REV] [--no-pdf]
# Exit 0 when all outputs are identical, 1 when any differs.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=HEAD; formats=html,json,csv,pdf
for a in "$@"; do case "$a" in --no-pdf) formats=html,json,csv ;; *) rev=$a ;; esac; done
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1288483200}
# Both builds verify excerpts against the same sources, wherever the temporary tree sits.
if [ -z "${SCORECARD_SOURCES:-}" ] && [ -d ../shared/sources ]; then export SCORECARD_SOURCES="$(cd ../shared/sources && pwd)"; fi
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git worktree add --detach -q "$tmp/base" "$rev"
ln -s "$PWD/node_modules" "$tmp/base/node_modules"
(cd "$tmp/base" && npm run -s build >/dev/null && node bin/scorecard.js build --format "$formats" --out "$tmp/before" >/dev/null)
npm run -s build >/dev/null && node bin/scorecard.js build --format "$formats" --out "$tmp/after" >/dev/null
status=0
for f in "$tmp"/before/*; do
  name=$(basename "$f")
  if cmp -s "$f" "$tmp/after/$name"; then echo "same      $name"; else echo "DIFFERENT $name"; status=1; fi
done
for f in "$tmp"/after/*; do [ -e "$tmp/before/$(basename "$f")" ] || { echo "NEW       $(basename "$f")"; status=1; }; done
exit $status
