#!/usr/bin/env bash
# tests/data/make-fixtures.sh — regenerate every generated file committed
# under corpus/ (scans, garbled and stripped texts, legacy encodings) and
# tests/data/ (their line-aligned truth, a header crop), with the exact
# options used for the committed copies. Truth and tools live here, not in
# corpus/, so that ingesting corpus/ takes in documents only.
#
# usage: tests/data/make-fixtures.sh [DEST]
#   DEST defaults to the repository itself (overwrites the committed files);
#   tests/e2e/corpus.sh passes a temporary directory and compares.
#   The legacy samples are encoded by sohoa's own encoders (src/text), through
#   tests/data/encode.c built here with $CC (default cc).
#   SKIP_GARBLE=1 skips the (slow) Tesseract part.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dest=${1:-$root}
c=$root/corpus
gen=$(mktemp -d)
trap 'rm -rf "$gen"' EXIT
t=$dest/tests/data/truth
mkdir -p "$dest/corpus/scans" "$dest/corpus/garbled" "$dest/corpus/stripped" \
         "$dest/corpus/legacy" "$t"

# Scans: one cropped PNG page, a 2-page TIFF, a 2-page image-only PDF, a
# harder JPEG page (medium degradation, low quality) — pages cut to their
# first lines to keep the repository small — and a header crop for fast OCR
# tests. Each with its line-aligned truth.
"$root/scripts/make-scans.py" --pages 1 --lines 11 "$gen/png" "$c/05-bao-cao-cchc-quy-i.txt" >/dev/null
cp "$gen/png/scans/05-bao-cao-cchc-quy-i/page-001.png" "$dest/corpus/scans/05-bao-cao-cchc-quy-i-p1.png"
cp "$gen/png/scans/05-bao-cao-cchc-quy-i/truth.txt" "$t/05-bao-cao-cchc-quy-i-p1.png.txt"

"$root/scripts/make-scans.py" --pages 2 --lines 10 "$gen/tif" "$c/03-ke-hoach-kiem-soat-tthc.txt" >/dev/null
cp "$gen/tif/scans/03-ke-hoach-kiem-soat-tthc.tif" "$dest/corpus/scans/"
cp "$gen/tif/scans/03-ke-hoach-kiem-soat-tthc/truth.txt" "$t/03-ke-hoach-kiem-soat-tthc.tif.txt"

"$root/scripts/make-scans.py" --pages 2 --lines 10 --jpeg-quality 60 "$gen/pdf" "$c/08-bao-cao-mot-cua.txt" >/dev/null
cp "$gen/pdf/scans/08-bao-cao-mot-cua.pdf" "$dest/corpus/scans/"
cp "$gen/pdf/scans/08-bao-cao-mot-cua/truth.txt" "$t/08-bao-cao-mot-cua.pdf.txt"

"$root/scripts/make-scans.py" --level medium --format jpg --jpeg-quality 40 --pages 1 --lines 8 \
    "$gen/jpg" "$c/06-bao-cao-cchc-6-thang.txt" >/dev/null
cp "$gen/jpg/scans/06-bao-cao-cchc-6-thang/page-001.jpg" "$dest/corpus/scans/06-bao-cao-cchc-6-thang-p1.jpg"
cp "$gen/jpg/scans/06-bao-cao-cchc-6-thang/truth.txt" "$t/06-bao-cao-cchc-6-thang-p1.jpg.txt"

"$root/scripts/make-scans.py" --pages 1 --lines 5 "$gen/hdr" "$c/01-ke-hoach-tuyen-truyen-cchc.txt" >/dev/null
cp "$gen/hdr/scans/01-ke-hoach-tuyen-truyen-cchc/page-001.png" "$dest/tests/data/scan-header.png"
cp "$gen/hdr/scans/01-ke-hoach-tuyen-truyen-cchc/truth.txt" "$t/scan-header.png.txt"

# Garble: two whole documents rendered at 300 dpi and OCRed with -l eng;
# the truth of the rendered pages goes beside them.
if [ "${SKIP_GARBLE:-0}" != 1 ]; then
    for n in 04-ke-hoach-cchc-nam-2025 07-bao-cao-cchc-nam-2023; do
        "$root/scripts/make-garble.sh" "$gen/g" "$c/$n.txt" >/dev/null
        cp "$gen/g/garbled/$n.txt" "$dest/corpus/garbled/"
        cp "$gen/g/scans/$n/truth.txt" "$t/garbled-$n.txt"
    done
fi

# Stripped: two documents, one plain and one in converter Markdown.
"$root/scripts/make-stripped.sh" "$dest/corpus" "$c/01-ke-hoach-tuyen-truyen-cchc.txt" \
    "$c/06-bao-cao-cchc-6-thang.txt" >/dev/null
# Legacy encodings: the first 30 lines of a document each, as old word
# processors saved them. TCVN3 has no upper-case toned letters (they came
# from the .VnTimeH font with lower-case codes), so those encode as lower
# case; the truth is the UTF-8 text that was encoded.
( cd "$root" && ${CC:-cc} -std=c11 -D_GNU_SOURCE -O1 -Iinclude -o "$gen/encode" tests/data/encode.c \
      src/text/*.c src/core/*.c $(pkg-config --cflags --libs icu-uc icu-i18n jansson libcrypto) -lm )
for pair in 03-ke-hoach-kiem-soat-tthc:tcvn3 05-bao-cao-cchc-quy-i:vni \
            08-bao-cao-mot-cua:viqr 07-bao-cao-cchc-nam-2023:cp1258; do
    n=${pair%%:*} enc=${pair##*:}
    head -n 30 "$c/$n.txt" > "$t/$n.$enc.txt"
    "$gen/encode" "$enc" "$t/$n.$enc.txt" > "$dest/corpus/legacy/$n.$enc"
done
echo "make-fixtures: done -> $dest"
