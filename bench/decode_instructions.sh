#!/usr/bin/env bash
# Instructions per decode of 1,000 objects, generated types against the plain baseline, counted by
# callgrind: the same figure on a busy machine as on a quiet one, unlike the criterion times.
# Usage: bash bench/decode_instructions.sh   (needs valgrind)
set -euo pipefail
cd "$(dirname "$0")"
cargo build -q --release --example decode_instructions
BIN=target/release/examples/decode_instructions
count() { # kind side times -> total instructions
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$BIN" "$1" "$2" "$3" 2>/dev/null >/dev/null
    grep -E '^(summary|totals):' "$out" | head -1 | awk '{print $2}'
    rm -f "$out"
}
echo "| page | generated, instructions per decode | plain | ratio |"
echo "|---|---:|---:|---:|"
for kind in access_code acs_credential; do
    declare -A per
    for side in generated plain; do
        base=$(count "$kind" "$side" 0)
        ten=$(count "$kind" "$side" 10)
        per[$side]=$(( (ten - base) / 10 ))
    done
    printf '| %s | %d | %d | %s |\n' "$kind" "${per[generated]}" "${per[plain]}" \
        "$(python3 -c "print(f'{${per[generated]} / ${per[plain]}:.3f}x')")"
done
