#!/usr/bin/env bash
# bench/store.sh SOHOA SHARED — the store and search benchmark (issue #7).
# Generates a database of about 20,000 documents / 100,000 sections from
# SHARED/corpus (scripts/gen-store-bench.c, compiled here against the objects
# of SOHOA's build), measures insert rate, bytes per document, query latency
# and recall of unaccented queries against SQLite's unicode61
# remove_diacritics=2 on the same data, then times whole `sohoa search`
# commands against the sqlite3 CLI on the peer index with hyperfine.
# Prints a Markdown section (save it as bench/results/store.md).
set -euo pipefail
sohoa=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shared=$2
ndocs=${STORE_BENCH_DOCS:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$sohoa")

echo "### Store and search (issue #7)"
echo
if [ ! -f "$shared/corpus/legal.txt" ] || [ ! -f "$shared/corpus/news.txt" ]; then
    echo "Skipped: $shared/corpus is absent."
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
objs=$(ls "$build"/obj/store/*.o "$build"/obj/text/*.o "$build"/obj/core/*.o | grep -v fts_extension)
# shellcheck disable=SC2046,SC2086
cc -std=c11 -D_GNU_SOURCE -O2 -I"$root/include" -o "$tmp/gen" "$root/scripts/gen-store-bench.c" \
    $objs $(pkg-config --cflags --libs sqlite3 jansson libcrypto icu-uc icu-i18n) -lm -lpthread

echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
echo "load average at start $(cut -d' ' -f1-3 /proc/loadavg) — the machine is shared, so"
echo "wall-clock figures are inflated when it is busy; CPU-time figures are not."
echo
echo "Commands:"
echo
echo '```'
echo "cc -O2 -Iinclude -o gen scripts/gen-store-bench.c BUILD/obj/{store,text,core}/*.o ..."
echo "gen ../shared/corpus scripts/gen-store-bench.txt bench.db $ndocs"
echo "hyperfine -N --warmup 3 --runs 20 'sohoa search --db bench.db --limit 20 QUERY' \\"
echo "    'sqlite3 bench.db \"SELECT ... FROM bench_u61 WHERE bench_u61 MATCH QUERY ORDER BY rank LIMIT 20\"'"
echo '```'
echo
"$tmp/gen" "$shared/corpus" "$root/scripts/gen-store-bench.txt" "$tmp/bench.db" "$ndocs" >"$tmp/gen.md"
# the summary tables first, the per-query table after the CLI timings
sed '/^Per query/,$d' "$tmp/gen.md"

if command -v hyperfine >/dev/null && command -v sqlite3 >/dev/null; then
    echo "Whole commands (process start, opening the database, printing), top 20:"
    echo
    peer_sql="SELECT f.rowid, s.document, d.title, snippet(bench_u61, -1, '[', ']', '…', 16) FROM bench_u61 f JOIN sections s ON s.id = f.rowid JOIN documents d ON d.id = s.document WHERE bench_u61 MATCH '%s' ORDER BY rank LIMIT 20"
    args=("$sohoa --version")
    for q in "dong thap" "kinh phi thuc hien" "chuyen doi so"; do
        # shellcheck disable=SC2059
        sql=$(printf "$peer_sql" "$q")
        args+=("$sohoa search --db $tmp/bench.db --limit 20 --format json '$q'")
        args+=("sqlite3 -readonly $tmp/bench.db \"$sql\"")
    done
    hyperfine -N --warmup 3 --runs 20 --style none --export-markdown "$tmp/hf.md" "${args[@]}" >/dev/null 2>&1 || true
    sed -e "s|$tmp/||g" -e "s|$sohoa|sohoa|g" -e 's/ FROM bench_u61 f JOIN.*MATCH/ ... MATCH/' "$tmp/hf.md"
    echo
    echo "\`sohoa --version\` is the start-up cost of the binary (it links every stage's"
    echo "libraries: Tesseract, Leptonica, poppler, cairo, ICU ...); the sqlite3 CLI starts"
    echo "in a few milliseconds. In-process latency is in the tables above."
    echo
fi
cat <<'NOTES'
Reading the tables:

- Recall: unicode61 with remove_diacritics=2 cannot fold đ/Đ (U+0111 has no
  decomposition), so every query with a "d" typed for "đ" misses (dong thap,
  dau tu cong, dat dai, dieu kien ...). sohoa's tokenizer finds every relevant
  section; its lower precision is the price of folding ("dong" also finds
  đóng, đông): `--exact` gives the accented reading back.
- Latency, BEFORE and AFTER in the same run on the same index: BEFORE is the
  search as it was, one statement ordered by FTS5's rank (FTS5 scores and
  sorts every match, then seeks each row again, joins and snippets in the
  walk). AFTER is sohoa_store_search now: the ids ranked by sohoa_bm25 with
  SQLite's bounded sorter (LIMIT 20), then one statement that reads the 20
  hits and their snippets over their rowid range; snippets tokenize only
  the folded forms; the rank walks each phrase's positions instead of
  xInstCount. About 20% less CPU at p50 and p95 (from run to run on this
  shared machine the CPU figures move by 20-30%, the ratio much less); the
  5 ms p50 target is not met.
- What the rest costs (10 heavy queries, in-process, CPU): matching alone
  (SELECT rowid ... MATCH) 2.9 ms; scoring every match adds about 4 ms, of
  which the IDF of each phrase (a second walk of its posting list through
  xQueryPhrase, as bm25() does) about 3 ms: with the IDF set to 1 the mean
  went from 11.6 to 7.7 ms. SQLite 3.40's FTS5 API gives no document count
  for a term without that walk. Measured and not kept: FTS5 'automerge' 0,
  8, 16 and 'crisismerge' 64 (within the noise of this shared machine);
  'detail=column' was not tried (it breaks phrase and NEAR queries); an
  index without the exact forms does not shorten a folded query's posting
  lists (skeletons and exact forms are different terms), so it helps
  inserts and size, not queries.
- Insert: FTS indexing is most of a put (3,000 documents with the FTS rows
  left out: 6,900 documents/CPU-s against 1,100). The "experiment" rows
  index the skeletons alone (tokenize='sohoa fold'): 1.6-1.8x the rate, and
  over 2,000 documents per CPU-second in batches of 100; the wall figures
  are the shared machine's. The store keeps both forms, because `--exact`
  needs the exact forms: an exact search over a folded-only index needs a
  post-filter that re-checks each candidate's words, not written yet. With
  both forms the 2,000 documents/s target is not met.

NOTES
echo
sed -n '/^Per query/,$p' "$tmp/gen.md"
