#!/usr/bin/env bash
# Runs the generators named in $TOOLS ("seam", "progenitor" or both) on one document, one process each
# under `timeout`, and writes one TSV row per generator to $ROWS/<id>.tsv:
#   id  tool  outcome  exit-status  seconds  log
# The log (under $LOGS/<tool>/) keeps the generator's stderr, which the report reads for the reasons.
# lib.sh says what each outcome means.
#   one.sh "ID<TAB>FILE"            (one argument: a line of list.js, as xargs passes it)
# Environment: TOOLS, SEAM_CODEGEN (binary), SEAM_BENCH (binary), TIMEOUT (seconds), MEM_LIMIT_MB,
# ROWS, LOGS, WORK (scratch directory for the crates seam-codegen writes).
set -uo pipefail
source "$(dirname "$0")/lib.sh"

IFS=$'\t' read -r id file <<< "$1"
safe="${id//\//__}"
rows=""
for tool in $TOOLS; do
    log="$LOGS/$tool/$safe.txt"
    mkdir -p "$(dirname "$log")"
    out=""
    case "$tool" in
        seam)
            out=$(mktemp -d "$WORK/crate.XXXXXX")
            cmd=("$SEAM_CODEGEN" crate --spec "$file" --out "$out/crate" --name "$(crate_name "$id")") ;;
        progenitor)
            cmd=("$SEAM_BENCH" progenitor-one --spec "$file") ;;
        *) echo "unknown tool $tool" >&2; exit 2 ;;
    esac
    start=$(date +%s.%N)
    # No core files (an abort on a 47 MB document would write gigabytes), and a memory ceiling so that
    # one document cannot take the shared machine's memory (an allocation failure then is an abort).
    # The outer 2>/dev/null silences bash's own "Aborted" notice; the generator's stderr is in $log.
    {
        (
            ulimit -c 0
            ulimit -v $((${MEM_LIMIT_MB:-8192} * 1024))
            exec timeout -k 5 "${TIMEOUT:-60}" "${cmd[@]}"
        ) > /dev/null 2> "$log"
        rc=$?
    } 2> /dev/null
    end=$(date +%s.%N)
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    timed_out=$(awk -v s="$seconds" -v t="${TIMEOUT:-60}" 'BEGIN { print (s >= t ? 1 : 0) }')
    # The largest seam-codegen log is 2 MB (5,000 diagnostics); the cap only guards against a runaway
    # writer. The report ignores a last line cut in the middle.
    truncate -s '<16M' "$log"
    [ -n "$out" ] && rm -rf "$out"
    rows+="$id"$'\t'"$tool"$'\t'"$(classify "$rc" "$log" "$timed_out")"$'\t'"$rc"$'\t'"$seconds"$'\t'"$log"$'\n'
done
printf '%s' "$rows" > "$ROWS/$safe.tsv"
