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
# Cargo runs rustc through this wrapper, so rustc gets the environment cargo gives it
# (CARGO_PKG_VERSION and the rest; rustc run by hand without them fails in `env!`). The wrapper
# counts only when CALLGRIND_OUT is set, and only the workspace's crates go through it.
wrapper="$COMPILE/target/callgrind-rustc"
mkdir -p "$COMPILE/target"
cat > "$wrapper" <<'EOF'
#!/usr/bin/env bash
if [ -n "${CALLGRIND_OUT:-}" ]; then
    exec valgrind --tool=callgrind --callgrind-out-file="$CALLGRIND_OUT" "$@" 2>> "$CALLGRIND_OUT.log"
fi
exec "$@"
EOF
chmod +x "$wrapper"
export RUSTC_WORKSPACE_WRAPPER="$wrapper"
count() { # crate directory, package -> instructions
    local dir="$1" package="$2" out
    out=$(mktemp)
    # Once natively, so that the incremental cache matches the sources (and cargo's fingerprint
    # the wrapper); then counted.
    touch "$dir/src/lib.rs"
    cargo build -q -p "$package" >&2
    touch "$dir/src/lib.rs"
    if ! CALLGRIND_OUT="$out" cargo build -q -p "$package" >&2; then
        echo "the counted build of $package failed" >&2
        exit 1
    fi
    grep -E '^(summary|totals):' "$out" | head -1 | awk '{print $2}'
    rm -f "$out" "$out.log"
}
ours=$(count ours seam)
theirs=$(count progenitor progenitor-output)
echo "| no-change debug rebuild, rustc instructions | ours | progenitor | ratio |"
echo "|---|---:|---:|---:|"
printf '| `touch src/lib.rs && cargo build` (callgrind) | %d | %d | %s |\n' "$ours" "$theirs" \
    "$(python3 -c "print(f'{$ours / $theirs:.3f}x')")"
