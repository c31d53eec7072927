#!/usr/bin/env bash
# lm_wide.sh — `sohoa lm wide` / `wide-info` and the restorer's use of
# models/sohoa.wide: trained on a tiny corpus, listed, used (and turned off
# with --no-wide), and refused with one line naming it when damaged.
. "$(dirname "$0")/../e2e-lib.sh"

# skeleton "ban": bàn twice (beside tôi, mua, gỗ), bán once (beside họ, nhà)
cat > "$TMP/corpus.txt" <<'TXT'
tôi mua bàn gỗ .
tôi mua bàn gỗ .
họ bán nhà .
TXT
mkdir -p "$TMP/m"
check "lm train writes the general model" "$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 \
    --out "$TMP/m/sohoa.lm" "$TMP/corpus.txt"
check "lm wide writes the model" "$SOHOA" lm wide --lm "$TMP/m/sohoa.lm" --window 3 \
    --min-form 1 --min-count 1 --min-llr 0 --out "$TMP/m/sohoa.wide" "$TMP/corpus.txt"
info=$("$SOHOA" lm wide-info --lm "$TMP/m/sohoa.lm" "$TMP/m/sohoa.wide")
expect_match "wide-info: the window" '^window: 1\.\.3$' "$info"
expect_match "wide-info: one confusion set (ban)" '^confusion sets: 1$' "$info"
expect_match "wide-info: five pairs (tôi mua gỗ with bàn, họ nhà with bán)" '^pairs: 5$' "$info"
check_status "wide with --min-form 2 finds no confusion set" 2 "$SOHOA" lm wide \
    --lm "$TMP/m/sohoa.lm" --min-form 2 --out "$TMP/x.wide" "$TMP/corpus.txt"
check_status "wide without --lm is a usage error" 2 "$SOHOA" lm wide \
    --out "$TMP/x.wide" "$TMP/corpus.txt"
check_status "wide with --gap above --window is a usage error" 2 "$SOHOA" lm wide \
    --lm "$TMP/m/sohoa.lm" --window 3 --gap 4 --out "$TMP/x.wide" "$TMP/corpus.txt"

printf 'toi mua ban go .\n' > "$TMP/in.txt"
expect_eq "restore with the model: one line out" "1" \
    "$("$SOHOA" restore --model "$TMP/m" "$TMP/in.txt" | wc -l | tr -d ' ')"
check "restore --no-wide runs" "$SOHOA" restore --model "$TMP/m" --no-wide "$TMP/in.txt"

head -c 100 "$TMP/m/sohoa.wide" > "$TMP/cut.wide" && mv "$TMP/cut.wide" "$TMP/m/sohoa.wide"
check_status "restore with a truncated sohoa.wide exits 2" 2 "$SOHOA" restore --model "$TMP/m" "$TMP/in.txt"
err=$("$SOHOA" restore --model "$TMP/m" "$TMP/in.txt" 2>&1 >/dev/null)
expect_match "the error names sohoa.wide" 'sohoa\.wide' "$err"
finish
