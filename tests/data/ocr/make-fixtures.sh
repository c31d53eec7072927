#!/usr/bin/env bash
# tests/data/ocr/make-fixtures.sh — regenerate the small OCR fixtures in this
# folder (committed; run by hand). Needs ImageMagick (convert), img2pdf,
# qpdf (only for encrypted.pdf) and fonts-liberation2.
#
#   line.png        two lines of Vietnamese, Liberation Serif, 300 dpi, gray
#   pages-g4.tif    a 3-page bilevel TIFF (CCITT G4): line, line2, blank
#   pages.pdf       a 2-page image-only PDF (img2pdf) of line.png and line2.png
#   encrypted.pdf   pages.pdf encrypted with a user password ("secret")
#   line2.png       one more line, for multi-page files
#   tilt-border.png line.png turned 2 degrees clockwise inside a dark scanner
#                   border (border crop and deskew fire: the searchable PDF
#                   must still show this image and put the words on its ink)
# The text on each image is written out in expected-*.txt by hand.
set -euo pipefail
cd "$(dirname "$0")"
font=$(fc-match -f '%{file}' 'Liberation Serif')
render() { # OUT TEXT...
    local out=$1; shift
    convert -density 300 -units PixelsPerInch -background white -fill black \
        -font "$font" -pointsize 13 "label:$(printf '%s\n' "$@" | sed '$!s/$//')" \
        -bordercolor white -border 40 -colorspace Gray -depth 8 "$out"
}
render line.png "Ủy ban nhân dân huyện Vân Điền ban hành Kế hoạch" "cải cách hành chính năm 2024 như sau:"
render line2.png "Tăng cường kiểm tra việc tiếp nhận hồ sơ."
convert line.png -quality 92 line.jpg
convert line.png -bordercolor white -border 80 -background white -rotate 2 +repage -bordercolor black \
    -border 30 -density 300 -units PixelsPerInch tilt-border.png
convert line.png -compress lzw line-lzw.tif
convert -size "$(identify -format '%wx%h' line2.png)" xc:white blank.png
convert line.png line2.png blank.png -threshold 50% -type bilevel -compress group4 pages-g4.tif
rm -f blank.png
img2pdf --pagesize A6 line.png line2.png -o pages.pdf
qpdf --encrypt secret owner 256 -- pages.pdf encrypted.pdf
