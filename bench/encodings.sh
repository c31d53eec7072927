#!/usr/bin/env bash
# bench/encodings.sh SOHOA SHARED — legacy encodings and normalisation
# (issue #3). Prints a Markdown section on stdout:
#  1. detection and exact decoding on 200 samples we generate from
#     SHARED/corpus with our own encoders (scripts/gen-encoding-samples.sh),
#     and on the 160 samples of SHARED/eval/encodings made by independent
#     encoders, with glibc iconv (charset forced) as the peer for TCVN3 and
#     CP1258 (it has no VNI or VIQR);
#  2. throughput of `sohoa normalize` on UTF-8 (one process, one core) next
#     to ICU's uconv (NFC) and iconv (UTF-8 → UTF-8), and of decoding each
#     legacy encoding next to iconv, all timed by hyperfine in one run.
# "Exact" compares the decoded, normalised text with the truth normalised by
# the same command, i.e. byte for byte up to tone-mark placement.
set -uo pipefail
sohoa=$(realpath "${1:?usage: bench/encodings.sh SOHOA SHARED}")
shared=$(realpath "${2:?usage: bench/encodings.sh SOHOA SHARED}")
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "–"; else printf "%.1f%%", 100 * a / b }'; }

# score DIR ENC → "detected exact total" for the samples NNN.ENC with NNN.truth
score() {
    local dir=$1 enc=$2 det=0 ex=0 tot=0 f
    for f in "$dir"/*."$enc"; do
        tot=$((tot + 1))
        [ "$("$sohoa" normalize --detect "$f" 2>/dev/null)" = "$f: $enc" ] && det=$((det + 1))
        "$sohoa" normalize "${f%.*}.truth" > "$tmp/want" 2>/dev/null
        "$sohoa" normalize "$f" > "$tmp/got" 2>/dev/null && cmp -s "$tmp/want" "$tmp/got" && ex=$((ex + 1))
    done
    echo "$det $ex $tot"
}
# iconv_exact DIR ENC CHARSET → samples iconv decodes exactly (same normalisation)
iconv_exact() {
    local dir=$1 enc=$2 cs=$3 ex=0 f
    for f in "$dir"/*."$enc"; do
        "$sohoa" normalize "${f%.*}.truth" > "$tmp/want" 2>/dev/null
        iconv -f "$cs" -t UTF-8 "$f" 2>/dev/null | "$sohoa" normalize --encoding utf-8 > "$tmp/got" 2>/dev/null &&
            cmp -s "$tmp/want" "$tmp/got" && ex=$((ex + 1))
    done
    echo "$ex"
}

scripts/gen-encoding-samples.sh "$sohoa" "$shared/corpus" "$tmp/gen" 200 >&2
eval_dir=$shared/eval/encodings

echo "### Legacy encodings and normalisation (issue #3)"
echo
echo "Commands: \`scripts/gen-encoding-samples.sh SOHOA ../shared/corpus GEN 200\`;"
echo "per sample \`sohoa normalize --detect FILE\` and \`sohoa normalize FILE\` against"
echo "\`sohoa normalize FILE.truth\`; peer \`iconv -f TCVN5712-1|CP1258 -t UTF-8 FILE | sohoa normalize\`."
echo
echo "| samples | encoding | n | sohoa detected | sohoa exact | iconv exact (forced) |"
echo "|---|---|---:|---:|---:|---:|"
declare -A CS=([tcvn3]=TCVN5712-1 [cp1258]=CP1258)
for set in generated eval; do
    dir=$tmp/gen; label="generated from ../shared/corpus (our encoders)"
    [ $set = eval ] && { dir=$eval_dir; label="../shared/eval/encodings (independent encoders)"; }
    D=0 E=0 T=0 I=0 IT=0
    for enc in tcvn3 vni viqr cp1258; do
        read -r d e t <<<"$(score "$dir" "$enc")"
        D=$((D + d)) E=$((E + e)) T=$((T + t))
        ic="–"
        if [ -n "${CS[$enc]:-}" ]; then
            i=$(iconv_exact "$dir" "$enc" "${CS[$enc]}"); I=$((I + i)) IT=$((IT + t)); ic="$i/$t ($(pct "$i" "$t"))"
        fi
        echo "| $label | $enc | $t | $d ($(pct "$d" "$t")) | $e ($(pct "$e" "$t")) | $ic |"
    done
    echo "| **$label** | **all** | **$T** | **$D ($(pct "$D" "$T"))** | **$E ($(pct "$E" "$T"))** | $I/$IT on TCVN3+CP1258 |"
done
echo

# ---- throughput -----------------------------------------------------------
cat "$shared"/corpus/*.txt > "$tmp/utf8.txt"
letters='àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'
"$sohoa" normalize "$shared/corpus/legal.txt" | sed 's/.*/\L&/' |
    grep -vP "[^\x{20}-\x{7E}$letters]" > "$tmp/lower.txt"
for enc in tcvn3 vni viqr cp1258; do
    "$sohoa" normalize --to "$enc" "$tmp/lower.txt" > "$tmp/big.$enc"
done
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1e6 }'; }
# run_hf INPUT LABEL CMD [LABEL CMD...] → table rows. MB/s are of INPUT's
# bytes per second of wall time, and per second of CPU time (user + system,
# i.e. on one core, whatever else the machine is doing); the ratio compares
# CPU throughput with the group's first row.
run_hf() {
    local input=$1; shift
    local args=()
    while [ $# -gt 0 ]; do args+=(-n "$1" "$2"); shift 2; done
    hyperfine -N --warmup 1 --runs 5 --export-json "$tmp/hf.json" "${args[@]}" >/dev/null 2>&1 ||
        hyperfine --warmup 1 --runs 5 --export-json "$tmp/hf.json" "${args[@]}" >/dev/null 2>&1
    local size; size=$(stat -c %s "$input")
    jq -r --arg size "$size" '
        (.results[0] | .user + .system) as $base |
        .results[] | (.user + .system) as $cpu |
        [.command, (.mean * 1000 | floor), (($size | tonumber) / 1e6 / .mean * 10 | floor / 10),
         ($cpu * 1000 | floor), (($size | tonumber) / 1e6 / $cpu * 10 | floor / 10),
         ($base / $cpu * 100 | floor / 100)] | @tsv' "$tmp/hf.json" |
        while IFS=$'\t' read -r name ms mbs cpums cpumbs ratio; do
            echo "| $name | $(basename "$input") ($(mb "$input") MB) | $ms | $mbs | $cpums | **$cpumbs** | $ratio |"
        done
}
echo "Throughput (hyperfine, 5 runs after a warm-up, means). Wall time depends on"
echo "the load of the shared machine; CPU time (user + system) is the one-core"
echo "figure. Ratio: CPU throughput relative to the first row of each group."
echo
echo "| command | input | wall ms | MB/s (wall) | CPU ms | MB/s per core | ratio |"
echo "|---|---|---:|---:|---:|---:|---:|"
run_hf "$tmp/utf8.txt" \
    "sohoa normalize (UTF-8)" "$sohoa normalize --encoding utf-8 $tmp/utf8.txt" \
    "sohoa normalize (auto-detect)" "$sohoa normalize $tmp/utf8.txt" \
    "uconv -x nfc (ICU, NFC only)" "uconv -f utf-8 -t utf-8 -x nfc $tmp/utf8.txt" \
    "iconv utf-8 → utf-8 (validation only)" "iconv -f utf-8 -t utf-8 $tmp/utf8.txt"
for enc in tcvn3 vni viqr cp1258; do
    set -- "sohoa normalize --encoding $enc" "$sohoa normalize --encoding $enc $tmp/big.$enc" \
        "sohoa normalize (auto, $enc)" "$sohoa normalize $tmp/big.$enc"
    [ -n "${CS[$enc]:-}" ] && set -- "$@" "iconv -f ${CS[$enc]} (decode only)" "iconv -f ${CS[$enc]} -t utf-8 $tmp/big.$enc"
    run_hf "$tmp/big.$enc" "$@"
done
echo
echo "The legacy inputs are ../shared/corpus/legal.txt lower-cased (TCVN3 has no"
echo "toned capitals) and encoded by \`sohoa normalize --to ENC\`."
