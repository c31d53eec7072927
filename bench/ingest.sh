#!/usr/bin/env bash
# bench/ingest.sh SOHOA SHARED — batch ingestion and shard merging (issues
# #8, #11). Prints a Markdown section on stdout:
#  1. `sohoa ingest` of the same scans (the light pages of SHARED/eval/scans,
#     one page a file) with -j 1 and -j 2: wall time and pages per minute,
#     next to plain `tesseract IMG stdout -l vie` on each page in sequence,
#     with one thread (OMP_THREAD_LIMIT=1, the OCR-only floor of -j 1) and
#     with Tesseract's default OpenMP threads, measured in the same run;
#  2. a rerun over unchanged files (20,000 synthetic text documents): files/s,
#     next to the first ingest of the same files;
#  3. `sohoa merge` of 4 shard databases totalling those 20,000 documents,
#     next to a plain ingest of the same files into one database.
# The synthetic documents are plans written by a fixed-seed generator below
# (5 sections each, bodies drawn from a word list), so runs are comparable.
set -uo pipefail
sohoa=$(realpath "${1:?usage: bench/ingest.sh SOHOA SHARED}")
shared=$(realpath "${2:?usage: bench/ingest.sh SOHOA SHARED}")
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NDOCS=${NDOCS:-20000}

now() { date +%s.%N; }
secs() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
# speed BASE T: "2.00× faster" / "1.50× slower" for a run of T seconds against BASE
speed() {
    python3 -c "import sys
b, t = float(sys.argv[1]), float(sys.argv[2])
print('%.2f× faster' % (b / t) if t <= b else '%.2f× slower' % (t / b))" "$1" "$2"
}
per_min() { python3 -c "import sys; print('%.1f' % (float(sys.argv[1]) * 60 / float(sys.argv[2])))" "$1" "$2"; }
per_sec() { python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
# hyperfine's mean in seconds, from its JSON export
hf_mean() { python3 -c "import json,sys; print('%.2f' % json.load(open(sys.argv[1]))['results'][0]['mean'])" "$1"; }

echo "### Batch ingestion and shard merge"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM; $("$sohoa" --version)."
echo

# ---- 1. scans: -j 1 against -j 2 --------------------------------------------------
mkdir -p "$tmp/scans"
n=0
for d in "$shared"/eval/scans/doc*-light; do
    for p in "$d"/page-*.png; do
        [ -f "$p" ] || continue
        cp "$p" "$tmp/scans/$(basename "$d")-$(basename "$p")"
        n=$((n + 1))
    done
done
if [ "$n" -gt 0 ]; then
    tp=$(now)
    for p in "$tmp"/scans/*.png; do
        OMP_THREAD_LIMIT=1 tesseract "$p" stdout -l vie >/dev/null 2>&1
    done
    t0=$(now)
    for p in "$tmp"/scans/*.png; do tesseract "$p" stdout -l vie >/dev/null 2>&1; done
    t1=$(now)
    "$sohoa" ingest --db "$tmp/j1.db" -q -j 1 "$tmp/scans"
    t2=$(now)
    "$sohoa" ingest --db "$tmp/j2.db" -q -j 2 "$tmp/scans"
    t3=$(now)
    tess1=$(secs "$tp" "$t0") tess=$(secs "$t0" "$t1") j1=$(secs "$t1" "$t2") j2=$(secs "$t2" "$t3")
    for db in j1 j2; do
        got=$(sqlite3 "$tmp/$db.db" 'SELECT count(*) FROM documents')
        [ "$got" = "$n" ] || echo "**Warning: the $db run stored $got documents of $n.**"
    done
    echo "Scans: the $n light pages of ../shared/eval/scans (PNG, 300 dpi, one page a file), the whole"
    echo "pipeline (OCR, normalisation, restoration, segmentation, commit)."
    echo
    echo '```'
    echo "for p in scans/*.png; do OMP_THREAD_LIMIT=1 tesseract \$p stdout -l vie; done"
    echo "for p in scans/*.png; do tesseract \$p stdout -l vie; done"
    echo "sohoa ingest --db j1.db -q -j 1 scans/"
    echo "sohoa ingest --db j2.db -q -j 2 scans/"
    echo '```'
    echo
    echo "| run | wall time (s) | pages/min | vs -j 1 |"
    echo "|---|---:|---:|---:|"
    echo "| tesseract CLI, sequential, one thread (OCR only, the floor of -j 1) | $tess1 | $(per_min "$n" "$tess1") | $(speed "$j1" "$tess1") |"
    echo "| tesseract CLI, sequential, default OpenMP threads (OCR only) | $tess | $(per_min "$n" "$tess") | $(speed "$j1" "$tess") |"
    echo "| sohoa ingest -j 1 | $j1 | $(per_min "$n" "$j1") | 1.00 |"
    echo "| sohoa ingest -j 2 | $j2 | $(per_min "$n" "$j2") | $(speed "$j1" "$j2") |"
    echo
else
    echo "(no scans under $shared/eval/scans: the scan timings are skipped)"
    echo
fi

# ---- synthetic documents ------------------------------------------------------------
python3 - "$tmp/docs" "$NDOCS" <<'EOF'
import os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
random.seed(20261130)
words = ("ủy ban nhân dân huyện xã tỉnh kế hoạch báo cáo triển khai thực hiện công tác "
         "cải cách hành chính chuyển đổi số tuyên truyền kinh phí ngân sách phòng nội vụ "
         "tư pháp văn hóa thông tin kết quả đạt được tồn tại hạn chế nhiệm vụ giải pháp "
         "người dân doanh nghiệp dịch vụ công trực tuyến hồ sơ thủ tục một cửa").split()
def body(k): return " ".join(random.choice(words) for _ in range(k))
for i in range(n):
    d = os.path.join(out, "%03d" % (i // 1000))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "kh%05d.txt" % i), "w", encoding="utf-8") as f:
        f.write("ỦY BAN NHÂN DÂN\nXÃ %s\nSố: %d/KH-UBND\n\nKẾ HOẠCH\n%s\n\n"
                "I. MỤC ĐÍCH, YÊU CẦU\n%s\nII. NỘI DUNG\n%s\nIII. THỜI GIAN\n%s\n"
                "IV. KINH PHÍ\n%s\nV. TỔ CHỨC THỰC HIỆN\n%s\n"
                % (body(2).upper(), i, body(10), body(30), body(50), body(15), body(20), body(25)))
EOF

# ---- 2. a rerun that skips everything ----------------------------------------------------
t0=$(now)
"$sohoa" ingest --db "$tmp/plain.db" -q --no-restore -r "$tmp/docs"
t1=$(now)
first=$(secs "$t0" "$t1")
hyperfine --style none --runs 3 --export-json "$tmp/rerun.json" \
    "$sohoa ingest --db $tmp/plain.db -q --no-restore -r $tmp/docs" >/dev/null 2>&1
rerun=$(hf_mean "$tmp/rerun.json")
echo "Incremental rerun: $NDOCS synthetic text plans (5 sections each), all already in the"
echo "database; restoration off in both runs (the rerun hashes and looks up every file)."
echo
echo '```'
echo "sohoa ingest --db plain.db -q --no-restore -r docs/    # first run"
echo "hyperfine --runs 3 'sohoa ingest --db plain.db -q --no-restore -r docs/'    # reruns"
echo '```'
echo
echo "| run | wall time (s) | files/s | vs first run |"
echo "|---|---:|---:|---:|"
echo "| first ingest, -j $(nproc) | $first | $(per_sec "$NDOCS" "$first") | 1.00 |"
echo "| rerun, nothing to do | $rerun | $(per_sec "$NDOCS" "$rerun") | $(speed "$first" "$rerun") |"
echo

# ---- 3. merge of 4 shards totalling NDOCS documents ------------------------------------------
t0=$(now)
for i in 0 1 2 3; do
    "$sohoa" ingest --db "$tmp/s$i.db" -q --no-restore -r --shard "$i/4" -j 1 "$tmp/docs" &
done
wait
t1=$(now)
shards=$(secs "$t0" "$t1")
sizes=$(for i in 0 1 2 3; do sqlite3 "$tmp/s$i.db" 'SELECT count(*) FROM documents'; done | paste -sd/)
hyperfine --style none --runs 3 --prepare "rm -f $tmp/m.db $tmp/m.db-wal $tmp/m.db-shm" \
    --export-json "$tmp/merge.json" \
    "$sohoa merge -q --db $tmp/m.db $tmp/s0.db $tmp/s1.db $tmp/s2.db $tmp/s3.db" >/dev/null 2>&1
merge=$(hf_mean "$tmp/merge.json")
hyperfine --style none --runs 3 --export-json "$tmp/remerge.json" \
    "$sohoa merge -q --db $tmp/m.db $tmp/s0.db $tmp/s1.db $tmp/s2.db $tmp/s3.db" >/dev/null 2>&1
remerge=$(hf_mean "$tmp/remerge.json")
merged=$(sqlite3 "$tmp/m.db" 'SELECT count(*) FROM documents')
sections=$(sqlite3 "$tmp/m.db" 'SELECT count(*) FROM sections')
echo "Merge: the same $NDOCS documents ingested as 4 shards (\`--shard I/4\`, 4 processes at once;"
echo "shard sizes $sizes), merged into a new database ($merged documents, $sections sections, FTS"
echo "index rebuilt once), and merged again into the result (idempotent: nothing changes)."
echo
echo '```'
echo "for i in 0 1 2 3; do sohoa ingest --db s\$i.db -q --no-restore -r --shard \$i/4 -j 1 docs/ & done; wait"
echo "hyperfine --runs 3 --prepare 'rm -f m.db*' 'sohoa merge -q --db m.db s0.db s1.db s2.db s3.db'"
echo "hyperfine --runs 3 'sohoa merge -q --db m.db s0.db s1.db s2.db s3.db'    # again, into the result"
echo '```'
echo
echo "| step | wall time (s) | documents/s | vs plain ingest |"
echo "|---|---:|---:|---:|"
echo "| plain ingest into one database (from 2.) | $first | $(per_sec "$NDOCS" "$first") | 1.00 |"
echo "| 4 shard ingests in parallel | $shards | $(per_sec "$NDOCS" "$shards") | $(speed "$first" "$shards") |"
echo "| merge of the 4 shards into a new database | $merge | $(per_sec "$NDOCS" "$merge") | $(speed "$first" "$merge") |"
echo "| merge again into the result | $remerge | $(per_sec "$NDOCS" "$remerge") | $(speed "$first" "$remerge") |"
echo
