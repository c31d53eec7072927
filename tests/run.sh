#!/usr/bin/env bash
# tests/run.sh BUILD_DIR — run every unit-test binary in BUILD_DIR/tests and
# every end-to-end script tests/e2e/*.sh against BUILD_DIR/sohoa; print each
# result and end with "N passed, M failed" (exit 1 if any failed).
# A single test file: tests/run.sh BUILD_DIR tests/e2e/cli.sh
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
export SOHOA_SRC=$PWD
export SOHOA=$PWD/$build/sohoa
export SOHOA_DATA=$PWD
export SOHOA_SHARED=${SOHOA_SHARED:-$PWD/../shared}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0 failed=0
failed_names=()
run_one() { # name, command...
    local name=$1; shift
    local out rc
    out=$("$@" 2>&1); rc=$?
    local line p f
    line=$(printf '%s\n' "$out" | grep -E '^RESULT [0-9]+ [0-9]+$' | tail -n 1)
    if [ -n "$line" ]; then
        read -r _ p f <<<"$line"
    else
        p=0 f=1   # crashed or printed no tally: count as one failure
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        failed_names+=("$name")
        printf '%s\n' "$out" | grep -v '^ok ' | head -n 40 | sed "s|^|  [$name] |"
    fi
    printf '%-40s %4d passed, %d failed\n' "$name" "$p" "$f"
}

if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=("$build"/tests/* tests/e2e/*.sh)
fi
for t in "${targets[@]}"; do
    [ -e "$t" ] || continue
    case $t in
        *.sh) run_one "e2e/$(basename "$t" .sh)" timeout 600 bash "$t" ;;
        *)    [ -x "$t" ] && run_one "unit/$(basename "$t")" timeout 600 "$t" ;;
    esac
done
if [ ${#failed_names[@]} -gt 0 ]; then
    echo "failing: ${failed_names[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
