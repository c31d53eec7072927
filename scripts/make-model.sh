#!/usr/bin/env bash
# make-model.sh SOHOA SHARED [OUT] — rebuild models/ (called by `make model`),
# or the same models in OUT from SHARED/corpus (scripts/make-dev-split.sh:
# models for a held-out split; OUT then takes models/channel.tsv as it is).
#   models/sohoa.lm   general syllable 4-gram (modified Kneser-Ney, 4-grams
#                     seen once pruned) on SHARED/corpus/*.txt and our
#                     own sample documents corpus/*.txt
#   models/sohoa.skc  skeleton-context model (form given the skeletons
#                     s[i-1..i+1]) on the same text, with sohoa.lm's
#                     vocabulary; the restorer uses it when present
#   models/sohoa.wide wide-context model (context words at distance 1..8 of
#                     each skeleton with several frequent forms) on the same
#                     text, with sohoa.lm's vocabulary; the restorer uses it
#                     when present
#   models/sohoa.win  window network (a score for each form of a word given
#                     the skeletons of three tokens on each side) on the same
#                     text, with sohoa.lm's vocabulary; the restorer uses it
#                     when present (one thread, about 3 minutes)
#   models/domain.lm  domain trigram on corpus/*.txt and the domain lexicons
#                     of dictionaries/ (DOMAIN_LEXICONS below: administrative
#                     terms, agencies, abbreviations, provinces), with the
#                     general model's vocabulary, so the restorer can
#                     interpolate the two. The general word list (Viet74K)
#                     and the gazetteer (places-*) stay out: they are not
#                     administrative prose, and in it they tripled the model
#                     and cost admin and garbled accuracy
#   models/channel.tsv  the learned OCR channel (scripts/make-channel.sh):
#                     SHARED/corpus text rendered, OCRed with tesseract -l eng
#                     and aligned; skipped with a warning when tesseract or
#                     its eng model is missing (the restorer then uses its
#                     hand-written channel)
# Never trains on SHARED/seeds or SHARED/eval (evaluation text).
set -euo pipefail
sohoa=${1:?usage: make-model.sh SOHOA SHARED [OUT]}
shared=${2:?usage: make-model.sh SOHOA SHARED [OUT]}
out=${3:-models}
cd "$(dirname "$0")/.."
[ -d "$shared/corpus" ] || { echo "make-model: $shared/corpus is missing" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
own=(corpus/*.txt)
"$sohoa" lm train --order 4 --prune3 1 --prune4 2 --out "$out"/sohoa.lm "$shared"/corpus/*.txt "${own[@]}"
"$sohoa" lm skelctx --lm "$out"/sohoa.lm --out "$out"/sohoa.skc "$shared"/corpus/*.txt "${own[@]}"
"$sohoa" lm wide --lm "$out"/sohoa.lm --out "$out"/sohoa.wide "$shared"/corpus/*.txt "${own[@]}"
"$sohoa" lm winnet --lm "$out"/sohoa.lm --out "$out"/sohoa.win "$shared"/corpus/*.txt "${own[@]}"
# the domain lexicons' entries as short sentences (comments and glosses dropped)
DOMAIN_LEXICONS=(abbreviations admin-terms agencies provinces)
for d in "${DOMAIN_LEXICONS[@]}"; do
    [ -f "dictionaries/$d.txt" ] || { echo "make-model: dictionaries/$d.txt is missing" >&2; exit 2; }
    grep -v '^#' "dictionaries/$d.txt" | cut -f1 | grep -v '^[[:space:]]*$' || true
done > "$tmp/lexicon.txt"
"$sohoa" lm train --order 3 --prune 1 --vocab-min 1 --vocab-from "$out"/sohoa.lm \
    --out "$out"/domain.lm "${own[@]}" "$tmp/lexicon.txt"
"$sohoa" lm info "$out"/sohoa.lm
"$sohoa" lm info "$out"/domain.lm
"$sohoa" lm skelctx-info --lm "$out"/sohoa.lm "$out"/sohoa.skc
"$sohoa" lm wide-info --lm "$out"/sohoa.lm "$out"/sohoa.wide
"$sohoa" lm winnet-info --lm "$out"/sohoa.lm "$out"/sohoa.win
if [ "$(realpath -m "$out")" != "$(realpath -m models)" ]; then
    cp models/channel.tsv "$out"/channel.tsv
elif command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx eng; then
    scripts/make-channel.sh models/channel.tsv "$shared"/corpus/*.txt
else
    echo "make-model: no tesseract with the eng model: models/channel.tsv not rebuilt" >&2
fi
# the dictionaries' cache goes with the model's vocabulary
"$sohoa" lm dict-cache --model "$out" --dict dictionaries --out "$out"/dictionaries.bin
