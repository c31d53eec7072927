#!/usr/bin/env bash
# lm_winnet.sh — `sohoa lm winnet` / `winnet-info` and the restorer's use of
# models/sohoa.win: trained on a tiny corpus, listed, used (and turned off
# with --no-winnet), bad options refused, and refused with one line naming
# it when damaged.
. "$(dirname "$0")/../e2e-lib.sh"

# skeleton "ban": bàn twice (after mua), bán once (after họ); seven
# distinct tokens by skeleton (tôi mua ban gỗ . họ nhà)
cat > "$TMP/corpus.txt" <<'TXT'
tôi mua bàn gỗ .
tôi mua bàn gỗ .
họ bán nhà .
TXT
mkdir -p "$TMP/m"
check "lm train writes the general model" "$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 \
    --out "$TMP/m/sohoa.lm" "$TMP/corpus.txt"
check "lm winnet writes the network" "$SOHOA" lm winnet --lm "$TMP/m/sohoa.lm" --hidden 16 \
    --epochs 20 --min-count 1 --out "$TMP/m/sohoa.win" "$TMP/corpus.txt"
info=$("$SOHOA" lm winnet-info --lm "$TMP/m/sohoa.lm" "$TMP/m/sohoa.win")
expect_match "winnet-info: the hidden units" '^hidden units: 16$' "$info"
expect_match "winnet-info: seven tokens and three shared rows" '^input rows per offset: 10$' "$info"
expect_match "winnet-info: two forms (bàn, bán)" '^forms scored: 2$' "$info"
check_status "winnet with --hidden 20 (not a multiple of 16) is a usage error" 2 "$SOHOA" lm \
    winnet --lm "$TMP/m/sohoa.lm" --hidden 20 --out "$TMP/x.win" "$TMP/corpus.txt"
check_status "winnet without --lm is a usage error" 2 "$SOHOA" lm winnet \
    --out "$TMP/x.win" "$TMP/corpus.txt"
check_status "winnet with --rate 0 is a usage error" 2 "$SOHOA" lm winnet \
    --lm "$TMP/m/sohoa.lm" --rate 0 --out "$TMP/x.win" "$TMP/corpus.txt"
expect_eq "nothing written by the refused runs" "no" "$([ -e "$TMP/x.win" ] && echo yes || echo no)"

printf 'toi mua ban go .\n' > "$TMP/in.txt"
expect_eq "restore with the network: one line out" "1" \
    "$("$SOHOA" restore --model "$TMP/m" "$TMP/in.txt" | wc -l | tr -d ' ')"
check "restore --no-winnet runs" "$SOHOA" restore --model "$TMP/m" --no-winnet "$TMP/in.txt"

head -c 100 "$TMP/m/sohoa.win" > "$TMP/cut.win" && mv "$TMP/cut.win" "$TMP/m/sohoa.win"
check_status "restore with a truncated sohoa.win exits 2" 2 "$SOHOA" restore --model "$TMP/m" "$TMP/in.txt"
err=$("$SOHOA" restore --model "$TMP/m" "$TMP/in.txt" 2>&1 >/dev/null)
expect_match "the error names sohoa.win" 'sohoa\.win' "$err"
expect_eq "the error is one line" "1" "$(printf '%s\n' "$err" | wc -l | tr -d ' ')"
finish
