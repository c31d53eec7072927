# shard.sh — `sohoa ingest --shard I/N` and `sohoa merge`: three shards
# ingested in parallel processes and merged give what one plain ingest
# gives (documents, sections, paths, search results); merging again changes
# nothing; a shard killed mid-ingest and re-run merges the same; merge is
# atomic and refuses foreign databases. Also runs the shard logic of the
# Slurm, Kubernetes and GNU parallel examples in scripts/ locally.
. "$(dirname "$0")/../e2e-lib.sh"
. "$(dirname "$0")/../e2e-ingest-lib.sh"
signature() {
    q "$1" "SELECT d.sha256 || ' ' ||
              (SELECT count(*) FROM sections s WHERE s.document = d.id) || ' ' ||
              (SELECT group_concat(path, ',') FROM
                 (SELECT path FROM paths p WHERE p.document = d.id ORDER BY path))
            FROM documents d ORDER BY d.sha256"
}
# search results as sorted "path|heading" lines (ids differ between databases)
hits() {
    "$SOHOA" search --db "$1" --limit 1000 --format json "$2" 2>/dev/null |
        python3 -c 'import json,sys
rows=[json.loads(l) for l in sys.stdin if l.strip()]
print("\n".join(sorted("%s|%s"%(sorted(r["paths"])[0],r["section_heading"]) for r in rows)))'
}

gen_doc() {
    cat >"$1" <<EOF
ỦY BAN NHÂN DÂN
HUYỆN THANH BÌNH
Số: $2/BC-UBND
Thanh Bình, ngày 05 tháng 12 năm 2023

BÁO CÁO
Kết quả công tác chuyển đổi số năm 2023, số thứ tự $2

I. KẾT QUẢ ĐẠT ĐƯỢC
Đã cấp $2 tài khoản dịch vụ công trực tuyến cho người dân.
II. TỒN TẠI, HẠN CHẾ
Hạ tầng mạng ở xã số $2 còn yếu.
III. PHƯƠNG HƯỚNG, NHIỆM VỤ
Tiếp tục đẩy mạnh chuyển đổi số.
EOF
}
mkdir -p "$TMP/in/a" "$TMP/in/b"
for i in $(seq 1 30); do gen_doc "$TMP/in/$([ $((i % 2)) = 0 ] && echo a || echo b)/r$i.txt" "$i"; done
cp "$TMP/in/a/r2.txt" "$TMP/in/b/copy-of-r2.txt"   # one content, two paths
: >"$TMP/in/a/empty.txt"                           # a failure, recorded in its shard
find "$TMP/in" -type f | sort >"$TMP/list"

"${ING[@]}" --db "$TMP/plain.db" -q --list "$TMP/list" 2>/dev/null
expect_eq "plain ingest: 30 documents (one bad file)" "1 30" "$? $(docs "$TMP/plain.db")"
ref=$(signature "$TMP/plain.db")

# ---- three shards in parallel processes, then merge --------------------------
pids=()
for i in 0 1 2; do
    "${ING[@]}" --db "$TMP/s$i.db" -q --shard "$i/3" --list "$TMP/list" \
        --json-summary "$TMP/s$i.json" 2>/dev/null &
    pids+=($!)
done
st=""
for p in "${pids[@]}"; do wait "$p"; st="$st$? "; done
total=0 other=0
for i in 0 1 2; do
    total=$((total + $(pyjson "$TMP/s$i.json" 'd["processed"]')))
    other=$((other + $(pyjson "$TMP/s$i.json" 'd["other_shards"]')))
    expect_eq "shard $i summary names its shard" "$i/3" "$(pyjson "$TMP/s$i.json" 'd["shard"]')"
done
expect_eq "the three shards together process each document once" 30 "$total"
expect_eq "each file is left to the two other shards by two shards" 64 "$other"
expect_eq "shards are disjoint" 30 \
    "$(for i in 0 1 2; do q "$TMP/s$i.db" 'SELECT sha256 FROM documents'; done | sort -u | wc -l)"
expect_eq "the shard of each document is its hash modulo 3" "ok" \
    "$(for i in 0 1 2; do q "$TMP/s$i.db" 'SELECT sha256 FROM documents' | while read -r h; do
           python3 -c "import sys; sys.exit(0 if int('$h'[:16],16) % 3 == $i else 1)" || echo "bad $h"
       done; done | grep -c bad | sed 's/^0$/ok/')"
expect_eq "the failure stays in its shard's database" 1 \
    "$(for i in 0 1 2; do q "$TMP/s$i.db" 'SELECT count(*) FROM failures'; done | awk '{n += $1} END {print n}')"

"$SOHOA" merge --db "$TMP/m.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db" 2>"$TMP/err"
expect_eq "merge exits 0" 0 $?
expect_match "merge reports what it did" "3 shards into .*30 documents added" "$(cat "$TMP/err")"
expect_eq "merged == plain ingest (documents, sections, paths)" "$ref" "$(signature "$TMP/m.db")"
expect_eq "merged failures == plain failures" \
    "$(q "$TMP/plain.db" 'SELECT path, stage FROM failures ORDER BY path')" \
    "$(q "$TMP/m.db" 'SELECT path, stage FROM failures ORDER BY path')"
expect_eq "no temporary, -wal or -shm file beside the merged database" "m.db m.db.lock" \
    "$(cd "$TMP" && ls m.db* | tr '\n' ' ' | sed 's/ $//')"
for query in "chuyen doi so" "ha tang mang" "Thanh Bình"; do
    want=$(hits "$TMP/plain.db" "$query")
    expect_eq "search '$query': merged == plain" "$want" "$(hits "$TMP/m.db" "$query")"
done
[ -n "$(hits "$TMP/m.db" "chuyen doi so")" ] && pass "search on the merged database finds documents" \
    || fail "search on the merged database finds documents"

sum1=$(signature "$TMP/m.db")
"$SOHOA" merge -q --db "$TMP/m.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db"
expect_eq "merging the same shards again exits 0" 0 $?
expect_eq "... and changes nothing" "$sum1" "$(signature "$TMP/m.db")"
"$SOHOA" merge -q --db "$TMP/m.db" "$TMP/s1.db" "$TMP/s1.db"
expect_eq "merging an overlapping shard changes nothing" "$sum1" "$(signature "$TMP/m.db")"
expect_eq "... integrity check" ok "$(q "$TMP/m.db" 'PRAGMA integrity_check')"

# ---- a shard killed mid-ingest, re-run, merged -----------------------------------
SOHOA_TEST_KILL_AFTER=3 "${ING[@]}" --db "$TMP/k1.db" -q -j 2 --shard 1/3 --list "$TMP/list" 2>/dev/null
expect_eq "shard 1 killed after its third commit" 137 $?
"${ING[@]}" --db "$TMP/k1.db" -q -j 2 --shard 1/3 --list "$TMP/list" 2>/dev/null
"$SOHOA" merge -q --db "$TMP/m2.db" "$TMP/s0.db" "$TMP/k1.db" "$TMP/s2.db"
expect_eq "a killed and re-run shard merges to the same result" "$ref" "$(signature "$TMP/m2.db")"

# ---- merge refuses what it cannot merge, leaving OUT untouched -------------------------
before=$(sha256sum "$TMP/m.db")
sqlite3 "$TMP/foreign.db" 'CREATE TABLE t(x); PRAGMA user_version = 999;'
err=$("$SOHOA" merge --db "$TMP/m.db" "$TMP/s0.db" "$TMP/foreign.db" 2>&1)
expect_eq "a shard of another schema version is refused (exit 2)" 2 $?
expect_match "... with a message naming it" "foreign.db" "$err"
expect_eq "... and OUT is untouched" "$before" "$(sha256sum "$TMP/m.db")"
expect_eq "... and no temporary file is left" "" "$(ls "$TMP"/m.db.tmp* 2>/dev/null)"
err=$("$SOHOA" merge --db "$TMP/m.db" "$TMP/missing.db" 2>&1)
expect_eq "a missing shard is refused (exit 2)" "2" "$?"
expect_match "... naming it" "missing.db" "$err"
check_status "merge without --db is a usage error" 2 "$SOHOA" merge "$TMP/s0.db"
check_status "merge without shards is a usage error" 2 "$SOHOA" merge --db "$TMP/x.db"
exec 5>"$TMP/m.db.lock"
flock 5
err=$("$SOHOA" merge --db "$TMP/m.db" "$TMP/s0.db" 2>&1 5>&-)
expect_eq "merge into a database being written refuses (exit 2)" 2 $?
expect_match "... saying why" "another sohoa ingest or merge" "$err"
exec 5>&-

# ---- the cluster examples in scripts/, run locally ----------------------------------
S=$SOHOA_SRC/scripts
for f in slurm-ingest.sh parallel-ingest.sh; do
    check "bash -n scripts/$f" bash -n "$S/$f"
done

mkdir -p "$TMP/slurm"
pids=()
for i in 0 1 2; do
    SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=3 SLURM_CPUS_PER_TASK=1 TMPDIR=$TMP/node$i \
        SOHOA=$SOHOA SOHOA_ARGS=--no-restore bash "$S/slurm-ingest.sh" "$TMP/list" "$TMP/slurm" 2>/dev/null &
    pids+=($!)
done
st=""
for p in "${pids[@]}"; do wait "$p"; st="$st$? "; done
expect_eq "Slurm example: three array tasks exit 0" "0 0 0 " "$st"
expect_eq "Slurm example: one database and one summary per shard" \
    "shard-0-of-3.db shard-0-of-3.json shard-1-of-3.db shard-1-of-3.json shard-2-of-3.db shard-2-of-3.json" \
    "$(ls "$TMP/slurm" | tr '\n' ' ' | sed 's/ $//')"
"$SOHOA" merge -q --db "$TMP/slurm.db" "$TMP"/slurm/shard-*-of-3.db
expect_eq "Slurm example: the merge equals the plain ingest" "$ref" "$(signature "$TMP/slurm.db")"
SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 TMPDIR=$TMP/node1b SOHOA=$SOHOA SOHOA_ARGS=--no-restore \
    bash "$S/slurm-ingest.sh" "$TMP/list" "$TMP/slurm" 2>/dev/null
expect_eq "Slurm example: a re-run task resumes from its published database" 0 \
    "$(pyjson "$TMP/slurm/shard-1-of-3.json" 'd["processed"]')"
env -u SLURM_ARRAY_TASK_ID bash "$S/slurm-ingest.sh" "$TMP/list" "$TMP/slurm" >/dev/null 2>&1
expect_eq "Slurm example: outside an array job it refuses" 1 $?

# Kubernetes: the pod's script, between its markers, with JOB_COMPLETION_INDEX
sed -n '/# BEGIN shard-script/,/# END shard-script/p' "$S/k8s-ingest-job.yaml" | sed 's/^ *//' >"$TMP/k8s.sh"
check "Kubernetes example: the pod script parses" sh -n "$TMP/k8s.sh"
mkdir -p "$TMP/k8s"
for i in 0 1 2; do
    mkdir -p "$TMP/scratch$i"
    JOB_COMPLETION_INDEX=$i SHARDS=3 ARCHIVE=$TMP/in OUT=$TMP/k8s SCRATCH=$TMP/scratch$i \
        SOHOA="$SOHOA" SOHOA_ARGS=--no-restore sh "$TMP/k8s.sh" 2>/dev/null &
    pids+=($!)
done
wait
"$SOHOA" merge -q --db "$TMP/k8s.db" "$TMP"/k8s/shard-*-of-3.db
expect_eq "Kubernetes example: the merge of its shards equals the plain ingest" "$ref" "$(signature "$TMP/k8s.db")"
if python3 -c 'import yaml' 2>/dev/null; then
    expect_eq "Kubernetes example: an Indexed Job whose completions match SHARDS" "Indexed 8 8" \
        "$(python3 -c 'import yaml,sys
j=yaml.safe_load(open(sys.argv[1]))
c=j["spec"]["template"]["spec"]["containers"][0]
print(j["spec"]["completionMode"], j["spec"]["completions"], [e["value"] for e in c["env"] if e["name"]=="SHARDS"][0])' "$S/k8s-ingest-job.yaml")"
fi

# GNU parallel: what each host runs (--one), then the merge
mkdir -p "$TMP/par"
for i in 0 1 2; do
    SOHOA=$SOHOA SOHOA_ARGS=--no-restore bash "$S/parallel-ingest.sh" --one "$i" 3 "$TMP/list" "$TMP/par" 2>/dev/null &
done
wait
"$SOHOA" merge -q --db "$TMP/par.db" "$TMP"/par/shard-*-of-3.db
expect_eq "GNU parallel example: the merge of its shards equals the plain ingest" "$ref" "$(signature "$TMP/par.db")"
finish
