#!/usr/bin/env bash
# tsan.sh BUILD — `sohoa ingest -j 2` of the sample corpus (corpus/: clean,
# garbled, stripped and legacy-encoded text, scans and a PDF) with BUILD's
# sohoa, a ThreadSanitizer build (`make tsan` makes build-tsan), then a
# search of the result. The ingest's two worker threads share the models,
# the OCR module and Tesseract's process-wide parameters, and hand their
# documents to one database writer. Prints ThreadSanitizer's reports and
# exits 1 if there are any (or if the ingest fails), else exits 0; exits 3
# when ThreadSanitizer cannot run on this machine at all.
# The default per-file time limit stays on: OCR and restoration check their
# deadlines in the worker threads.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: tsan.sh BUILD}
[ -x "$build/sohoa" ] || { echo "tsan.sh: no $build/sohoa; run make tsan" >&2; exit 2; }

# Some kernels lay memory out in a way ThreadSanitizer cannot run under
# (it stops at start with "unexpected memory mapping"): say so, exit 3.
if ! probe=$("$build/sohoa" --version 2>&1); then
    echo "tsan: ThreadSanitizer cannot run on this machine: $(head -n 1 <<<"$probe")"
    exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOHOA_DATA=$PWD
export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 log_path=$work/report"
export OMP_THREAD_LIMIT=1 # Tesseract's OpenMP threads are not instrumented

echo "tsan: ingest -j 2 of corpus/ ..."
"$build/sohoa" ingest --db "$work/db.sqlite" -j 2 --quiet --recursive \
    --exclude '*.md' corpus/
ingest_rc=$?
echo "tsan: search ..."
"$build/sohoa" search --db "$work/db.sqlite" --documents --limit 3 "cai cach hanh chinh" >/dev/null
search_rc=$?

reports=$(cat "$work"/report.* 2>/dev/null)
if [ -n "$reports" ]; then
    printf '%s\n' "$reports"
    echo "tsan: $(grep -c '^SUMMARY' <<<"$reports") report(s)"
    exit 1
fi
if [ "$ingest_rc" -ne 0 ] || [ "$search_rc" -ne 0 ]; then
    echo "tsan: ingest exit $ingest_rc, search exit $search_rc"
    exit 1
fi
echo "tsan: clean (ingest and search, no report)"
