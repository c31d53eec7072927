#!/usr/bin/env bash
# valgrind.sh BUILD [TEST...] — run the test suite (as tests/run.sh does) with every
# program under valgrind's memcheck: the sohoa binary of BUILD and each of
# its unit-test binaries. BUILD must be a build without sanitizers (`make
# valgrind` makes build-valgrind). What `make valgrind` runs.
#
# How: BUILD-memcheck/ (or $VALGRIND_WRAP) gets a wrapper script `sohoa` and one per unit test,
# each exec'ing valgrind on the real binary, and the tests are pointed at
# that directory (TEST: a unit-test wrapper BUILD-memcheck/tests/NAME or
# tests/e2e/NAME.sh). Valgrind writes its report to BUILD-memcheck/logs/ (never
# to the test's stderr, which the tests read) and makes the program exit 99
# on a memory error or a definite leak, which fails the test. Leaks inside
# third-party libraries are suppressed (scripts/valgrind.supp), never ours.
# PCRE2's JIT is turned off (scripts/valgrind-nojit.c, preloaded): memcheck
# cannot follow JIT code and would flag every branch in it.
# Ends with the list of programs valgrind complained about.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: valgrind.sh BUILD [TEST...]}
shift
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }
[ -x "$build/sohoa" ] || { echo "valgrind.sh: no $build/sohoa; run make valgrind" >&2; exit 2; }

wrap=${VALGRIND_WRAP:-$build-memcheck} # another name lets two runs go side by side
rm -rf "$wrap"
mkdir -p "$wrap/tests" "$wrap/logs"
cc -std=c11 -O2 -shared -fPIC -o "$wrap/nojit.so" scripts/valgrind-nojit.c || exit 2
vg="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --track-origins=no --num-callers=30 --suppressions=$PWD/scripts/valgrind.supp --log-file=$PWD/$wrap/logs/%q{VG_NAME}.%p.log"

# wrapper NAME REAL — a script NAME that runs REAL under memcheck
wrapper() {
    cat >"$1" <<EOF
#!/bin/sh
LD_PRELOAD=$PWD/$wrap/nojit.so VG_NAME=$(basename "$2") exec $vg "$PWD/$2" "\$@"
EOF
    chmod +x "$1"
}
wrapper "$wrap/sohoa" "$build/sohoa"
# the FTS5 extension, which tests load into the sqlite3 shell (not checked)
[ -f "$build/sohoa_fts.so" ] && ln -s "$PWD/$build/sohoa_fts.so" "$wrap/sohoa_fts.so"
for t in "$build"/tests/*; do
    [ -x "$t" ] && [ -f "$t" ] && wrapper "$wrap/tests/$(basename "$t")" "$t"
done

# `sohoa ocr` re-executes /proc/self/exe to set OpenMP's thread limit
# unless OMP_THREAD_LIMIT is set; under valgrind that file is valgrind's own
# tool, which refuses to run: set it here.
export OMP_THREAD_LIMIT=${OMP_THREAD_LIMIT:-1}
# Under memcheck everything runs 20-50 times slower: give the hang checks
# room, and each test VALGRIND_TIMEOUT seconds (default an hour) instead of
# tests/run.sh's ten minutes, which the ingest and bad-input tests need.
export BAD_INPUT_TIMEOUT=${BAD_INPUT_TIMEOUT:-600}
limit=${VALGRIND_TIMEOUT:-3600}
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=("$wrap"/tests/* tests/e2e/*.sh)
fi
export SOHOA_SRC=$PWD SOHOA=$PWD/$wrap/sohoa SOHOA_DATA=$PWD
export SOHOA_SHARED=${SOHOA_SHARED:-$PWD/../shared}
rc=0 passed=0 failed=0
for t in "${targets[@]}"; do
    case $t in
        *.sh) name=e2e/$(basename "$t" .sh) cmd=(bash "$t") ;;
        *) name=unit/$(basename "$t") cmd=("$t") ;;
    esac
    start=$(date +%s)
    out=$(timeout "$limit" "${cmd[@]}" 2>&1); st=$?
    line=$(printf '%s\n' "$out" | grep -E '^RESULT [0-9]+ [0-9]+$' | tail -n 1)
    p=0 f=1
    [ -n "$line" ] && read -r _ p f <<<"$line"
    [ "$st" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    passed=$((passed + p)) failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        rc=1
        printf '%s\n' "$out" | grep -v '^ok ' | head -n 40 | sed "s|^|  [$name] |"
    fi
    printf '%-40s %4d passed, %d failed (%ds, exit %d)\n' "$name" "$p" "$f" $(($(date +%s) - start)) "$st"
done
echo "$passed passed, $failed failed"

bad=$(grep -lE 'ERROR SUMMARY: [1-9]' "$wrap"/logs/*.log 2>/dev/null)
runs=$(ls "$wrap"/logs/*.log 2>/dev/null | wc -l)
if [ -n "$bad" ]; then
    echo "valgrind: memory errors or definite leaks in $(wc -l <<<"$bad") of $runs program runs:"
    for f in $bad; do
        echo "  $f: $(grep -m1 'ERROR SUMMARY' "$f" | sed 's/^==[0-9]*== //')"
        grep -m1 -A6 -E '^==[0-9]+== (Invalid|Conditional|Use of|Mismatched|Source and|Syscall|[0-9,]+ bytes in)' "$f" | sed 's/^/    /'
    done
    rc=1
else
    echo "valgrind: no memory error or definite leak in $runs program runs"
fi
exit $rc
