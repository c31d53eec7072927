# ocr.sh — `sohoa ocr` from the command line: text, json and hOCR output,
# multi-page files, -j N keeping input order (files, and the pages of one
# file shared by the workers), the time limit, the searchable PDF, and bad
# input (each failing file gets one error line naming it; exit 1; the good
# files are still printed). Small fixtures from tests/data/ocr only.
. "$(dirname "$0")/../e2e-lib.sh"

D=$SOHOA_SRC/tests/data/ocr
L1="Ủy ban nhân dân huyện Vân Điền ban hành Kế hoạch"
L2="cải cách hành chính năm 2024 như sau:"
L3="Tăng cường kiểm tra việc tiếp nhận hồ sơ."
FF=$(printf '\f')

out=$("$SOHOA" ocr --raw "$D/line.png" 2>"$TMP/err"); rc=$?
expect_eq "--raw prints the clean lines as they are on the page" "$L1
$L2" "$out"
expect_eq "--raw exits 0" 0 "$rc"
expect_eq "--raw prints nothing on stderr" "" "$(cat "$TMP/err")"

out=$("$SOHOA" ocr --raw "$D/pages.pdf")
expect_eq "PDF pages are separated by a form-feed line" "$L1
$L2
$FF
$L3" "$out"

out=$("$SOHOA" ocr --raw -j 2 "$D/line2.png" "$D/line.png" "$D/line2.png")
expect_eq "-j 2 keeps the input order, files separated like pages" "$L3
$FF
$L1
$L2
$FF
$L3" "$out"

# -j 2 shares the pages of one multi-page file among the workers: same text, page order
out=$("$SOHOA" ocr --raw -j 2 "$D/pages-g4.tif")
expect_eq "-j 2 over the pages of one TIFF: pages in order, blank page 3 kept" "$L1
$L2
$FF
$L3
$FF" "$out"
out=$("$SOHOA" ocr --raw -j 2 "$D/line2.png" "$D/pages.pdf")
expect_eq "-j 2: a file, then a PDF split by pages" "$L3
$FF
$L1
$L2
$FF
$L3" "$out"
expect_eq "-j 2 with restoration: the same text as -j 1 on a split TIFF" \
    "$("$SOHOA" ocr -j 1 "$D/pages-g4.tif" 2>/dev/null)" "$("$SOHOA" ocr -j 2 "$D/pages-g4.tif" 2>/dev/null)"
out=$("$SOHOA" ocr --raw -j 2 "$D/encrypted.pdf" "$D/pages-g4.tif" "$D/line2.png" 2>"$TMP/err"); rc=$?
expect_eq "-j 2, a bad file among split ones: exit 1" 1 "$rc"
expect_eq "-j 2, a bad file among split ones: one error line" 1 "$(wc -l <"$TMP/err")"
expect_eq "-j 2, a bad file among split ones: the others printed in order" "$L1
$L2
$FF
$L3
$FF
$FF
$L3" "$out"

# --time-limit: a runaway file is stopped inside Tesseract with one clear line
for j in 1 2; do
    "$SOHOA" ocr --raw -j $j --time-limit 0.001 "$D/pages-g4.tif" >"$TMP/out" 2>"$TMP/err"; rc=$?
    expect_eq "--time-limit 0.001 -j $j: exit 1" 1 "$rc"
    expect_eq "--time-limit 0.001 -j $j: one error line" 1 "$(wc -l <"$TMP/err")"
    expect_match "--time-limit 0.001 -j $j: names the file and the limit" \
        "pages-g4\.tif: page 1: time limit of 0\.001 s exceeded" "$(cat "$TMP/err")"
    expect_eq "--time-limit 0.001 -j $j: no partial text" "" "$(cat "$TMP/out")"
done
check_status "--time-limit must be a number" 2 "$SOHOA" ocr --time-limit soon "$D/line.png"
expect_eq "--time-limit 0 is no limit" "$L3" "$("$SOHOA" ocr --raw --time-limit 0 "$D/line2.png")"

# json: one object per file with pages, lines, words, boxes, confidences, the report
"$SOHOA" ocr --raw --format json "$D/pages-g4.tif" >"$TMP/j.json"
expect_eq "json: pages, lines and words as on the TIFF" "3 2 1 0 cải 1" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = d["pages"]
w = p[0]["lines"][1]["words"][0]
print(len(p), len(p[0]["lines"]), len(p[1]["lines"]), len(p[2]["lines"]), w["text"],
      int(0 <= w["conf"] <= 1 and len(w["box"]) == 4 and "deskewed" in p[0]["report"]))
' "$TMP/j.json")"

out=$("$SOHOA" ocr --raw --format hocr "$D/line.png")
expect_match "hocr: an XHTML document with ocr_page and ocrx_word" "class='ocrx_word'" "$out"
expect_match "hocr: has the recognised words" "Điền" "$out"

# Searchable PDF: the page image with an invisible text layer
"$SOHOA" ocr --raw --pdf "$TMP/out.pdf" "$D/line.png" >/dev/null
check "--pdf writes a PDF" test -s "$TMP/out.pdf"
if command -v pdftotext >/dev/null; then
    expect_match "--pdf: its text layer can be searched" "Kế hoạch" "$(pdftotext "$TMP/out.pdf" - 2>/dev/null)"
fi
# The PDF keeps the ORIGINAL image (the record), not the cleaned one, and the
# words sit on its ink: tilt-border.png is line.png turned 2° clockwise in a
# dark border, 1483×473 px at 300 dpi; by eye, "Ủy" starts at about (160, 157)
# and "hoạch", on the same sloping line, at about (1197, 201).
"$SOHOA" ocr --raw --pdf "$TMP/tilt.pdf" "$D/tilt-border.png" >/dev/null
if command -v pdfimages >/dev/null; then
    expect_eq "--pdf embeds the original page image, not the cropped one" "1483 473" \
        "$(pdfimages -list "$TMP/tilt.pdf" | awk 'NR == 3 {print $4, $5}')"
fi
if command -v pdftotext >/dev/null; then
    pdftotext -bbox "$TMP/tilt.pdf" - >"$TMP/tilt.html"
    expect_eq "--pdf: the words' boxes are mapped back onto the original image" "ok ok" "$(python3 -c '
import re, sys
b = {m[4]: [float(v) * 300 / 72 for v in m[:4]] for m in re.findall(
    r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)<", open(sys.argv[1]).read())}
near = lambda w, x, y: "ok" if w in b and abs(b[w][0] - x) < 12 and abs(b[w][1] - y) < 15 else f"{w} at {b.get(w)}"
print(near("Ủy", 160, 157), near("hoạch", 1197, 201))
' "$TMP/tilt.html")"
fi
"$SOHOA" ocr --raw --time-limit 0.001 --pdf "$TMP/late.pdf" "$D/pages-g4.tif" >/dev/null 2>&1
check "--pdf: a file stopped by its time limit leaves no PDF behind" test ! -e "$TMP/late.pdf"
check_status "--pdf with two inputs is a usage error" 2 "$SOHOA" ocr --pdf "$TMP/x.pdf" "$D/line.png" "$D/line2.png"

# Bad input: one clear line each, naming the file; exit 1; good files still printed
: >"$TMP/empty.png"
head -c 3000 /dev/urandom >"$TMP/random.png"
head -c 5000 "$D/line.png" >"$TMP/cut.png"
printf 'Kế hoạch số 38\n' >"$TMP/notes.jpg"
# a PNG that declares 100000 x 100000 pixels (IHDR only)
python3 -c '
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)) + chunk(b"IEND", b""))
' >"$TMP/huge.png"
for f in empty.png random.png cut.png notes.jpg huge.png; do
    "$SOHOA" ocr --raw "$TMP/$f" >"$TMP/out" 2>"$TMP/err"; rc=$?
    expect_eq "$f: exit 1" 1 "$rc"
    expect_eq "$f: exactly one error line" 1 "$(wc -l <"$TMP/err")"
    expect_match "$f: the error names the file" "$f" "$(cat "$TMP/err")"
    expect_eq "$f: nothing on stdout" "" "$(cat "$TMP/out")"
done
expect_match "huge.png: refused for its size" "above the limit" "$("$SOHOA" ocr --raw "$TMP/huge.png" 2>&1)"
expect_match "encrypted PDF: says so" "encrypted\.pdf: encrypted PDF" "$("$SOHOA" ocr --raw "$D/encrypted.pdf" 2>&1)"
check_status "encrypted PDF: exit 1" 1 "$SOHOA" ocr --raw "$D/encrypted.pdf"

out=$("$SOHOA" ocr --raw "$TMP/empty.png" "$D/line2.png" 2>"$TMP/err"); rc=$?
expect_eq "a bad file among good ones: exit 1" 1 "$rc"
expect_eq "a bad file among good ones: the good one is printed" "$L3" "$out"

check_status "no file is a usage error" 2 "$SOHOA" ocr
check_status "a bad --format is a usage error" 2 "$SOHOA" ocr --format xml "$D/line.png"
check_status "a bad -j is a usage error" 2 "$SOHOA" ocr -j 0 "$D/line.png"
check_status "a missing language is fatal" 2 "$SOHOA" ocr --lang xyz "$D/line.png"

# Without --raw: normalised and restored (or, with no model, a warning and the normalised text)
out=$("$SOHOA" ocr "$D/line2.png" 2>"$TMP/err"); rc=$?
expect_eq "restored output exits 0" 0 "$rc"
expect_eq "restored output keeps the clean line" "$L3" "$out"
out=$("$SOHOA" ocr "$D/pages.pdf" 2>/dev/null)
expect_eq "restored output keeps the page break as a form-feed line" 1 "$(printf '%s\n' "$out" | grep -c "^$FF\$")"
expect_match "restored output has page 2's text after the break" "$FF" "$(printf '%s\n' "$out" | grep -A3 "^$FF\$" | tr '\n' ' ' | grep "Tăng cường")"
if [ -s "$TMP/err" ]; then
    expect_eq "without a model: exactly one warning line" 1 "$(wc -l <"$TMP/err")"
    expect_match "without a model: the line is a warning" '^sohoa ocr: warning: ' "$(cat "$TMP/err")"
else
    pass "restored output prints nothing on stderr"
fi
# --max-pages: the 3-page TIFF is refused from its header, with one line naming it
"$SOHOA" ocr --raw --max-pages 2 "$D/pages-g4.tif" >"$TMP/out" 2>"$TMP/err"
expect_eq "--max-pages 2 on a 3-page TIFF: exit 1, no text" "1 0" "$? $(wc -c <"$TMP/out")"
expect_match "... one line naming the file and the count" "^sohoa ocr: .*pages-g4\.tif: 3 pages, above the limit of 2$" "$(cat "$TMP/err")"
check_status "--max-pages 0 is a usage error" 2 "$SOHOA" ocr --max-pages 0 "$D/pages-g4.tif"
# The OCR engine is a module the executable loads on first use
# (src/cli/ocr_module.c): commands that do not OCR never load Tesseract.
if ldd "$SOHOA" | grep -q 'libtesseract'; then fail "the executable does not link Tesseract"
else pass "the executable does not link Tesseract"; fi
SOHOA_OCR_MODULE=$TMP/missing.so "$SOHOA" ocr --raw "$D/line.png" >"$TMP/out" 2>"$TMP/err"
expect_eq "no OCR module: exit 2, no text" "2 0" "$? $(wc -c <"$TMP/out")"
expect_match "... one line naming the module and the reason" \
    "^sohoa ocr: cannot load the OCR module: .*missing\.so: .*No such file" "$(cat "$TMP/err")"
echo "not a library" > "$TMP/broken.so"
SOHOA_OCR_MODULE=$TMP/broken.so "$SOHOA" ocr --raw "$D/line.png" >"$TMP/out" 2>"$TMP/err"
expect_eq "a broken OCR module: exit 2, one error line" "2 1" "$? $(wc -l <"$TMP/err")"
expect_match "... naming it" "cannot load the OCR module: .*broken\.so" "$(cat "$TMP/err")"
out=$(printf 'Ha Noi\n' | SOHOA_OCR_MODULE=$TMP/missing.so "$SOHOA" normalize 2>&1); rc=$?
expect_eq "no OCR module: a command that does not OCR still works" "0 Ha Noi" "$rc $out"
# a batch of text files alone never loads the module (the dynamic loader
# names every library it opens under LD_DEBUG=files); one image in it does
mkdir -p "$TMP/batch"
printf 'Kế hoạch cải cách hành chính năm 2024\n' > "$TMP/batch/a.txt"
LD_DEBUG=files "$SOHOA" ingest --quiet --db "$TMP/batch.db" "$TMP/batch" 2>"$TMP/ld"
expect_eq "ingest of text files alone: exit 0, the OCR module not opened" "0 0" \
    "$? $(grep -c 'file=.*sohoa_ocr' "$TMP/ld")"
cp "$D/line.png" "$TMP/batch/"
LD_DEBUG=files "$SOHOA" ingest --quiet --db "$TMP/batch.db" "$TMP/batch" 2>"$TMP/ld"
rc=$?
if [ "$rc" = 0 ] && grep -q 'file=.*sohoa_ocr' "$TMP/ld"; then pass "... an image in the batch opens it"
else fail "... an image in the batch opens it (exit $rc)"; fi
finish
