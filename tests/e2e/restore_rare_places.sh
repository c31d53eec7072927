#!/usr/bin/env bash
# restore_rare_places.sh — a place name whose syllable the language model
# never saw (Pồn of Mường Pồn) is spelt as the gazetteer spells it after its
# unit word, and only there: the known form stays everywhere else. The
# same through the dictionaries' cache, and off with --no-lexicon.
. "$(dirname "$0")/../e2e-lib.sh"

# a model that knows pôn and păng (as names), but not pồn
cat > "$TMP/corpus.txt" <<'TXT'
ủy ban nhân dân xã mường tè tổ chức hội nghị .
ông pôn và bà păng đến xã mường lát .
ủy ban nhân dân xã mường lát tổ chức hội nghị .
TXT
mkdir -p "$TMP/m" "$TMP/d"
"$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 --out "$TMP/m/sohoa.lm" "$TMP/corpus.txt" 2>/dev/null
printf 'Mường Pồn\txã\tĐiện Biên, Điện Biên\nMường Tè\txã\tLai Châu\n' > "$TMP/d/places-communes.txt"
cat > "$TMP/in.txt" <<'TXT'
UY BAN NHAN DAN XA MUONG PON
Uy ban nhan dan xa Muong Pon to chuc hoi nghi .
ong Pon va ba Pang den xa Muong Lat .
TXT
want=$(cat <<'TXT'
ỦY BAN NHÂN DÂN XÃ MƯỜNG PỒN
Ủy ban nhân dân xã Mường Pồn tổ chức hội nghị .
ông Pôn và bà Păng đến xã Mường Lát .
TXT
)
out=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt")
expect_eq "Pồn after xã Mường, in capitals and capitalised; Pôn as a person's name" "$want" "$out"
check "the dictionaries' cache" "$SOHOA" lm dict-cache --model "$TMP/m" --dict "$TMP/d"
out=$("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt")
expect_eq "the same read through the cache" "$want" "$out"
out=$("$SOHOA" restore --no-lexicon --model "$TMP/m" --dict "$TMP/d" "$TMP/in.txt" | head -1)
expect_eq "--no-lexicon: no gazetteer, the known form" "ỦY BAN NHÂN DÂN XÃ MƯỜNG PÔN" "$out"

# the shipped models and dictionaries: a commune of Điện Biên
out=$(printf 'UBND XA MUONG PON\nUBND xa Muong Pon, huyen Dien Bien\n' | "$SOHOA" restore)
expect_eq "with the shipped gazetteer" \
    "$(printf 'UBND XÃ MƯỜNG PỒN\nUBND xã Mường Pồn, huyện Điện Biên')" "$out"
finish
