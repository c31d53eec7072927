# tests/e2e-lib.sh — helpers for end-to-end tests (sourced). Each check
# prints "ok"/"FAIL" with its description; `finish` prints the tally line
# "RESULT <passed> <failed>" that tests/run.sh adds up.
# Environment (set by tests/run.sh): SOHOA (the binary), SOHOA_SRC (the tree),
# SOHOA_SHARED (../shared, may be absent).
set -u
: "${SOHOA:?run through tests/run.sh}"
: "${SOHOA_SRC:=$PWD}"
_pass=0 _fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { _pass=$((_pass + 1)); echo "ok   $*"; }
fail() { _fail=$((_fail + 1)); echo "FAIL $*"; }

# check DESC CMD... — passes when CMD exits 0
check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then pass "$d"; else fail "$d (exit $?: $*)"; fi; }
# check_status DESC WANT CMD... — passes when CMD exits with status WANT
check_status() {
    local d=$1 want=$2; shift 2
    "$@" >/dev/null 2>&1; local rc=$?
    if [ "$rc" -eq "$want" ]; then pass "$d"; else fail "$d (exit $rc, want $want)"; fi
}
# expect_eq DESC WANT GOT
expect_eq() {
    if [ "$2" == "$3" ]; then pass "$1"; else fail "$1"; printf '    want: %s\n    got:  %s\n' "$2" "$3"; fi
}
# expect_match DESC REGEX TEXT (grep -E on the text)
expect_match() {
    if printf '%s' "$3" | grep -Eq -- "$2"; then pass "$1"; else fail "$1"; printf '    no match for /%s/ in:\n%s\n' "$2" "$(printf '%s' "$3" | head -c 600)"; fi
}
# have_shared — 0 if ../shared is present; otherwise say the checks are skipped
have_shared() {
    if [ -d "${SOHOA_SHARED:-/nonexistent}" ]; then return 0; fi
    echo "skip: ${SOHOA_SHARED:-../shared} is absent; checks that read it are skipped"
    return 1
}
finish() { echo "RESULT $_pass $_fail"; }
