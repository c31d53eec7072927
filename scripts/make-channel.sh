#!/usr/bin/env bash
# make-channel.sh OUT.tsv TEXT... — learn the OCR channel table (called by
# scripts/make-model.sh, so by `make model`).
#
# Cuts synthetic documents out of the clean TEXT files (scripts/channel-pairs.py
# docs), renders them as light scans (scripts/make-scans.py), OCRs every page
# with `tesseract -l eng` — the English model that makes the old-archive
# garble (s6 for số, nuéc for nước, Pang for Đảng) — aligns the OCR with
# the rendered truth token by token and writes OUT.tsv: observed core →
# syllable counts and learned character edit costs (channel-pairs.py table).
# The restorer reads it as models/channel.tsv, next to sohoa.lm.
#
# Environment: CHANNEL_DOCS (default 144 documents) × CHANNEL_LINES (default
# 60 body lines, about 3-4 pages each: some 420 pages, 30 min of CPU; each
# doubling of the documents lowered the dev garble errors: 36 -> 72 by 5%
# (4.25% -> 4.04%), 72 -> 144 by 4% (2.56% -> 2.45% with today's restorer));
# CHANNEL_WORK keeps the pages and OCR there (default: a temporary directory).
# Documents are rendered and OCRed CHANNEL_JOBS at a time (default: the
# number of cores), each Tesseract single-threaded (OMP_THREAD_LIMIT=1)
# under nice; the table does not depend on the order.
# Give it training text only: never ../shared/eval or ../shared/seeds.
set -euo pipefail
out=${1:?usage: make-channel.sh OUT.tsv TEXT...}
shift
[ $# -ge 1 ] || { echo "usage: make-channel.sh OUT.tsv TEXT..." >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
command -v tesseract >/dev/null || { echo "make-channel: tesseract is not installed (scripts/install-deps.sh)" >&2; exit 2; }
tesseract --list-langs 2>/dev/null | grep -qx eng || { echo "make-channel: tesseract has no 'eng' model (tesseract-ocr-eng)" >&2; exit 2; }
docs=${CHANNEL_DOCS:-144}
lines=${CHANNEL_LINES:-60}
if [ -n "${CHANNEL_WORK:-}" ]; then
    work=$CHANNEL_WORK
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
# the number of cores before OMP_THREAD_LIMIT is set: nproc obeys it
jobs=${CHANNEL_JOBS:-$(nproc)}
export OMP_THREAD_LIMIT=1
"$root/scripts/channel-pairs.py" docs "$work/docs" "$docs" "$lines" "$@"

# One document: its pages rendered (unless already there) and each OCRed
# (unless already done), so an interrupted run picks up where it stopped.
one_doc() {
    local doc=$1 name p o
    name=$(basename "$doc" .txt)
    if ! ls "$work/scans/$name"/page-*.png >/dev/null 2>&1; then
        nice "$root/scripts/make-scans.py" "$work" "$doc" >/dev/null ||
            { echo "make-channel: $name skipped (make-scans failed)" >&2; return 0; }
    fi
    for p in "$work/scans/$name"/page-*.png; do
        o=${p%.png}.ocr
        [ -s "$o" ] || nice tesseract "$p" stdout -l eng --psm 3 -c page_separator= 2>/dev/null > "$o.tmp"
        [ -s "$o" ] || mv "$o.tmp" "$o"
    done
}
export -f one_doc
export root work
printf '%s\0' "$work"/docs/*.txt |
    xargs -0 -n 1 -P "$jobs" bash -c 'one_doc "$1"' one_doc
"$root/scripts/channel-pairs.py" table "$work/scans" "$out"
