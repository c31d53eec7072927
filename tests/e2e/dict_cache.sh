#!/usr/bin/env bash
# dict_cache.sh — `sohoa lm dict-cache` and the restorer's use of
# models/dictionaries.bin: written, read (a damaged one is refused with one
# line naming it, so it is read), passed over when a dictionary changed,
# and the same restoration with it as without it.
. "$(dirname "$0")/../e2e-lib.sh"

cat > "$TMP/corpus.txt" <<'TXT'
ủy ban nhân dân huyện đông hòa .
huyện đồng hòa có chợ .
quyết định số 5 .
TXT
mkdir -p "$TMP/m" "$TMP/d"
"$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 --out "$TMP/m/sohoa.lm" "$TMP/corpus.txt" 2>/dev/null
printf 'UBND\nQĐ\n' > "$TMP/d/abbreviations.txt"
printf 'Đông Hòa\thuyện\tPhú Yên\n' > "$TMP/d/places-districts.txt"
printf 'UBND HUYEN DONG HOA\nQD so 5\nTTDT\n' > "$TMP/in.txt"

without=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt")
msg=$("$SOHOA" lm dict-cache --model "$TMP/m" --dict "$TMP/d" 2>&1)
expect_eq "dict-cache exits 0 and writes models/dictionaries.bin" "yes" \
    "$([ -s "$TMP/m/dictionaries.bin" ] && echo yes)"
expect_match "dict-cache says how many files it read" '2 dictionary files' "$msg"
with=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt")
# the gazetteer names the district, the abbreviations give QĐ; TTĐT is no entry yet
expect_eq "with the cache: the gazetteer and the abbreviations" \
    "$(printf 'UBND HUYỆN ĐÔNG HÒA\nQĐ số 5\nTTDT')" "$with"
expect_eq "the same restoration without the cache" "$without" "$with"

# a dictionary changed since: the cache is passed over and the text read
printf 'UBND\nQĐ\nTTĐT\n' > "$TMP/d/abbreviations.txt"
out=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt")
expect_eq "a changed dictionary is read from its text" "TTĐT" "$(printf '%s\n' "$out" | sed -n 3p)"
check "dict-cache remakes it" "$SOHOA" lm dict-cache --model "$TMP/m" --dict "$TMP/d"
out=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt")
expect_eq "the remade cache has the new entry" "TTĐT" "$(printf '%s\n' "$out" | sed -n 3p)"

# a model retrained on other text (another vocabulary): the cache made for
# the old one is passed over, and the restoration is the one without it
printf 'ủy ban nhân dân xã đông hòa .\nquyết định số 7 của huyện .\n' >> "$TMP/corpus.txt"
mkdir -p "$TMP/m2"
"$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 --out "$TMP/m2/sohoa.lm" "$TMP/corpus.txt" 2>/dev/null
plain=$("$SOHOA" restore --model "$TMP/m2" --dict "$TMP/d" "$TMP/in.txt")
cp "$TMP/m/dictionaries.bin" "$TMP/m2/dictionaries.bin"
expect_eq "a cache made for another vocabulary is passed over" "$plain" \
    "$("$SOHOA" restore --model "$TMP/m2" --dict "$TMP/d" "$TMP/in.txt" 2>&1)"

# damaged: one line naming the file, exit 2, nothing on stdout
cp "$TMP/m/dictionaries.bin" "$TMP/good.bin"
printf '\001' | dd of="$TMP/m/dictionaries.bin" bs=1 seek=70 conv=notrunc 2>/dev/null
check_status "restore with a damaged cache exits 2" 2 "$SOHOA" restore --model "$TMP/m" \
    --dict "$TMP/d" "$TMP/in.txt"
err=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt" 2>&1 >/dev/null)
expect_match "the error names the cache and the reason" 'dictionaries\.bin.*checksum' "$err"
expect_eq "in one line" "1" "$(printf '%s\n' "$err" | wc -l | tr -d ' ')"
head -c 30 "$TMP/good.bin" > "$TMP/m/dictionaries.bin"
err=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt" 2>&1 >/dev/null)
expect_match "a cut cache is refused" 'dictionaries\.bin.*shorter than its header' "$err"
head -c 100 "$TMP/good.bin" > "$TMP/m/dictionaries.bin"
err=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt" 2>&1 >/dev/null)
expect_match "a truncated cache is refused" 'dictionaries\.bin.*truncated' "$err"

check_status "dict-cache without a model exits 1" 1 "$SOHOA" lm dict-cache \
    --model "$TMP/none" --dict "$TMP/d"
err=$("$SOHOA" lm dict-cache --model "$TMP/none" --dict "$TMP/d" 2>&1)
expect_match "and names the model" 'none/sohoa\.lm' "$err"
check_status "dict-cache with a stray argument is a usage error" 2 "$SOHOA" lm dict-cache x
expect_match "lm --help lists dict-cache" 'dict-cache' "$("$SOHOA" lm --help 2>&1)"
finish
