#!/usr/bin/env bash
# scripts/gen-encoding-samples.sh SOHOA CORPUS_DIR OUT_DIR [COUNT]
# Make COUNT (default 200) legacy-encoded samples of mixed lengths for the
# detection benchmark, from lines of the training corpus (CORPUS_DIR/*.txt)
# encoded with our own encoders (sohoa normalize --to ENC). Sample i uses
# encoding i mod 4 (tcvn3, vni, viqr, cp1258) and length class (i / 4) mod 3:
# the first 6 words of one line, 2-4 lines, or 10-30 lines. Writes
# OUT_DIR/NNN.ENC and OUT_DIR/NNN.truth (UTF-8; lower-cased for TCVN3, which
# has no upper-case toned letters). Deterministic: same corpus, same samples.
set -euo pipefail
sohoa=${1:?usage: gen-encoding-samples.sh SOHOA CORPUS_DIR OUT_DIR [COUNT]}
corpus=${2:?corpus dir}
out=${3:?out dir}
count=${4:-200}
export LC_ALL=C.UTF-8
mkdir -p "$out"
pool=$out/.pool
# every 211th line of 40..400 bytes, normalised (plain quotes and dashes) and
# kept only if every character is ASCII or a Vietnamese letter
letters='àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'
upper='ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ'
cat "$corpus"/*.txt | awk 'NR % 211 == 0 && length($0) >= 40 && length($0) <= 400' |
    "$sohoa" normalize | grep -vP "[^\x{20}-\x{7E}$letters$upper]" > "$pool"
n=$(wc -l < "$pool")
[ "$n" -ge 100 ] || { echo "gen-encoding-samples: too few usable corpus lines ($n)" >&2; exit 2; }
encs=(tcvn3 vni viqr cp1258)
for ((i = 0; i < count; i++)); do
    enc=${encs[i % 4]}
    class=$(( (i / 4) % 3 ))
    start=$(( (i * 7919) % n + 1 ))
    case $class in
        0) text=$(sed -n "${start}p" "$pool" | cut -d' ' -f1-6) ;;
        1) len=$(( 2 + i % 3 )); text=$(sed -n "${start},$((start + len - 1))p" "$pool") ;;
        *) len=$(( 10 + (i * 13) % 21 )); text=$(sed -n "${start},$((start + len - 1))p" "$pool") ;;
    esac
    if [ "$enc" = tcvn3 ]; then text=$(printf '%s\n' "$text" | sed 's/.*/\L&/'); fi
    name=$(printf '%03d' "$i")
    printf '%s\n' "$text" > "$out/$name.truth"
    "$sohoa" normalize --to "$enc" "$out/$name.truth" > "$out/$name.$enc"
done
rm -f "$pool"
