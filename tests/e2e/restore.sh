# restore.sh — `sohoa lm` and `sohoa restore` end to end: a tiny model
# trained here from sentences written for the test, the CLI surface (help,
# JSON, options, exit statuses), bad input and damaged models; then the
# shipped model (when models/sohoa.lm is present) on a few easy sentences.
. "$(dirname "$0")/../e2e-lib.sh"

cat > "$TMP/corpus.txt" <<'EOF'
cải cách hành chính là nhiệm vụ trọng tâm của huyện .
đẩy mạnh cải cách hành chính nhà nước .
tuyên truyền cải cách hành chính năm 2023 .
ủy ban nhân dân huyện ban hành kế hoạch cải cách hành chính .
trên cái bàn có một cái bát .
kết quả là số hồ sơ tăng .
EOF
mkdir -p "$TMP/m" "$TMP/d"
printf 'UBND\nQĐ\n' > "$TMP/d/abbreviations.txt"
check "lm train writes a model" "$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 \
    --arpa "$TMP/m.arpa" --out "$TMP/m/sohoa.lm" "$TMP/corpus.txt"
info=$("$SOHOA" lm info "$TMP/m/sohoa.lm")
expect_match "lm info gives the order" '^order: 3$' "$info"
# 37 distinct words and "." in the corpus (counted by hand) plus the
# specials <unk> <s> </s> <num>
expect_match "lm info gives the vocabulary" '^vocabulary: 41$' "$info"
expect_match "the ARPA file has a data section" '^ngram 3=' "$(cat "$TMP/m.arpa")"
check "lm from-arpa converts back" "$SOHOA" lm from-arpa "$TMP/m.arpa" "$TMP/m2.lm"
expect_match "lm eval prints a perplexity" 'perplexity=[0-9.]+' "$("$SOHOA" lm eval "$TMP/m/sohoa.lm" "$TMP/corpus.txt")"
check_status "lm without a subcommand is a usage error" 2 "$SOHOA" lm
check_status "lm train without --out is a usage error" 2 "$SOHOA" lm train "$TMP/corpus.txt"

R=("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d")
expect_eq "stripped text gets its marks back" "cải cách hành chính nhà nước" \
    "$(echo "cai cach hanh chinh nha nuoc" | "${R[@]}")"
expect_eq "context picks the form" "trên cái bàn có một cái bát" \
    "$(echo "tren cai ban co mot cai bat" | "${R[@]}")"
expect_eq "case, codes and abbreviations are kept" "UBND ban hành Kế hoạch 86/KH-UBND theo QĐ-TTg" \
    "$(echo "UBND ban hanh Ke hoach 86/KH-UBND theo QD-TTg" | "${R[@]}")"
expect_eq "OCR garble is corrected" "kết quả là số hồ sơ tăng" \
    "$(echo "ket qua 1a s6 h6 so tang" | "${R[@]}")"
printf 'cai cach\nhanh chinh\n\nnha nuoc\n' > "$TMP/lines.txt"
expect_eq "one output line per input line" "4" "$("${R[@]}" "$TMP/lines.txt" | wc -l | tr -d ' ')"
: > "$TMP/empty.txt"
expect_eq "empty input gives empty output" "" "$("${R[@]}" "$TMP/empty.txt")"

json=$(echo "cai cach" | "${R[@]}" --json)
expect_match "--json has the restored text" '"text":"cải cách\\n"' "$json"
expect_match "--json has per-token original and restored" '"original":"cai","restored":"cải"' "$json"
expect_match "--json has confidences and alternatives" '"confidence":[0-9.]+,"alternatives":\["cái"' "$json"
expect_match "--json flags low confidence" '"low_confidence":(true|false)' "$json"

for b in trigram mfs; do
    check "--baseline $b runs" "${R[@]}" --baseline "$b" "$TMP/lines.txt"
done
for f in --no-context --no-cache --no-lexicon --no-domain --no-channel --no-case; do
    check "$f runs" "${R[@]}" "$f" "$TMP/lines.txt"
done
check_status "an unknown baseline is a usage error" 2 "${R[@]}" --baseline nope "$TMP/lines.txt"

# the progress bar: on standard error when it is a terminal (script(1)
# gives the command one) and the text goes to a file; never in a pipe
if command -v script >/dev/null; then
    printf 'cai cach\n' > "$TMP/p1.txt"
    printf 'nha nuoc\n' > "$TMP/p2.txt"
    printf 'hanh chinh\n' > "$TMP/p3.txt"
    q() { printf '%q ' "$@"; }
    files=$(q "${R[@]}" "$TMP/p1.txt" "$TMP/p2.txt" "$TMP/p3.txt")
    tty=$(script -qec "$files > $(q "$TMP/p.out")" /dev/null | tr '\r' '\n')
    expect_match "a terminal watching three files gets a bar that ends at 3/3 files" \
        '^\[#{24}\] 3/3 files' "$tty"
    expect_eq "the bar leaves the restored text alone" "$(printf 'cải cách\nnhà nước\nhành chính')" \
        "$(cat "$TMP/p.out")"
    expect_eq "--quiet: no bar" "" \
        "$(script -qec "$files --quiet > $(q "$TMP/p.out")" /dev/null | tr -d '\r\n')"
    expect_eq "no bar when the text itself goes to the terminal" \
        "$(printf 'cải cách\nnhà nước\nhành chính')" "$(script -qec "$files" /dev/null | tr -d '\r')"
fi
expect_eq "no bar when standard error is not a terminal" "" \
    "$("${R[@]}" "$TMP/p1.txt" "$TMP/p2.txt" 2>&1 >/dev/null)"

# bad input
printf 'cai \xc3\x28 cach\n' > "$TMP/bad.txt"
check_status "invalid UTF-8 exits 1" 1 "${R[@]}" "$TMP/bad.txt"
expect_match "invalid UTF-8 names the file and byte" 'bad.txt: invalid UTF-8 at byte 4' \
    "$("${R[@]}" "$TMP/bad.txt" 2>&1 >/dev/null)"
expect_eq "the other files are still restored" "cải cách" \
    "$(echo "cai cach" > "$TMP/ok.txt"; "${R[@]}" "$TMP/bad.txt" "$TMP/ok.txt" 2>/dev/null)"
check_status "a missing file exits 1" 1 "${R[@]}" "$TMP/nonexistent.txt"
mkdir -p "$TMP/none"
check_status "a missing model exits 2" 2 "$SOHOA" restore --model "$TMP/none" "$TMP/ok.txt"
expect_match "a missing model is named" "none/sohoa.lm" \
    "$("$SOHOA" restore --model "$TMP/none" "$TMP/ok.txt" 2>&1)"
mkdir -p "$TMP/trunc" "$TMP/corrupt"
head -c 1000 "$TMP/m/sohoa.lm" > "$TMP/trunc/sohoa.lm"
expect_match "a truncated model is refused" "trunc/sohoa.lm: .*truncated" \
    "$("$SOHOA" restore --model "$TMP/trunc" "$TMP/ok.txt" 2>&1)"
cp "$TMP/m/sohoa.lm" "$TMP/corrupt/sohoa.lm"
printf '\x55\x55\x55\x55' | dd of="$TMP/corrupt/sohoa.lm" bs=1 seek=900 conv=notrunc 2>/dev/null
expect_match "a corrupt model is refused" "corrupt/sohoa.lm: .*checksum" \
    "$("$SOHOA" restore --model "$TMP/corrupt" "$TMP/ok.txt" 2>&1)"
check_status "a corrupt model exits 2" 2 "$SOHOA" restore --model "$TMP/corrupt" "$TMP/ok.txt"

# one long line (2 MB) goes through in one piece
python3 -c "print('cai cach hanh chinh nha nuoc ' * 70000)" > "$TMP/long.txt"
out=$("${R[@]}" "$TMP/long.txt" | head -c 300)
expect_eq "a 2 MB single line is restored" "cải cách hành chính nhà nước cải cách hành chính nhà nước" \
    "$(printf '%s' "$out" | cut -d' ' -f1-12)"

# the shipped model, on easy administrative sentences
if [ -f "$SOHOA_SRC/models/sohoa.lm" ]; then
    expect_eq "shipped model: an easy sentence" \
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2024." \
        "$(echo "Uy ban nhan dan tinh ban hanh Ke hoach cai cach hanh chinh nam 2024." | "$SOHOA" restore)"
    expect_eq "shipped model: the garbled seed's title" \
        "Tuyên truyền cải cách hành chính nhà nước" \
        "$(echo "Tuyén truyén cai cach hanh chinh nha nuéc" | "$SOHOA" restore)"
else
    echo "skip: models/sohoa.lm is absent (make model); shipped-model checks skipped"
fi
finish
