#!/usr/bin/env bash
# make-garble.sh — the old-archive garble: corpus scans OCRed with
# `tesseract -l eng`, an English model that knows no Vietnamese letters, so
# "Số" comes out "S6", "Hạnh phúc" "Hanh phic", "ĐẢNG" "PANG" — the same
# damage as in text exported from old foreign-language OCR.
#
# usage: scripts/make-garble.sh [OUTDIR [DOC...]]
#   OUTDIR defaults to build/corpus-gen; DOC defaults to every corpus/NN-*.txt.
#   A DOC.txt is first rendered to OUTDIR/scans/NAME/ by make-scans.py (unless
#   its pages are already there); a DOC that is an image (.png .tif .jpg) is
#   OCRed as it is. Writes OUTDIR/garbled/NAME.txt: the pages in order,
#   separated by a line holding only a form feed, trailing spaces removed.
#   Tesseract runs single-threaded (OMP_THREAD_LIMIT=1), page segmentation
#   mode 3 (its default), so the output is repeatable.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-build/corpus-gen}
shift || true
if [ $# -eq 0 ]; then set -- "$root"/corpus/[0-9][0-9]-*.txt; fi
command -v tesseract >/dev/null || { echo "make-garble: tesseract is not installed (scripts/install-deps.sh)" >&2; exit 2; }
tesseract --list-langs 2>/dev/null | grep -qx eng || { echo "make-garble: tesseract has no 'eng' model (tesseract-ocr-eng)" >&2; exit 2; }
mkdir -p "$out/garbled"
export OMP_THREAD_LIMIT=1

ocr_page() { # image -> text on stdout, no trailing spaces, no page separator
    tesseract "$1" stdout -l eng --psm 3 -c page_separator= 2>/dev/null | sed -e 's/[[:space:]]*$//'
}

for doc in "$@"; do
    [ -f "$doc" ] || { echo "make-garble: $doc: no such file" >&2; exit 2; }
    case $doc in
        *.txt)
            name=$(basename "$doc" .txt)
            if ! ls "$out/scans/$name"/page-*.png >/dev/null 2>&1; then
                "$root/scripts/make-scans.py" "$out" "$doc" >/dev/null
            fi
            pages=("$out/scans/$name"/page-*.png) ;;
        *.png|*.tif|*.tiff|*.jpg|*.jpeg)
            name=$(basename "${doc%.*}")
            pages=("$doc") ;;
        *) echo "make-garble: $doc: give a corpus .txt or an image" >&2; exit 2 ;;
    esac
    {
        first=1
        for p in "${pages[@]}"; do
            [ $first -eq 1 ] || printf '\f\n'
            first=0
            ocr_page "$p"
        done
    } > "$out/garbled/$name.txt"
    echo "make-garble: $name (${#pages[@]} page(s)) -> $out/garbled/$name.txt"
done
