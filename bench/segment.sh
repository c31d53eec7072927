#!/usr/bin/env bash
# bench/segment.sh SOHOA SHARED — segmentation and metadata extraction
# (issue #6). Prints a Markdown section on stdout:
#  1. precision and recall per header field, cited documents, recipients,
#     level-1 sections (found with the right kinds) and level-2/3 headings,
#     against the hand-written expectations tests/expected/*.json: the eight
#     corpus documents and seeds 001-002 (clean text);
#  2. the garbled seeds 000, 003, 004 (English-model OCR, diacritics lost)
#     four ways: raw, raw compared without diacritics, after `sohoa restore`,
#     and the hand-read text (bench/data/seedNNN.truth.txt, the ceiling
#     restoration could reach);
#     — and restored again without the gazetteer (rules/ less places.rules),
#     to show what the gazetteer adds;
#  3. a baseline in the same run: strict numbering regexes (I./1./a) exactly
#     as printed, no sequence, no OCR tolerance) for heading recall;
#  4. speed of `sohoa segment` (hyperfine), next to the baseline's, with and
#     without loading the gazetteer.
set -uo pipefail
sohoa=$(realpath "${1:?usage: bench/segment.sh SOHOA SHARED}")
shared=$(realpath "${2:?usage: bench/segment.sh SOHOA SHARED}")
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmp=tests/expected/compare_segment.py

input_of() { # expectation -> input path (../shared/... mapped to SHARED)
    local p
    p=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["input"])' "$1")
    case $p in ../shared/*) p=$shared/${p#../shared/} ;; esac
    printf '%s' "$p"
}

# The rules without the gazetteer (the ablation).
mkdir -p "$tmp/rules-nogaz"
cp rules/*.rules "$tmp/rules-nogaz/" && rm -f "$tmp/rules-nogaz/places.rules"

# score LABEL EXPECTED INPUT [--fold] : appends one result line to $tmp/LABEL.jsonl
# ($SEG_RULES, if set, is the rules directory to segment with)
score() {
    local label=$1 exp=$2 in=$3; shift 3
    "$sohoa" segment ${SEG_RULES:+--rules "$SEG_RULES"} "$in" > "$tmp/out.json" 2>/dev/null ||
        { echo "segment failed on $in" >&2; return; }
    python3 "$cmp" "$exp" "$tmp/out.json" "$@" >> "$tmp/$label.jsonl"
}

clean=()
for e in tests/expected/corpus-*.json tests/expected/seed-001.json tests/expected/seed-002.json; do
    in=$(input_of "$e")
    [ -f "$in" ] || continue
    clean+=("$e")
    score clean "$e" "$in"
done
# The garbled seeds: raw, raw without diacritics, restored, hand-read.
restored=1
for n in 000 003 004; do
    e=tests/expected/seed-$n.json
    raw=$(input_of "$e")
    score raw "$e" "$raw"
    score rawfold "$e" "$raw" --fold
    if "$sohoa" restore "$raw" > "$tmp/restored-$n.txt" 2>/dev/null; then
        score restored "$e" "$tmp/restored-$n.txt"
        SEG_RULES=$tmp/rules-nogaz score nogaz "$e" "$tmp/restored-$n.txt"
    else
        restored=0
    fi
    score truth "$e" "bench/data/seed$n.truth.txt"
done

# The baseline: strict numbering regexes, level by scheme, no sequence check.
cat > "$tmp/baseline.py" <<'EOF'
import json, re, sys
def heads(path):
    out = []
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        s = re.sub(r"^\s*(?:#+\s*)?[*_]*", "", line)
        m = re.match(r"(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s", s)
        if m: out.append((1, m.group(1), i)); continue
        m = re.match(r"(\d{1,2})\.\s", s)
        if m: out.append((2, m.group(1), i)); continue
        m = re.match(r"([a-zđ])\)\s", s)
        if m: out.append((3, m.group(1), i))
    return out
def flat(ss, lv, acc):
    for s in ss:
        l = s.get("level", lv)
        if l > 0: acc.append((min(l, 3), s["label"], s["line"]))
        flat(s.get("children", []), l + 1, acc)
    return acc
exp = json.load(open(sys.argv[1], encoding="utf-8"))
want = flat(exp["sections"], 1, [])
got = set(heads(sys.argv[2]))
l1 = [w for w in want if w[0] == 1]; l23 = [w for w in want if w[0] > 1]
print(json.dumps({"l1": [len(l1), sum(w in got for w in l1)], "l23": [len(l23), sum(w in got for w in l23)],
                  "extra": len(got - set(want))}))
EOF
for e in "${clean[@]}"; do python3 "$tmp/baseline.py" "$e" "$(input_of "$e")" >> "$tmp/base-clean.jsonl"; done
for n in 000 003 004; do
    python3 "$tmp/baseline.py" tests/expected/seed-$n.json "$(input_of tests/expected/seed-$n.json)" >> "$tmp/base-raw.jsonl"
done

# Speed: the clean inputs 20 times over in one process (start-up amortised),
# one file (start-up and rule compilation dominate), and the baseline script.
inputs=()
for e in "${clean[@]}"; do inputs+=("$(input_of "$e")"); done
many=()
for _ in $(seq 20); do many+=("${inputs[@]}"); done
bytes=$(cat "${many[@]}" | wc -c)
hyperfine -N --warmup 2 --runs 10 --export-json "$tmp/hf.json" \
    "$sohoa segment ${many[*]}" \
    "$sohoa segment ${inputs[0]}" \
    "$sohoa segment --rules $tmp/rules-nogaz ${inputs[0]}" \
    "python3 $tmp/baseline.py tests/expected/seed-001.json ${inputs[0]}" > /dev/null 2>&1

# Instructions (valgrind callgrind; independent of the machine's load): the
# start-up alone (an empty document) and the clean documents, with and
# without the gazetteer.
: > "$tmp/empty.txt"
icount() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
           sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
if command -v valgrind > /dev/null; then
    {
        echo "startup_gaz $(icount "$sohoa" segment "$tmp/empty.txt")"
        echo "startup_nogaz $(icount "$sohoa" segment --rules "$tmp/rules-nogaz" "$tmp/empty.txt")"
        echo "docs_gaz $(icount "$sohoa" segment "${inputs[@]}")"
        echo "docs_nogaz $(icount "$sohoa" segment --rules "$tmp/rules-nogaz" "${inputs[@]}")"
    } > "$tmp/icount.txt"
fi

python3 - "$tmp" "${#clean[@]}" "$bytes" "$restored" <<'EOF'
import json, sys, os
tmp, nclean, nbytes, restored = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
def load(label):
    p = os.path.join(tmp, label + ".jsonl")
    return [json.loads(l) for l in open(p)] if os.path.exists(p) else []
def pct(a, b): return "–" if b == 0 else f"{100 * a / b:.1f}%"
FIELDS = ["doc_type", "number", "symbol", "issuer", "place", "date", "date_partial", "year",
          "title", "signer", "signer_role", "period"]
def summary(rows):
    f = {}
    for r in rows:
        for k, v in r["fields"].items():
            a = f.setdefault(k, {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "n": 0})
            for x in ("tp", "fp", "fn", "tn"): a[x] += v[x]
            a["n"] += 1
    agg = lambda part, key: sum(r.get(part, {}).get(key, 0) for r in rows)
    return f, agg
conds = [("clean", f"clean text ({nclean} documents)"), ("raw", "garbled seeds 000, 003, 004: raw OCR"),
         ("rawfold", "raw, compared without diacritics")]
if restored:
    conds.append(("restored", "after `sohoa restore`"))
    conds.append(("nogaz", "after restore, without the gazetteer"))
conds.append(("truth", "hand-read text (ceiling)"))
data = {c: load(c) for c, _ in conds}

print("### Segmentation and metadata (issue #6)\n")
print("Commands: `sohoa segment FILE` on each input of `tests/expected/*.json` (hand-written")
print("expectations), scored by `tests/expected/compare_segment.py EXPECTED OUT [--fold]`;")
print("the garbled seeds also through `sohoa restore FILE | sohoa segment`. Header fields: precision /")
print("recall, where precision = right / values given and recall = right / values expected;")
print("\"+n null\" counts documents where the field is absent and sohoa rightly gave null.\n")
print("| field | " + " | ".join(label for _, label in conds) + " |")
print("|---|" + "---:|" * len(conds))
for k in FIELDS:
    cells = []
    for c, _ in conds:
        f, _ = summary(data[c])
        a = f.get(k)
        if not a: cells.append("–"); continue
        cells.append(f"{pct(a['tp'], a['tp'] + a['fp'])} / {pct(a['tp'], a['tp'] + a['fn'])}"
                     + (f" (+{a['tn']} null)" if a["tn"] else ""))
    print(f"| {k} | " + " | ".join(cells) + " |")
def row(name, fn):
    print(f"| {name} | " + " | ".join(fn(summary(data[c])[1]) for c, _ in conds) + " |")
row("cited documents (recall; extra)", lambda g: f"{g('references','found')}/{g('references','expected')} = {pct(g('references','found'), g('references','expected'))}; {g('references','extra')} extra")
row("recipients (recall; extra)", lambda g: f"{g('recipients','found')}/{g('recipients','expected')} = {pct(g('recipients','found'), g('recipients','expected'))}; {g('recipients','extra')} extra")
row("agencies in the body (recall; extra)", lambda g: f"{g('agencies','found')}/{g('agencies','expected')} = {pct(g('agencies','found'), g('agencies','expected'))}; {g('agencies','extra')} extra" if g('agencies','expected') else "–")
row("level-0/1 sections found", lambda g: f"{g('level1','found')}/{g('level1','expected')} = {pct(g('level1','found'), g('level1','expected'))}")
row("… with the right kinds", lambda g: f"{g('level1','kinds_right')}/{g('level1','expected')} = {pct(g('level1','kinds_right'), g('level1','expected'))}")
row("… with the heading text exact", lambda g: f"{g('level1','heading_right')}/{g('level1','expected')} = {pct(g('level1','heading_right'), g('level1','expected'))}")
row("level-2/3 headings found", lambda g: f"{g('level23','found')}/{g('level23','expected')} = {pct(g('level23','found'), g('level23','expected'))}")
print("| sections not in the expectation | " + " | ".join(str(sum(r.get("extra_sections", 0) for r in data[c])) for c, _ in conds) + " |")
print()
print("Kinds are matched on folded text and tolerate OCR damage (`MUC PiCH, YEU CAU` is")
print("purpose + requirements); the heading text itself is only as good as the restoration.\n")
print("Residual damage in header values is mended from the document itself: a word its context")
print("predicts (`nim 2023`, `thì trin`) takes the form the text uses most in that context (rules")
print("`repair.*`); an issuer locality a letter from the place (`THỊ TRẤN LÀ CÁCH`, place `Lai Cách`)")
print("takes the place's spelling. Place names after a unit word (issuer, title, recipients) are")
print("snapped to the gazetteer (dictionaries/places-*.txt: 63 provinces, 722 districts, 10,915")
print("communes) within the unit's level when one name is a small edit away (`thị xã Pong Hoa` →")
print("`Đông Hòa`), unless the document writes its own form three times; the date line's place takes")
print("the name the document's unit mentions vote for when a letter away (seed 000: `Cộng Hòa` →")
print("`Đông Hòa`). Fixed phrases are read through damage (rules `canon.*`: `CHỈ{ TÍCH` → `CHỦ TỊCH`),")
print("and a cited code takes its type's code (`Quyết định số 268/OP-UBND` → `QĐ`) or the one body")
print("code near it (`TTqg` → `TTg`). Roman headings are put in capitals (`MỤC Đích` → `MỤC ĐÍCH`).\n")

# baseline
def base(label):
    p = os.path.join(tmp, label + ".jsonl")
    rows = [json.loads(l) for l in open(p)] if os.path.exists(p) else []
    s = lambda k, i: sum(r[k][i] for r in rows)
    return s("l1", 0), s("l1", 1), s("l23", 0), s("l23", 1), sum(r["extra"] for r in rows)
print("Heading recall next to a baseline measured in the same run (strict regexes `I.`/`1.`/`a)`")
print("as printed, no sequence check, no OCR tolerance):\n")
print("| input | headings | sohoa level 1 | baseline level 1 | sohoa level 2/3 | baseline level 2/3 | baseline extra |")
print("|---|---:|---:|---:|---:|---:|---:|")
for label, name, cond in (("base-clean", f"clean text ({nclean} documents)", "clean"), ("base-raw", "garbled seeds, raw OCR", "raw")):
    e1, f1, e23, f23, extra = base(label)
    g = summary(data[cond])[1]
    print(f"| {name} | {e1 + e23} | {pct(g('level1','found'), g('level1','expected'))} | {pct(f1, e1)} | "
          f"{pct(g('level23','found'), g('level23','expected'))} | {pct(f23, e23)} | {extra} |")
print("\n(sohoa's level-1 column counts the level-0 opening section too; the baseline's does not.)\n")

hf = json.load(open(os.path.join(tmp, "hf.json")))["results"]
ndocs = 20 * nclean
print("Speed (hyperfine, 10 runs; wall time on a shared 2-core machine, so user+system CPU is")
print("given too):\n")
print("| command | wall mean | CPU (user+sys) | per document (CPU) | MB/s (CPU) |")
print("|---|---:|---:|---:|---:|")
rows = [(f"`sohoa segment` on {ndocs} documents ({nbytes} bytes), one process", ndocs, nbytes),
        ("`sohoa segment` on one document (start-up, rules compiled and JIT'ed, gazetteer loaded)", 1, None),
        ("`sohoa segment --rules` without the gazetteer, one document", 1, None),
        ("baseline regex script, one document (Python start-up included)", 1, None)]
for (name, n, b), r in zip(rows, hf):
    cpu = r["user"] + r["system"]
    mbs = f"{b / cpu / 1e6:.2f}" if b else "–"
    print(f"| {name} | {r['mean'] * 1000:.1f} ms | {cpu * 1000:.1f} ms | {cpu / n * 1000:.2f} ms | {mbs} |")
ic = os.path.join(tmp, "icount.txt")
if os.path.exists(ic):
    c = dict(l.split() for l in open(ic) if len(l.split()) == 2)
    g = lambda k: int(c[k]) if c.get(k, "").isdigit() else None
    if all(g(k) for k in ("startup_gaz", "startup_nogaz", "docs_gaz", "docs_nogaz")):
        print("\nInstructions (valgrind callgrind, independent of the machine's load; the "
              f"{nclean} clean documents in one process, and the start-up alone on an empty file):\n")
        print("| | with the gazetteer | without | difference |")
        print("|---|---:|---:|---:|")
        per = lambda k: (g("docs_" + k) - g("startup_" + k)) / nclean
        rows = [("start-up (rules compiled, gazetteer loaded)", g("startup_gaz"), g("startup_nogaz")),
                ("per document", per("gaz"), per("nogaz"))]
        for name, a, b in rows:
            print(f"| {name} | {a / 1e6:.1f} M | {b / 1e6:.1f} M | {(a - b) / 1e6:+.1f} M ({100 * (a - b) / b:+.0f}%) |")
EOF
