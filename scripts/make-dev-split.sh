#!/usr/bin/env bash
# make-dev-split.sh SOHOA SHARED OUT — a held-out split of SHARED/corpus for
# tuning the restorer without touching evaluation text (issue #12).
#
# Each corpus file (news, legal, wiki) is cut into blocks of 40 lines, in
# the corpus's own order, so that a held-out block is whole paragraphs of
# one or two documents: the per-document cache and the neighbours' vote
# need documents, which a split of every Nth line would scatter. Every
# 25th block (4 %) is held out as OUT/truth/NAME.txt, stripped of every
# mark by scripts/make-stripped.sh as OUT/stripped/NAME.txt; the rest goes
# to OUT/corpus/NAME.txt, and scripts/make-model.sh trains the full set of
# models on it into OUT/models (about 5 minutes on two cores). Then:
#
#   sohoa restore --model OUT/models OUT/stripped/news.txt > news.out
#   python3 SHARED/eval/score.py OUT/truth/news.txt news.out
#
# Owner: restore.
set -euo pipefail
sohoa=${1:?usage: make-dev-split.sh SOHOA SHARED OUT}
shared=${2:?usage: make-dev-split.sh SOHOA SHARED OUT}
out=${3:?usage: make-dev-split.sh SOHOA SHARED OUT}
sohoa=$(realpath "$sohoa")
out=$(realpath -m "$out")
for n in news legal wiki; do
    [ -f "$shared/corpus/$n.txt" ] || { echo "make-dev-split: $shared/corpus/$n.txt is missing" >&2; exit 2; }
done
mkdir -p "$out/corpus" "$out/truth"
python3 - "$shared/corpus" "$out" <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
BLOCK, EVERY = 40, 25
for name in ("news", "legal", "wiki"):
    lines = open(f"{src}/{name}.txt", encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    train, dev = [], []
    for b in range(0, len(lines), BLOCK):
        (dev if (b // BLOCK) % EVERY == EVERY // 2 else train).extend(lines[b:b + BLOCK])
    open(f"{out}/corpus/{name}.txt", "w", encoding="utf-8").write("\n".join(train) + "\n")
    open(f"{out}/truth/{name}.txt", "w", encoding="utf-8").write("\n".join(dev) + "\n")
    print(f"make-dev-split: {name}: {len(train)} lines to train, {len(dev)} held out", file=sys.stderr)
PY
"$(dirname "$0")"/make-stripped.sh "$out" "$out"/truth/*.txt > /dev/null
"$(dirname "$0")"/make-model.sh "$sohoa" "$out" "$out/models"
