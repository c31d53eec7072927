# time_limit.sh — the per-file --time-limit of `sohoa process` and `sohoa
# ingest` stops restoration part way (the restorer checks its deadline
# between stages and every few thousand words): a 2 MB text without diacritics fails with one
# line naming it and the limit, the other files are processed, and ingest
# records the failure in a consistent database. No timing is asserted
# beyond the run ending and reporting the limit.
#
# The data directory is made here (e2e-slow-lib.sh: the project's rules, a
# model trained on a few lines), so the test needs neither ../shared nor
# models/; restoring the big file with it is slow, 60 times the cost of the
# stages before it, and a 2-second limit falls well between the two.
. "$(dirname "$0")/../e2e-lib.sh"
. "$(dirname "$0")/../e2e-slow-lib.sh"

cd "$TMP"
mkdir in
cat >in/a-plan.txt <<'EOF'
UY BAN NHAN DAN
XA AN BINH
So: 12/KH-UBND

KE HOACH
Tuyen truyen cai cach hanh chinh nam 2022

I. MUC DICH, YEU CAU
Nang cao nhan thuc cua can bo ve cai cach hanh chinh.
II. KINH PHI
Kinh phi tu ngan sach xa.
EOF
sed 's/12/13/; s/2022/2023/' in/a-plan.txt >in/c-plan.txt
slow_setup in/b-big.txt

# ---- process: the big file fails alone, the others are printed ----------
"$SOHOA" process --time-limit 2 in/a-plan.txt in/b-big.txt in/c-plan.txt >out.json 2>err
expect_eq "process: a file over the time limit makes the exit status 1" 1 $?
expect_eq "process: exactly one error line" 1 "$(wc -l <err)"
expect_match "process: it names the big file, restoration and the limit (stage limit)" \
    "^sohoa process: in/b-big\.txt: restoration stopped after [0-9.]+ s: over the per-file limit of 2 s \(stage limit\)$" \
    "$(cat err)"
expect_eq "process: the two other files are printed, restored, in order" \
    "in/a-plan.txt ke_hoach ỦY BAN NHÂN DÂN
in/c-plan.txt ke_hoach ỦY BAN NHÂN DÂN" \
    "$(python3 -c 'import json
for l in open("out.json"):
    d = json.loads(l); print(d["source"]["path"], d["doc_type"], d["text"].splitlines()[0])')"

# ---- ingest: recorded as failed, the rest stored, the database sound -----
"$SOHOA" ingest --db t.db -j 2 --time-limit 2 --json-summary sum.json in >/dev/null 2>err
expect_eq "ingest: exit status 1 (one file failed)" 1 $?
expect_eq "ingest: one failure line naming the big file and the limit" 1 \
    "$(grep -c '^sohoa ingest: failed: .*b-big\.txt: restoration stopped after .* over the per-file limit of 2 s (stage limit)$' err)"
expect_eq "ingest: the summary counts 2 processed, 1 failed" "2 1" \
    "$(python3 -c 'import json; d=json.load(open("sum.json")); print(d["processed"], d["failed"])')"
if command -v sqlite3 >/dev/null; then
    expect_eq "ingest: the two other files are stored" "in/a-plan.txt
in/c-plan.txt" "$(sqlite3 t.db 'SELECT path FROM paths ORDER BY path')"
    expect_eq "ingest: the failure is recorded at stage limit" "in/b-big.txt limit" \
        "$(sqlite3 t.db "SELECT path || ' ' || stage FROM failures")"
    expect_eq "ingest: the database passes integrity_check" ok "$(sqlite3 t.db 'PRAGMA integrity_check')"
fi
expect_match "failures lists the big file at stage limit" "b-big\.txt +limit +1 " \
    "$("$SOHOA" failures --db t.db)"
"$SOHOA" ingest --db t.db --time-limit 2 in >/dev/null 2>err
expect_eq "ingest again: nothing new, the failed file is not retried (exit 0)" 0 $?
expect_match "... and is counted as previously failed" "1 previously failed" "$(cat err)"
finish
