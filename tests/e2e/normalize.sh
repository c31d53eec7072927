# normalize.sh — `sohoa normalize`: stdin/stdout, options, errors naming the
# file and byte offset, several files, layout clean-up.
. "$(dirname "$0")/../e2e-lib.sh"

help=$("$SOHOA" normalize --help)
for o in --encoding --tone-style --lenient --layout --detect --to --max-bytes; do
    expect_match "help documents $o" -- "$o" "$help"
done

expect_eq "stdin to stdout, NFC and new tone style" "Hòa bình, thủy lợi, Đồng Tháp" \
    "$(printf 'Hoà bình, thuỷ lợi, \xc3\x90o\xcc\x82\xcc\x80ng Tha\xcc\x81p\n' | "$SOHOA" normalize)"
expect_eq "--tone-style old" "hoà, thuỷ, khoẻ, quý" \
    "$(printf 'hòa, thủy, khỏe, quý\n' | "$SOHOA" normalize --tone-style old)"
expect_eq "quotes, dashes, ellipsis, NBSP" "\"Độc lập\" - Tự do..." \
    "$(printf '\xe2\x80\x9c\xc4\x90\xe1\xbb\x99\x63 l\xe1\xba\xadp\xe2\x80\x9d \xe2\x80\x93 T\xe1\xbb\xb1\xc2\xa0\x64o\xe2\x80\xa6\n' | "$SOHOA" normalize)"
expect_eq "TCVN3 detected" "Cộng hoà xã hội" "$(printf 'C\xe9ng ho\xb5 x\xb7 h\xe9i\n' | "$SOHOA" normalize --tone-style old)"
expect_eq "--encoding forces VNI" "Cộng hòa" "$(printf 'Co\xe4ng ho\xf8a\n' | "$SOHOA" normalize --encoding vni)"
expect_eq "empty input gives empty output" "" "$(printf '' | "$SOHOA" normalize)"

# errors: exit status and one line naming the file and the byte offset
printf 'ab\xff\xfe\x01\n' > "$TMP/bad.txt"
printf 'Số một\n' > "$TMP/good.txt"
check_status "invalid bytes exit 1" 1 "$SOHOA" normalize "$TMP/bad.txt"
err=$("$SOHOA" normalize "$TMP/bad.txt" 2>&1 >/dev/null)
expect_eq "the error names the file and byte" "sohoa normalize: $TMP/bad.txt: invalid UTF-8 at byte 2" "$err"
out=$("$SOHOA" normalize "$TMP/bad.txt" "$TMP/good.txt" 2>/dev/null); rc=$?
expect_eq "a bad file does not stop the good one" "Số một" "$out"
expect_eq "some files failed exits 1" 1 "$rc"
expect_eq "--lenient writes U+FFFD" "ab��" "$("$SOHOA" normalize --lenient --encoding utf-8 "$TMP/bad.txt" | tr -d '\001')"
check_status "a missing file exits 1" 1 "$SOHOA" normalize "$TMP/nope.txt"
expect_match "a missing file is named" "nope.txt" "$("$SOHOA" normalize "$TMP/nope.txt" 2>&1)"
check_status "an unknown encoding is a usage error" 2 "$SOHOA" normalize --encoding latin9
check_status "a bad tone style is a usage error" 2 "$SOHOA" normalize --tone-style mid
check_status "an unknown option is a usage error" 2 "$SOHOA" normalize --frobnicate
printf '\xff\xfe\x00\xd8' > "$TMP/u16.txt"
expect_match "broken UTF-16 names the byte" "invalid UTF-16 at byte 2" "$("$SOHOA" normalize "$TMP/u16.txt" 2>&1)"

# --detect and --to
printf 'Co^.ng ho`a\n' > "$TMP/v.txt"
expect_eq "--detect names the encoding" "$TMP/v.txt: viqr" "$("$SOHOA" normalize --detect "$TMP/v.txt")"
expect_eq "--to tcvn3 writes the chart's bytes" "$(printf 'C\xe9ng ho\xb5')" \
    "$(printf 'Cộng hoà\n' | "$SOHOA" normalize --tone-style old --to tcvn3)"
check_status "--to fails on an unencodable character" 1 sh -c "printf '€\n' | '$SOHOA' normalize --to vni"

# layout clean-up: running header and page numbers dropped, hyphenation joined
printf 'QUYẾT ĐỊNH\nĐiều 1. Phát triển nông nghi-\nệp bền vững.\n- 1 -\n\fUBND TỈNH X\nĐiều 2. Nội dung.\n- 2 -\n\fUBND TỈNH X\nĐiều 3. Hết.\n- 3 -\n' > "$TMP/ocr.txt"
expect_eq "--layout" "$(printf 'QUYẾT ĐỊNH\nĐiều 1. Phát triển nông nghiệp\nbền vững.\nĐiều 2. Nội dung.\nĐiều 3. Hết.')" \
    "$("$SOHOA" normalize --layout "$TMP/ocr.txt")"
expect_eq "without --layout the lines stay" 10 "$("$SOHOA" normalize "$TMP/ocr.txt" | wc -l)"
# line ends: trailing blanks go; an unterminated last line of blanks leaves
# no line (it used to count in the line map while leaving no trace)
expect_eq "a last line of only a space gives no line" "$(printf 'a\n' | od -An -c)" \
    "$(printf 'a\n ' | "$SOHOA" normalize | od -An -c)"
expect_eq "a last line with text keeps no line end and loses its blanks" "$(printf 'a\n b' | od -An -c)" \
    "$(printf 'a\n b \t' | "$SOHOA" normalize | od -An -c)"
expect_eq "an empty line that ended is kept" "$(printf 'a\n\n' | od -An -c)" \
    "$(printf 'a\n \n' | "$SOHOA" normalize | od -An -c)"

# --max-bytes (default 64 MiB): one error line naming the file, exit 1,
# the next file still done; the limit itself is allowed
head -c 100 /dev/zero | tr '\0' 'a' >"$TMP/a100.txt"
check_status "a file of exactly --max-bytes is normalised" 0 "$SOHOA" normalize --max-bytes 100 "$TMP/a100.txt"
out=$("$SOHOA" normalize --max-bytes 99 "$TMP/a100.txt" "$TMP/good.txt" 2>"$TMP/err"); rc=$?
expect_eq "one byte over --max-bytes: exit 1" 1 "$rc"
expect_eq "... one error line naming the file and the limit" \
    "sohoa normalize: $TMP/a100.txt: larger than the --max-bytes limit of 99 bytes" "$(cat "$TMP/err")"
expect_eq "... the next file is still normalised" "Số một" "$out"
expect_eq "stdin over --max-bytes is named <stdin>" \
    "sohoa normalize: <stdin>: larger than the --max-bytes limit of 99 bytes" \
    "$("$SOHOA" normalize --max-bytes 99 <"$TMP/a100.txt" 2>&1 >/dev/null)"
check_status "--max-bytes 0 is a usage error" 2 "$SOHOA" normalize --max-bytes 0 "$TMP/good.txt"
check_status "--max-bytes abc is a usage error" 2 "$SOHOA" normalize --max-bytes abc "$TMP/good.txt"
finish
