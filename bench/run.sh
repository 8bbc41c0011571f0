#!/usr/bin/env bash
# Runs every benchmark of issue 5 and writes BENCHMARKS.md at the repository root:
#   bash bench/run.sh
# Needs: cargo, node and npm (for Seam's published document). Builds run with `nice -n 19`.
# Environment: RUNS (generation runs per measurement, default 15), COMPILE_RUNS (default 7); the client
# overhead bench reads ROUNDS, CALLS, THROUGHPUT_CALLS, CONCURRENCY, WARMUP (bench/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
TARGET="$BENCH/target"
RESULTS="$TARGET/results"
COMPILE="$TARGET/compile"
RUNS="${RUNS:-15}"
COMPILE_RUNS="${COMPILE_RUNS:-7}"
NICE="nice -n 19"
export CARGO_TERM_COLOR=never
START=$(date +%s)
step() { printf '\n==> %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

rm -rf "$RESULTS"
mkdir -p "$RESULTS" "$COMPILE"

step "machine"
{
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "cores (nproc): $(nproc)"
    echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rustc: $(rustc -V)"
    echo "cargo: $(cargo -V)"
    echo "node: $(node -v)"
    echo "kernel: $(uname -sr)"
} > "$RESULTS/machine.txt"
cat "$RESULTS/machine.txt" >&2
date -u '+%Y-%m-%d %H:%M UTC' > "$RESULTS/date.txt"
echo "bash bench/run.sh" > "$RESULTS/command.txt"

step "Seam's full published document (@seamapi/types, pinned in bench/node/package-lock.json)"
(cd "$BENCH/node" && npm ci --no-audit --no-fund --loglevel=error >&2)
(cd "$BENCH/node" && node --input-type=module -e "import('@seamapi/types/connect').then(m=>process.stdout.write(JSON.stringify(m.openapi)))") > "$TARGET/seam-full.json"
(cd "$BENCH/node" && node -p "JSON.parse(require('fs').readFileSync('node_modules/@seamapi/types/package.json', 'utf8')).version") > "$RESULTS/seamapi_types_version.txt"

step "build the bench (release)"
(cd "$BENCH" && $NICE cargo build --release --bin seam-bench >&2)
grep -A1 '^name = "progenitor"$' "$BENCH/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p' > "$RESULTS/progenitor_version.txt"

step "generation: $RUNS runs each, ours and progenitor interleaved"
$NICE "$TARGET/release/seam-bench" generation --root "$ROOT" --full "$TARGET/seam-full.json" --runs "$RUNS" \
    --out "$RESULTS" --compile-dir "$COMPILE"

step "compile time of the generated code: prebuild dependencies"
(cd "$COMPILE" && $NICE cargo build --workspace >&2 && $NICE cargo build --workspace --release >&2)
# [median, min, max] of the numbers on stdin, one per line.
spread() { sort -g | awk '{ a[NR] = $1 } END { m = (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2); printf "[%s, %s, %s]", m, a[1], a[NR] }'; }
rebuild() { # crate directory, package, cargo flags... -> seconds
    local dir="$1" package="$2"
    shift 2
    touch "$COMPILE/$dir/src/lib.rs"
    local t0 t1
    t0=$(now)
    (cd "$COMPILE" && $NICE cargo build -p "$package" --quiet "$@" >&2)
    t1=$(now)
    elapsed "$t0" "$t1"
}
# Ours and progenitor alternate, so that the machine's drift hits both alike; one untimed build of
# each first (building one package alone can rebuild a dependency with other features).
time_pair() { # profile name, cargo flags... -> writes $RESULTS/compile-<profile>-{ours,progenitor}.txt
    local profile="$1"
    shift
    rebuild ours seam "$@" > /dev/null
    rebuild progenitor progenitor-output "$@" > /dev/null
    : > "$RESULTS/compile-$profile-ours.txt"
    : > "$RESULTS/compile-$profile-progenitor.txt"
    for _ in $(seq "$COMPILE_RUNS"); do
        { rebuild ours seam "$@"; echo; } >> "$RESULTS/compile-$profile-ours.txt"
        { rebuild progenitor progenitor-output "$@"; echo; } >> "$RESULTS/compile-$profile-progenitor.txt"
    done
}
step "compile time: $COMPILE_RUNS rebuilds each, alternating (touch src/lib.rs && cargo build)"
time_pair debug
time_pair release --release
{
    echo "{"
    echo "  \"runs\": $COMPILE_RUNS,"
    echo "  \"ours_debug_s\": $(spread < "$RESULTS/compile-debug-ours.txt"),"
    echo "  \"progenitor_debug_s\": $(spread < "$RESULTS/compile-debug-progenitor.txt"),"
    echo "  \"ours_release_s\": $(spread < "$RESULTS/compile-release-ours.txt"),"
    echo "  \"progenitor_release_s\": $(spread < "$RESULTS/compile-release-progenitor.txt")"
    echo "}"
} > "$RESULTS/compile.json"
cat "$RESULTS/compile.json" >&2

# Runs bench/<name>_instructions.sh into $RESULTS/<name>_instructions.md, or says why it could not.
counted() {
    local out="$RESULTS/$1_instructions.md"
    if command -v valgrind >/dev/null; then
        bash "$BENCH/$1_instructions.sh" > "$out"
    else
        echo "valgrind is not installed: no instruction counts in this run (apt-get install valgrind)." > "$out"
    fi
    cat "$out" >&2
}

step "compile, counted in instructions (callgrind): steady whatever else the machine runs"
counted compile

step "decode throughput (criterion)"
(cd "$BENCH" && $NICE cargo bench --bench decode -- --noplot >&2)

step "decode time in paired rounds, generated and plain alternating (ROUNDS, BATCH)"
(cd "$BENCH" && RESULTS_DIR="$RESULTS" $NICE cargo bench --bench decode_paired >&2)

step "decode, counted in instructions (callgrind): steady whatever else the machine runs"
counted decode

step "client overhead: seam against raw reqwest on loopback (custom harness; ROUNDS, CALLS, ... in bench/README.md)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
(cd "$BENCH" && RESULTS_DIR="$RESULTS" $NICE cargo bench --bench client_overhead >&2)

step "incremental build of the root crate with --features codegen, nothing changed"
(cd "$ROOT" && $NICE cargo build --features codegen >&2)
t0=$(now)
(cd "$ROOT" && $NICE cargo build -v --features codegen) > "$RESULTS/incremental.log" 2>&1
t1=$(now)
{
    echo "Two \`nice -n 19 cargo build --features codegen\` in the repository root, one after the other; the second, with \`-v\`, took $(elapsed "$t0" "$t1") s."
    if grep -q 'Blocking waiting for file lock' "$RESULTS/incremental.log"; then
        echo "(That time includes waiting for the cargo lock held by another build on this machine.)"
    fi
    if grep 'Running' "$RESULTS/incremental.log" | grep -q 'seam-[0-9a-f]*/build-script-build'; then
        echo "**The build script reran** on the second build. Its \`-v\` output:"
    else
        echo "The build script did not rerun: the second build's \`-v\` output has no \`Running ...build-script-build\` line for \`seam\`, and cargo reports the package fresh:"
    fi
    echo
    echo '```'
    grep -E 'Fresh seam|Dirty seam|Running .*build-script|Compiling seam|Finished' "$RESULTS/incremental.log" || true
    echo '```'
} > "$RESULTS/incremental.md"
cat "$RESULTS/incremental.md" >&2

cp "$BENCH/notes.md" "$RESULTS/notes.md"
cp "$BENCH/method.md" "$RESULTS/method.md"
END=$(date +%s)
echo "$(((END - START) / 60)) min $(((END - START) % 60)) s" > "$RESULTS/duration.txt"
"$TARGET/release/seam-bench" report --results "$RESULTS" --criterion "$TARGET/criterion" --out "$ROOT/BENCHMARKS.md"
step "wrote $ROOT/BENCHMARKS.md"
