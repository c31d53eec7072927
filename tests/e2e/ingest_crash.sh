# ingest_crash.sh — a file that crashes `sohoa ingest` does not crash every
# rerun: the journal DB.inflight names the files being processed and the
# one a crash signal hit; the next run records that file as failed (stage
# crash, skipped until --retry-failed) and goes on. A run that was killed
# (SIGKILL: nothing says which file, if any, was the cause) makes the next
# one warn about the files it left in flight and try them again.
#
# Crashes come from the test hook SOHOA_TEST_CRASH_ON=NAME (src/batch/ingest.c:
# a write to a page without access on the file NAME, abort() with
# "abort:NAME", a stack overflow with "stack:NAME"); the kill is a real SIGKILL while a slow file is in flight
# (e2e-slow-lib.sh); the damaged journals are written by hand in the
# format of src/batch/inflight.h.
. "$(dirname "$0")/../e2e-lib.sh"
. "$(dirname "$0")/../e2e-slow-lib.sh"

cd "$TMP"
mkdir in
cat >in/a-plan.txt <<'EOF'
UY BAN NHAN DAN HUYEN LAP VO
So: 45/BC-UBND

BAO CAO
Ket qua cai cach hanh chinh quy I nam 2023
EOF
sed 's/45/46/; s/quy I/quy II/' in/a-plan.txt >in/c-plan.txt
slow_setup b-big.txt
A=$PWD/in/a-plan.txt C=$PWD/in/c-plan.txt
sha() { sha256sum <"$1" | cut -c1-64; }
tab=$(printf '\t')
journal_gone() { [ -e "$1.inflight" ] && echo "still there" || echo gone; }

# ---- a fault on c: the next run records it as failed and stores the rest ----
SOHOA_TEST_CRASH_ON=c-plan.txt "$SOHOA" ingest --db t.db -j 2 "$A" "$C" >/dev/null 2>&1
st=$?
# (a signal's status unsanitised; 1 under AddressSanitizer, which reports the fault)
expect_eq "the crashing run dies (exit status not 0)" yes "$([ $st -ne 0 ] && echo yes || echo "no: $st")"
expect_eq "its journal notes c crashed with SIGSEGV (11)" 1 \
    "$(grep -c "^crash${tab}$(sha "$C")${tab}11\$" t.db.inflight)"
"$SOHOA" ingest --db t.db -j 2 "$A" "$C" >/dev/null 2>err
expect_eq "the next run: exit status 1 (one file failed)" 1 $?
expect_eq "... one failure line naming c, the signal and stage crash" \
    "sohoa ingest: failed: $C: the program crashed (Segmentation fault) while processing it; skipped until --retry-failed (stage crash)" \
    "$(grep failed: err)"
expect_eq "... its journal is gone once it ends" gone "$(journal_gone t.db)"
expect_match "failures lists c at stage crash" "c-plan\.txt +crash +1 " "$("$SOHOA" failures --db t.db)"
if command -v sqlite3 >/dev/null; then
    expect_eq "a is stored, c is not" "$A" "$(sqlite3 t.db 'SELECT path FROM paths')"
    expect_eq "the database passes integrity_check" ok "$(sqlite3 t.db 'PRAGMA integrity_check')"
fi
"$SOHOA" ingest --db t.db "$A" "$C" >/dev/null 2>err
expect_eq "a run after: exit 0, c not tried again" 0 $?
expect_match "... counted once, as previously failed" "nothing to do: 1 file unchanged, 1 previously failed" "$(cat err)"
"$SOHOA" ingest --db t.db --retry-failed "$C" >/dev/null 2>err
expect_eq "--retry-failed (no crash now): c is stored" 0 $?
expect_eq "... and no failure is left" "no recorded failures" "$("$SOHOA" failures --db t.db 2>&1)"

# ---- a stack overflow on c: the handler has a stack of its own to run on ----
SOHOA_TEST_CRASH_ON=stack:c-plan.txt "$SOHOA" ingest --db s.db -j 2 "$A" "$C" >/dev/null 2>&1
st=$?
expect_eq "a stack overflow: the run dies (exit status not 0)" yes \
    "$([ $st -ne 0 ] && echo yes || echo "no: $st")"
expect_eq "... and its journal still notes c crashed with SIGSEGV (11)" 1 \
    "$(grep -c "^crash${tab}$(sha "$C")${tab}11\$" s.db.inflight)"
"$SOHOA" ingest --db s.db -j 2 "$A" "$C" >/dev/null 2>err
expect_eq "... the next run records c as failed at stage crash" \
    "sohoa ingest: failed: $C: the program crashed (Segmentation fault) while processing it; skipped until --retry-failed (stage crash)" \
    "$(grep failed: err)"

# ---- --retry-failed right after a crash: the file is tried, with a warning --
SOHOA_TEST_CRASH_ON=c-plan.txt "$SOHOA" ingest --db r.db -j 1 "$C" >/dev/null 2>&1
"$SOHOA" ingest --db r.db --retry-failed "$C" >/dev/null 2>err
expect_eq "--retry-failed after a crash: exit 0, c stored this time" 0 $?
expect_eq "... with a warning naming it and the crash" \
    "sohoa ingest: warning: $C: the last run crashed (Segmentation fault) while processing it; trying it again (--retry-failed)" \
    "$(grep warning: err)"
expect_eq "... and no failure recorded" "no recorded failures" "$("$SOHOA" failures --db r.db 2>&1)"

# ---- abort() in inbox mode: the crashed file moves to the failed folder -----
mkdir -p box/inbox box/done box/failed
cp "$A" box/inbox/a.txt
cp "$C" box/inbox/c.txt
SOHOA_TEST_CRASH_ON=abort:c.txt "$SOHOA" ingest --db box.db -j 1 --move-done box/done \
    --move-failed box/failed box/inbox >/dev/null 2>&1
expect_eq "abort: the journal notes SIGABRT (6)" 1 \
    "$(grep -c "^crash${tab}$(sha "$C")${tab}6\$" box.db.inflight)"
"$SOHOA" ingest --db box.db -j 1 --move-done box/done --move-failed box/failed box/inbox >/dev/null 2>err
expect_eq "inbox: the next run exits 1" 1 $?
expect_eq "inbox: c is in the failed folder, a in done, the inbox empty" "done/a.txt failed/c.txt" \
    "$(cd box && find done failed inbox -type f | sort | tr '\n' ' ' | sed 's/ $//')"
expect_match "inbox: the failure is recorded under c's new path, (Aborted)" \
    "box/failed/c\.txt +crash +1 .*crashed \(Aborted\)" "$("$SOHOA" failures --db box.db)"

# ---- a SIGKILL while a slow file is in flight: a warning, then tried again --
cp b-big.txt in/b-big.txt
B=$PWD/in/b-big.txt
"$SOHOA" ingest --db k.db -j 1 --quiet "$A" "$B" >/dev/null 2>&1 &
pid=$!
for i in $(seq 1 1200); do
    grep -q "^start${tab}$(sha "$B")${tab}" k.db.inflight 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_eq "killed: the journal shows the big file started, not ended, no crash" "1 0 0" \
    "$(grep -c "^start${tab}$(sha "$B")${tab}$B\$" k.db.inflight) $(grep -c "^end${tab}$(sha "$B")" k.db.inflight) $(grep -c "^crash" k.db.inflight)"
"$SOHOA" ingest --db k.db -j 1 --time-limit 1 "$A" "$B" >/dev/null 2>err
expect_eq "the next run warns about the big file (no crash noted) and tries it again" \
    "sohoa ingest: warning: $B: the last run was stopped (killed?) while processing it; trying it again, after the other files" \
    "$(grep warning: err)"
expect_match "... where it meets its time limit (stage limit), not a crash" \
    "^sohoa ingest: failed: $B: restoration stopped after .* \(stage limit\)\$" "$(grep failed: err)"
expect_eq "... and the journal is gone" gone "$(journal_gone k.db)"

# ---- a file a killed run had in flight goes last: the others are stored first
# (a is first in input order; were it the cause, c would never be reached)
rm -f o.db*
printf 'start\t%s\t%s\n' "$(sha "$A")" "$A" >o.db.inflight
SOHOA_TEST_CRASH_ON=a-plan.txt "$SOHOA" ingest --db o.db -j 1 "$A" "$C" >/dev/null 2>&1
expect_eq "killed before on a: this run starts c, comes back from it, then starts a" \
    "start $C|end|start $A|crash" \
    "$(awk -F'\t' '{print $1 ($1 == "start" ? " " $3 : "")}' o.db.inflight | tr '\n' '|' | sed 's/|$//')"
# (whether c was also committed before the crash depends on the writer
# thread; the order of the work is what the journal shows)

# ---- journals written by hand --------------------------------------------
sa=$(sha "$A") sc=$(sha "$C")
rm -f h.db*
{
    printf 'start\t%s\t%s\n' "$sa" "$A"
    printf 'crash\t%s\t11\n' "$sa"
    printf 'start\t%s\t%s\n' "$sa" "$A"   # tried again in a later run, which came back
    printf 'end\t%s\n' "$sa"
    printf 'start\t%s\t%s' "$sc" "$C"     # torn: the writer died in the middle of it
} >h.db.inflight
"$SOHOA" ingest --db h.db "$A" "$C" >/dev/null 2>err
expect_eq "a crash followed by a clean start and end, a torn line: no failure, no warning" \
    "0 0" "$? $(grep -c 'warning:\|failed:' err)"

rm -f h.db*
head -c 3000 /dev/urandom >h.db.inflight
printf '\nstart\tnot-a-hash\t/x\ncrash\t%s\tSEGV\nend\n' "$sc" >>h.db.inflight
"$SOHOA" ingest --db h.db "$A" >/dev/null 2>err
expect_eq "a damaged journal: exit 0, no failure, no warning" "0 0" "$? $(grep -c 'warning:\|failed:' err)"

# a record whose path holds a NUL byte is no record (fuzz finding #10)
rm -f h.db*
printf 'start\t%s\t\000/x\ncrash\t%s\t11\n' "$sc" "$sc" >h.db.inflight
"$SOHOA" ingest --db h.db "$A" >/dev/null 2>err
expect_eq "a NUL in a journal's path: exit 0, no failure, no warning" "0 0" "$? $(grep -c 'warning:\|failed:' err)"

rm -f h.db*
mkdir h.db.inflight
"$SOHOA" ingest --db h.db "$A" >/dev/null 2>err
expect_eq "a journal that is a folder: the file is still stored (exit 0)" 0 $?
expect_match "... with a warning naming the journal" \
    "^sohoa ingest: warning: [^ ]*h\.db\.inflight: .*not known\$" "$(grep warning: err | head -1)"
rmdir h.db.inflight

# a path with a tab and a newline in it goes through the journal's escapes
odd="$PWD/in/odd${tab}name
x.txt"
cp "$A" "$odd"
printf 'DU THAO\n' >>"$odd"
rm -f h.db*
{
    printf 'start\t%s\t%s\n' "$(sha "$odd")" "$PWD/in/odd\\tname\\nx.txt"
    printf 'crash\t%s\t7\n' "$(sha "$odd")"
} >h.db.inflight
"$SOHOA" ingest --db h.db "$odd" >/dev/null 2>err
expect_eq "an escaped path: failed under its real name" 1 $?
expect_eq "... (SIGBUS, 7) named as it is in the failure line" 1 \
    "$(grep -c "^sohoa ingest: failed: $PWD/in/odd${tab}name\$" err)"
finish
