#!/usr/bin/env bash
# skelctx.sh — `sohoa lm skelctx` / `skelctx-info` and the restorer's use of
# models/sohoa.skc: trained on a tiny corpus, listed, used (and turned off
# with --no-skelctx), and refused with one line naming it when damaged.
. "$(dirname "$0")/../e2e-lib.sh"

# skeleton "ban" has the forms bàn (twice), bán and ban
cat > "$TMP/corpus.txt" <<'TXT'
tôi mua bàn gỗ .
tôi mua bàn gỗ .
tôi bán nhà .
ủy ban nhân dân .
TXT
mkdir -p "$TMP/m"
check "lm train writes the general model" "$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 \
    --out "$TMP/m/sohoa.lm" "$TMP/corpus.txt"
check "lm skelctx writes the model" "$SOHOA" lm skelctx --lm "$TMP/m/sohoa.lm" --min-count 1 \
    --out "$TMP/m/sohoa.skc" "$TMP/corpus.txt"
info=$("$SOHOA" lm skelctx-info --lm "$TMP/m/sohoa.lm" "$TMP/m/sohoa.skc")
expect_match "skelctx-info: one skeleton" '^contexts s\[i\]: 1$' "$info"
expect_match "skelctx-info: three windows (mua ban go, toi ban nha, uy ban nhan)" \
    '^contexts s\[i-1\.\.i\+1\]: 3$' "$info"
check_status "skelctx without --lm is a usage error" 2 "$SOHOA" lm skelctx \
    --out "$TMP/x.skc" "$TMP/corpus.txt"
check_status "skelctx with --min-count 0 is a usage error" 2 "$SOHOA" lm skelctx \
    --lm "$TMP/m/sohoa.lm" --min-count 0 --out "$TMP/x.skc" "$TMP/corpus.txt"

printf 'toi mua ban go .\n' > "$TMP/in.txt"
expect_eq "restore with the model: one line out" "1" \
    "$("$SOHOA" restore --model "$TMP/m" "$TMP/in.txt" | wc -l | tr -d ' ')"
check "restore --no-skelctx runs" "$SOHOA" restore --model "$TMP/m" --no-skelctx "$TMP/in.txt"

# a model of another vocabulary, then a damaged file
printf 'một câu khác .\n' > "$TMP/other.txt"
"$SOHOA" lm train --order 3 --vocab-min 1 --out "$TMP/other.lm" "$TMP/other.txt" 2>/dev/null
err=$("$SOHOA" lm skelctx-info --lm "$TMP/other.lm" "$TMP/m/sohoa.skc" 2>&1 >/dev/null)
expect_match "another LM's vocabulary is refused, naming the file" 'sohoa\.skc.*vocabulary' "$err"
head -c 100 "$TMP/m/sohoa.skc" > "$TMP/cut.skc" && mv "$TMP/cut.skc" "$TMP/m/sohoa.skc"
check_status "restore with a truncated sohoa.skc exits 2" 2 "$SOHOA" restore --model "$TMP/m" "$TMP/in.txt"
err=$("$SOHOA" restore --model "$TMP/m" "$TMP/in.txt" 2>&1 >/dev/null)
expect_match "the error names the file" 'sohoa\.skc.*truncated' "$err"
rm "$TMP/m/sohoa.skc"
check "restore without sohoa.skc runs (the feature is off)" "$SOHOA" restore --model "$TMP/m" "$TMP/in.txt"
finish
