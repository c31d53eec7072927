# ocr_jobs.sh — `sohoa ocr -j N` prints exactly what -j 1 prints: the same
# text (restored, pages of multi-page files OCRed by different workers and
# joined and restored in a worker), the same JSON, the same error lines in
# input order and the same exit status, with bad files among good ones.
# Small fixtures from tests/data/ocr only.
. "$(dirname "$0")/../e2e-lib.sh"

D=$SOHOA_SRC/tests/data/ocr
: >"$TMP/empty.png"
head -c 5000 "$D/line.png" >"$TMP/cut.png"
# Two good files, a 2-page PDF and a 3-page TIFF (split by page with -j > 1),
# an empty file and a truncated PNG.
set -- "$D/line2.png" "$TMP/empty.png" "$D/pages.pdf" "$TMP/cut.png" "$D/pages-g4.tif" "$D/line.png"

for fmt in text json; do
    "$SOHOA" ocr -j 1 --format $fmt "$@" >"$TMP/$fmt.1" 2>"$TMP/$fmt.err1"
    echo $? >"$TMP/$fmt.rc1"
    jobs="2 3"
    [ $fmt = json ] && jobs=2 # json is never split by page: one run is enough
    for j in $jobs; do
        "$SOHOA" ocr -j $j --format $fmt "$@" >"$TMP/$fmt.$j" 2>"$TMP/$fmt.err$j"
        echo $? >"$TMP/$fmt.rc$j"
        check "$fmt -j $j: stdout byte-identical to -j 1" cmp "$TMP/$fmt.1" "$TMP/$fmt.$j"
        check "$fmt -j $j: stderr byte-identical to -j 1" cmp "$TMP/$fmt.err1" "$TMP/$fmt.err$j"
        expect_eq "$fmt -j $j: exit 1 (two files failed), as -j 1" "1 1" "$(cat "$TMP/$fmt.rc1") $(cat "$TMP/$fmt.rc$j")"
    done
    expect_eq "$fmt: one error line per bad file, in input order" "empty.png
cut.png" "$(sed -n 's/^sohoa ocr: .*\/\([a-z]*\.png\): .*/\1/p' "$TMP/$fmt.err2")"
done
# text: files and pages separated by form-feed lines; line2.png's sentence
# is on page 2 of the PDF and of the TIFF too; "Ủy ban" opens the PDF, the
# TIFF and line.png.
expect_eq "text -j 2: the sentence of line2.png three times" 3 "$(grep -c 'Tăng cường' "$TMP/text.2")"
expect_eq "text -j 2: 'Ủy ban' three times" 3 "$(grep -c 'Ủy ban' "$TMP/text.2")"
expect_eq "text -j 2: line2.png's text comes first" "Tăng cường kiểm tra việc tiếp nhận hồ sơ." "$(head -1 "$TMP/text.2")"
# json: one object per good file (4), in input order
expect_eq "json -j 2: one object per good file, in input order" "line2.png pages.pdf pages-g4.tif line.png" \
    "$(python3 -c '
import json, os, sys
print(" ".join(os.path.basename(json.loads(l)["path"]) for l in open(sys.argv[1])))
' "$TMP/json.2")"

# --raw with three workers over the pages of two multi-page files
"$SOHOA" ocr --raw -j 1 "$D/pages-g4.tif" "$D/pages.pdf" >"$TMP/raw1"
"$SOHOA" ocr --raw -j 3 "$D/pages-g4.tif" "$D/pages.pdf" >"$TMP/raw3"
check "--raw -j 3 over two split files: byte-identical to -j 1" cmp "$TMP/raw1" "$TMP/raw3"
finish
