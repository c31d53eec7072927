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
- Latency: both indexes spend their time scoring every matching section
  (thousands per query here) before taking the top 20, as FTS5's ORDER BY
  rank does. sohoa ranks with sohoa_bm25, which skips bm25()'s per-row
  length lookup (top 20 of 'tuyen truyen' in the sqlite3 shell: 12 ms of
  CPU with bm25(), 4 ms with sohoa_bm25) but still scores every match, so
  the p50 stays above the 5 ms target on 100,000 sections.
- Insert: the index holds two forms of every word (skeleton + exact form at
  the same position), which doubles FTS5's indexing work (index build and
  size about 2-3× unicode61's); one commit per document also makes FTS5
  write and merge a segment per document. Batches (sohoa_store_begin /
  commit) help less than the tokens cost. The 2,000 documents/s target is
  not met on this machine.

NOTES
echo
sed -n '/^Per query/,$p' "$tmp/gen.md"
