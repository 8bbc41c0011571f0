#!/usr/bin/env bash
# Instructions rustc spends on the no-change debug rebuild (`touch src/lib.rs && cargo build`) of
# the generated crates, ours and progenitor's, counted by callgrind: the same figure on a busy
# machine as on a quiet one, unlike the wall-clock times. Release builds are left out: under
# callgrind they take minutes each.
# Usage: bash bench/compile_instructions.sh   (needs valgrind, and bench/run.sh's compile crates in
# bench/target/compile)
set -euo pipefail
COMPILE="$(cd "$(dirname "$0")" && pwd)/target/compile"
cd "$COMPILE"
count() { # crate directory, package -> instructions
    local dir="$1" package="$2" command out
    touch "$dir/src/lib.rs"
    # The exact rustc invocation cargo makes for the crate itself (not its dependencies).
    command=$(cargo build -v -p "$package" 2>&1 | sed -n "s/^ *Running \`\(.*--crate-name ${package//-/_} .*\)\`$/\1/p" | tail -1)
    if [ -z "$command" ]; then
        echo "no rustc invocation found for $package" >&2
        exit 1
    fi
    # Once natively, so that the incremental cache matches the sources; then counted.
    eval "$command" > /dev/null 2>&1
    out=$(mktemp)
    eval "valgrind --tool=callgrind --callgrind-out-file=$out $command" > /dev/null 2>&1
    grep -E '^(summary|totals):' "$out" | head -1 | awk '{print $2}'
    rm -f "$out"
}
ours=$(count ours seam)
theirs=$(count progenitor progenitor-output)
echo "| no-change debug rebuild, rustc instructions | ours | progenitor | ratio |"
echo "|---|---:|---:|---:|"
printf '| `touch src/lib.rs && cargo build` (callgrind) | %d | %d | %s |\n' "$ours" "$theirs" \
    "$(python3 -c "print(f'{$ours / $theirs:.3f}x')")"
