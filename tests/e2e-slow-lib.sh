# tests/e2e-slow-lib.sh — a text that takes restoration many seconds, and a
# data directory whose model makes it so (sourced by e2e tests that need a
# file to be slow: time_limit.sh, ingest_crash.sh). Owner: tests.
#
# slow_setup BIG — writes BIG: 2 MB of syllables without marks, 60 to a
# line; makes ./data (the project's rules, a trigram model trained on 400
# lines of every tone of those 30 syllables, "ma" has 18 forms, and four
# administrative lines) and exports SOHOA_DATA=$PWD/data. Restoring BIG
# took about 6 s per MB unsanitised on the machine this was written on,
# 60 times the cost of the stages before it.
slow_setup() {
    python3 - "$1" <<'PY'
import random, sys, unicodedata
random.seed(7)
tones = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
vowels = ["a", "a\u0306", "a\u0302", "o", "o\u0302", "o\u031b", "e", "e\u0302"]
cons = "m l c b t n h d v x".split()
forms = [unicodedata.normalize("NFC", c + v + t) for c in cons for v in vowels for t in tones]
with open("corpus.txt", "w") as f:
    for _ in range(400):
        f.write(" ".join(random.choice(forms) for _ in range(12)) + " .\n")
    f.write("ủy ban nhân dân xã an bình .\nkế hoạch tuyên truyền cải cách hành chính năm 2022 .\n"
            "nâng cao nhận thức của cán bộ về cải cách hành chính .\nkinh phí từ ngân sách xã .\n")
skel = [c + v for c in cons for v in "aoe"]
line = " ".join(random.choice(skel) for _ in range(60)) + "\n"
with open(sys.argv[1], "w") as f:
    f.write(line * (2_000_000 // len(line)))
PY
    mkdir -p data/models data/dictionaries
    ln -s "$SOHOA_SRC/rules" data/rules
    "$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 --out data/models/sohoa.lm corpus.txt 2>/dev/null
    export SOHOA_DATA=$PWD/data
}
