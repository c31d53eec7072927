# bad_inputs.sh — `sohoa process` and `sohoa ingest` over the bad-input
# corpus (scripts/make-bad-inputs.sh; tests/bad-inputs/README.md): every
# file gives one clear error line naming it, or a correct result; never a
# crash (exit >= 128, a sanitizer report), never a hang (timeout); the
# database stays consistent and lists every failure.
. "$(dirname "$0")/../e2e-lib.sh"

LIMIT=${BAD_INPUT_TIMEOUT:-30}   # seconds per command before it counts as a hang
san='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|Segmentation fault|core dumped|Aborted'
bad=$TMP/bad
if ! gen=$("$SOHOA_SRC/scripts/make-bad-inputs.sh" "$bad" 2>&1); then
    fail "make-bad-inputs.sh writes the corpus"; printf '%s\n' "$gen" | tail -n 5
    finish; exit 0
fi
cd "$bad" || exit 1
root=0; [ "$(id -u)" -eq 0 ] && root=1

# The restorer needs the shipped model; without it, test the rest of the chain.
ropt=()
printf 'Kế hoạch cải cách hành chính năm 2024.\n' >"$TMP/good.txt"
if ! "$SOHOA" process "$TMP/good.txt" >/dev/null 2>"$TMP/probe"; then
    if "$SOHOA" process --no-restore "$TMP/good.txt" >/dev/null 2>&1; then
        echo "note: the restorer cannot load ($(head -n 1 "$TMP/probe")); running with --no-restore"
        ropt=(--no-restore)
    fi
fi

# run_sohoa OUT ERR CMD... — run under the hang timeout (four times longer
# for an ingest of the whole corpus); sets $rc.
run_sohoa() {
    local o=$1 e=$2 limit=$LIMIT; shift 2
    [ "$1" = ingest ] && limit=$((LIMIT * 4))
    timeout -k 5 "$limit" "$SOHOA" "$@" >"$o" 2>"$e"; rc=$?
}
# survived DESC ERRFILE — fails DESC on a crash, hang or sanitizer report.
survived() {
    if [ "$rc" -ge 124 ]; then
        fail "$1: crashed or hung (exit $rc)"; sed -n '1,6s/^/    /p' "$2"; return 1
    fi
    if grep -Eq "$san" "$2"; then
        fail "$1: sanitizer report"; grep -E -m 3 -A 3 "$san" "$2" | sed 's/^/    /'; return 1
    fi
    return 0
}

# ---- sohoa process, one file at a time ------------------------------------
declare -A outcome   # name -> error | result
while IFS=$'\t' read -r name expect regex what; do
    d="process $name ($what)"
    # Files over 1 MB skip the restorer: restoring 10 MB takes minutes under
    # ASan (bench/ measures it); decoding, normalising and segmenting them
    # is what is tested here.
    big=()
    [ -f "$name" ] && [ "$(stat -c %s "$name")" -gt 1000000 ] && big=(--no-restore)
    run_sohoa "$TMP/out" "$TMP/err" process "${ropt[@]}" "${big[@]}" -- "$name"
    survived "$d" "$TMP/err" || { outcome[$name]=crash; continue; }
    nerr=$(wc -l <"$TMP/err"); nout=$(wc -l <"$TMP/out")
    if [ "$rc" -eq 0 ]; then
        outcome[$name]=result
        if [ "$nerr" -ne 0 ] || [ "$nout" -ne 1 ] ||
           [ "$(jq -r '.source.path' "$TMP/out" 2>/dev/null)" != "$name" ]; then
            fail "$d: a result is one JSON object naming the file, and nothing on stderr"
            head -c 300 "$TMP/err" | sed 's/^/    /'; continue
        fi
    elif [ "$rc" -eq 1 ]; then
        outcome[$name]=error
        msg=$(cat "$TMP/err")
        # the reason: what is left of the line once the file name is removed
        reason=${msg//"$name"/}
        if [ "$nerr" -ne 1 ] || [ "$nout" -ne 0 ] || [[ "$msg" != *"$name"* ]] ||
           ! grep -Eq '[a-z]{3,}' <<<"$reason"; then
            fail "$d: an error is one line naming the file and the reason"
            head -n 4 "$TMP/err" | sed 's/^/    /'; continue
        fi
        if [ "$regex" != - ] && ! grep -Eiq -- "$regex" <<<"$reason"; then
            fail "$d: the error gives the reason /$regex/"; echo "    $msg"; continue
        fi
    else
        outcome[$name]=crash
        fail "$d: exit $rc (want 0 or 1)"; head -n 3 "$TMP/err" | sed 's/^/    /'; continue
    fi
    [ "$expect" = nonroot-error ] && expect=$([ $root = 1 ] && echo either || echo error)
    if [ "$expect" != either ] && [ "$expect" != "${outcome[$name]}" ]; then
        fail "$d: want $expect, got ${outcome[$name]}"
        head -c 300 "$TMP/err" | sed 's/^/    /'; continue
    fi
    pass "$d: ${outcome[$name]}"
done <MANIFEST

# ---- limits and forced decodings, with hand-computed expectations ----------
# invalid-utf8.txt opens with three copies of an 87-byte UTF-8 line: its
# first bad byte (an overlong C0 80) is at offset 3 * 87 = 261.
run_sohoa "$TMP/out" "$TMP/err" process "${ropt[@]}" --encoding utf-8 invalid-utf8.txt
survived "forced UTF-8" "$TMP/err" &&
    expect_match "--encoding utf-8 names the first invalid byte (261)" \
        "invalid-utf8\.txt.*(byte|offset) 261([^0-9]|$)" "$(cat "$TMP/err")"
run_sohoa "$TMP/out" "$TMP/err" process "${ropt[@]}" --lenient --encoding utf-8 invalid-utf8.txt
survived "--lenient" "$TMP/err" &&
    expect_eq "--lenient decodes invalid UTF-8 (U+FFFD)" "0 1" \
        "$rc $(jq -r '.text // ""' "$TMP/out" 2>/dev/null | grep -c $'\uFFFD')"
run_sohoa "$TMP/out" "$TMP/err" process --no-restore --time-limit 0.000001 long-line-words.txt
survived "--time-limit" "$TMP/err" &&
    expect_match "--time-limit stops a 10 MB file with an error naming it" \
        "long-line-words\.txt.*(limit|time)" "$(cat "$TMP/err")"
help=$("$SOHOA" process --help)
limit_opt() { # NAME REGEX FILE ARG REASON — if process has the option, it must work
    local opt
    opt=$(grep -Eo -- "$2" <<<"$help" | head -n 1)
    if [ -z "$opt" ]; then
        echo "note: process has no option for the $1 limit (looked for /$2/)"; return
    fi
    run_sohoa "$TMP/out" "$TMP/err" process "${ropt[@]}" "$opt" "$4" "$3"
    survived "$opt" "$TMP/err" &&
        expect_match "$opt $4 refuses $3 with an error naming it" "$3.*$5" "$(cat "$TMP/err")"
}
limit_opt pixel '--max-pixels' blank-64.png 100 'pixel|limit'
limit_opt page '--max-pages' blank-1000-pages.pdf 10 'page|limit'
limit_opt text-size '--max-(text-)?(bytes|size)' many-headings.txt 1000 'limit|large|byte'

# The single-stage text commands: a size limit (both) and a time limit
# (restore, whose restorer checks its deadline as it goes).
run_sohoa "$TMP/out" "$TMP/err" normalize --max-bytes 1000 long-line-words.txt
survived "normalize --max-bytes" "$TMP/err" &&
    expect_eq "normalize --max-bytes 1000 refuses the 10 MB file: exit 1, one line naming it" "1 1 1" \
        "$rc $(wc -l <"$TMP/err") $(grep -c 'long-line-words\.txt: larger than the --max-bytes limit of 1000 bytes' "$TMP/err")"
if [ ${#ropt[@]} -eq 0 ]; then
    run_sohoa "$TMP/out" "$TMP/err" restore --max-bytes 1000 -- long-line-words.txt "$TMP/good.txt"
    survived "restore --max-bytes" "$TMP/err" &&
        expect_eq "restore --max-bytes 1000: the 10 MB file refused in one line naming it, the next restored, exit 1" \
            "1 1 1 1" "$rc $(wc -l <"$TMP/err") $(grep -c 'long-line-words\.txt: larger than the --max-bytes limit of 1000 bytes' "$TMP/err") $(wc -l <"$TMP/out")"
    run_sohoa "$TMP/out" "$TMP/err" restore --time-limit 0.000001 long-line-words.txt
    survived "restore --time-limit" "$TMP/err" &&
        expect_eq "restore --time-limit 0.000001 gives up on the 10 MB file: exit 1, one line naming it, no output" \
            "1 1 1 0" "$rc $(wc -l <"$TMP/err") $(grep -c 'long-line-words\.txt: gave up after 1e-06 seconds (--time-limit)' "$TMP/err") $(wc -c <"$TMP/out")"
    for fmt in "" --json; do # under the default limit (the deadline checked) or none: the same
        "$SOHOA" restore $fmt "$TMP/good.txt" >"$TMP/limited" 2>&1
        "$SOHOA" restore $fmt --time-limit 0 "$TMP/good.txt" >"$TMP/unlimited" 2>&1
        if [ -s "$TMP/limited" ] && cmp -s "$TMP/limited" "$TMP/unlimited"; then pass "restore $fmt: under the time limit the output is the same as without"
        else fail "restore $fmt: under the time limit the output is the same as without"; fi
    done
fi

# ---- the single-stage commands on endless inputs -----------------------------
for cmd in normalize segment; do
    for f in fifo.txt dev-zero.txt; do
        run_sohoa "$TMP/out" "$TMP/err" "$cmd" "$f"
        survived "$cmd $f" "$TMP/err" &&
            expect_eq "$cmd $f: exit 1 and one error line naming it" "1 1 1" \
                "$rc $(wc -l <"$TMP/err") $(grep -c "$f" "$TMP/err")"
    done
done

# ---- several files in one run: errors do not disturb the next file ---------
some=(truncated.png one-pixel.png encrypted.pdf cr-only.txt dangling.txt nul-bytes.txt
      huge-dims.jpg "name with spaces và dấu.txt" loop-a.txt bad-crc.png)
run_sohoa "$TMP/out" "$TMP/err" process "${ropt[@]}" -- "${some[@]}"
if survived "process over ${#some[@]} bad files at once" "$TMP/err"; then
    want_err=0 want_out=0
    for f in "${some[@]}"; do
        case ${outcome[$f]:-} in error) want_err=$((want_err + 1)) ;; result) want_out=$((want_out + 1)) ;; esac
    done
    # (error lines only: third-party noise on stderr is caught file by file above)
    expect_eq "one run over ${#some[@]} files: as many error and JSON lines as one at a time" \
        "$want_err $want_out" "$(grep -c '^sohoa process: ' "$TMP/err") $(wc -l <"$TMP/out")"
fi

# ---- sohoa ingest ------------------------------------------------------------
# Without the restorer (tests/e2e/ingest.sh covers ingest with it), so that
# the 10 MB files take seconds. Every input is named (so that the loops and the unreadable file are met
# too), except the directory, which ingest walks as a folder, and the two
# endless files, which get an ingest of their own below.
files=()
while IFS=$'\t' read -r name _; do
    case $name in a-directory.txt | fifo.txt | dev-zero.txt) ;; *) files+=("$name") ;; esac
done <MANIFEST
db=$TMP/bad.db
run_sohoa "$TMP/out" "$TMP/err" ingest --db "$db" -j 2 --no-restore -- "${files[@]}"
ingested=0
if survived "ingest of the bad-input corpus" "$TMP/err"; then
    ingested=1
    expect_eq "ingest exits 1 when some files failed" 1 "$rc"
    [ "$rc" -eq 1 ] || head -n 3 "$TMP/err" | sed 's/^/    /'
fi
expect_eq "the database passes PRAGMA integrity_check" ok \
    "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)"
expect_eq "the database passes PRAGMA foreign_key_check" "" \
    "$(sqlite3 "$db" 'PRAGMA foreign_key_check' 2>&1)"
if [ $ingested = 1 ]; then
    "$SOHOA" failures --db "$db" --format json 2>"$TMP/ferr" | jq -r '.[].path' >"$TMP/failed" 2>/dev/null
    sqlite3 "$db" 'SELECT path FROM paths' >"$TMP/stored" 2>/dev/null
    accounted=0
    for f in "${files[@]}"; do
        in_failed=$(grep -Fxc -- "$f" "$TMP/failed"); in_stored=$(grep -Fxc -- "$f" "$TMP/stored")
        case "${outcome[$f]:-}:$in_failed$in_stored" in
            error:10 | result:01) accounted=$((accounted + 1)) ;;
            *) fail "ingest records $f as process found it (${outcome[$f]:-?}; failures $in_failed, stored $in_stored)" ;;
        esac
    done
    expect_eq "ingest: every file is stored or listed by 'sohoa failures', as process found it" \
        "${#files[@]}" "$accounted"
fi

# Endless inputs named explicitly: a FIFO nobody writes to and /dev/zero.
# Both must be refused (not regular files), not waited on or read forever.
run_sohoa "$TMP/out" "$TMP/err" ingest --db "$TMP/endless.db" --no-restore -- fifo.txt dev-zero.txt
survived "ingest of a FIFO and /dev/zero" "$TMP/err" &&
    expect_eq "ingest of a FIFO and /dev/zero: exit 1, both listed as failures" "1 dev-zero.txt fifo.txt" \
        "$rc $(sqlite3 "$TMP/endless.db" 'SELECT path FROM failures ORDER BY path' 2>&1 | tr '\n' ' ' | sed 's/ $//')"

# An incremental rerun skips everything (failures are retried only on request).
[ $ingested = 1 ] && nfail=$(wc -l <"$TMP/failed") || nfail=?
run_sohoa "$TMP/out" "$TMP/err" ingest --db "$db" -j 2 --no-restore -- "${files[@]}"
survived "ingest rerun" "$TMP/err" && expect_eq "a rerun processes nothing and exits 0" 0 "$rc"
# --retry-failed on four of them: those four are tried again, the rest not.
retry=(truncated.png encrypted.pdf loop-a.txt huge-dims.png)
run_sohoa "$TMP/out" "$TMP/err" ingest --db "$db" --no-restore --retry-failed -- "${retry[@]}"
survived "ingest --retry-failed" "$TMP/err" &&
    expect_eq "--retry-failed tries the named failures again (attempts 2), no other" \
        "4 2 2 $((${nfail/\?/0} - 4))" \
        "$(sqlite3 "$db" "SELECT count(*), min(attempts), max(attempts) FROM failures WHERE path IN
              ('truncated.png', 'encrypted.pdf', 'loop-a.txt', 'huge-dims.png')" | tr '|' ' ') $(
           sqlite3 "$db" 'SELECT count(*) FROM failures WHERE attempts = 1')"
expect_eq "the database is still sound after three runs" ok "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)"

# Walking a folder: symlinks back up are not followed, a FIFO is not a file,
# a dangling link is reported: one document, one failure.
mkdir -p "$TMP/walk/sub"
printf 'Kế hoạch cải cách hành chính năm 2024.\n' >"$TMP/walk/sub/ok.txt"
ln -s .. "$TMP/walk/sub/up"; ln -s . "$TMP/walk/self"
mkfifo "$TMP/walk/pipe.txt"; ln -s nowhere.txt "$TMP/walk/dangling.txt"
run_sohoa "$TMP/out" "$TMP/err" ingest --db "$TMP/walk.db" --recursive --no-restore -- "$TMP/walk"
survived "ingest --recursive over symlink loops" "$TMP/err" &&
    expect_eq "a walk stores ok.txt, fails dangling.txt, skips the loops and the FIFO" \
        "1 1 $TMP/walk/dangling.txt" \
        "$rc $(sqlite3 "$TMP/walk.db" 'SELECT count(*) FROM documents') $(sqlite3 "$TMP/walk.db" 'SELECT path FROM failures')"

# A database that is not one: one error line naming it, exit 2, file untouched.
printf 'not a database\n' >"$TMP/notdb.db"
for cmd in "ingest --no-restore --db $TMP/notdb.db cr-only.txt" "failures --db $TMP/notdb.db" \
           "search --db $TMP/notdb.db kinh"; do
    # shellcheck disable=SC2086
    run_sohoa "$TMP/out" "$TMP/err" $cmd
    survived "$cmd" "$TMP/err" &&
        expect_eq "${cmd%% *} on a file that is not a database: exit 2, one line naming it" \
            "2 1 1" "$rc $(wc -l <"$TMP/err") $(grep -c notdb.db "$TMP/err")"
done
expect_eq "the foreign file is left as it was" "not a database" "$(cat "$TMP/notdb.db")"
finish
