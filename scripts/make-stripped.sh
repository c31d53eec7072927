#!/usr/bin/env bash
# make-stripped.sh — diacritic-stripped copies of corpus documents, as left by
# old tools and foreign keyboards: every tone and vowel mark dropped, đ→d and
# Đ→D, case, punctuation, digits, Markdown and line breaks kept as they are.
#
# usage: scripts/make-stripped.sh [OUTDIR [DOC...]]
#   OUTDIR defaults to build/corpus-gen; DOC defaults to every corpus/NN-*.txt.
#   Writes OUTDIR/stripped/NAME.txt for each document NAME.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-build/corpus-gen}
shift || true
if [ $# -eq 0 ]; then set -- "$root"/corpus/[0-9][0-9]-*.txt; fi
mkdir -p "$out/stripped"
for doc in "$@"; do
    [ -f "$doc" ] || { echo "make-stripped: $doc: no such file" >&2; exit 2; }
    name=$(basename "$doc" .txt)
    # Decompose (NFD), drop combining marks (category Mn), map đ/Đ, recompose.
    /usr/bin/python3 - "$doc" "$out/stripped/$name.txt" <<'PY'
import sys, unicodedata
src, dst = sys.argv[1], sys.argv[2]
try:
    text = open(src, encoding="utf-8").read()
except UnicodeDecodeError as e:
    sys.stderr.write(f"make-stripped: {src}: not UTF-8 ({e.reason} at byte {e.start})\n")
    sys.exit(2)
text = unicodedata.normalize("NFD", text)
text = "".join(c for c in text if unicodedata.category(c) != "Mn")
text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
open(dst, "w", encoding="utf-8").write(text)
PY
    echo "make-stripped: $name -> $out/stripped/$name.txt"
done
