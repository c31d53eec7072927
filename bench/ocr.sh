#!/usr/bin/env bash
# bench/ocr.sh SOHOA SHARED — the OCR stage (issue #13). Prints a Markdown
# section on stdout, every figure measured in this run on the 12 scan sets of
# SHARED/eval/scans (4 documents × light/medium/heavy, 24 page images):
#  1. accuracy (syllable accuracy and CER by SHARED/eval/score.py) of raw
#     `tesseract -l vie` against `sohoa ocr --raw` (preprocessing only) and
#     `sohoa ocr` (preprocessing + normalisation + restoration), per set and
#     per level, with the error reduction against raw tesseract;
#  2. ablation: `sohoa ocr --raw --no-STEP` for each preprocessing step;
#  3. OCRmyPDF (--deskew --clean --rotate-pages, sidecar text) when installed,
#     in the same tables: accuracy per level and time;
#  4. throughput on the 24 pages (hyperfine, every command in the same run):
#     `sohoa ocr -j 2` against `xargs -P 2 tesseract` with OMP_THREAD_LIMIT=1,
#     and a default tesseract loop (OpenMP threads); wall time and CPU time
#     (user+sys of all processes) per page; peak memory per process (GNU
#     time). OCRmyPDF is timed once, in its accuracy pass (GNU time): at
#     several times tesseract's CPU per page, two hyperfine runs of it would
#     double the bench.
# OCR runs two processes at a time (the machine has 2 cores). BENCH_RUNS sets
# hyperfine's runs (default 1: each run is 24 pages); BENCH_QUICK=1 skips the
# ablation.
set -uo pipefail
sohoa=$(realpath "${1:?usage: bench/ocr.sh SOHOA SHARED}")
shared=$(realpath "${2:?usage: bench/ocr.sh SOHOA SHARED}")
scans=$shared/eval/scans
score=$shared/eval/score.py
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sets=$(cd "$scans" && ls -d doc*-light doc*-medium doc*-heavy | sort -t- -k2,2r -k1,1)
runs=${BENCH_RUNS:-1}

# run_sohoa TAG OPTIONS... — `sohoa ocr OPTIONS` on each set's pages → $tmp/TAG/SET.txt
run_sohoa() {
    local tag=$1; shift
    mkdir -p "$tmp/$tag"
    printf '%s\n' $sets | OMP_THREAD_LIMIT=1 xargs -P 2 -I{} sh -c \
        '"$0" ocr "$@" '"$scans"'/{}/page-* > '"$tmp/$tag"'/{}.txt 2>/dev/null' "$sohoa" "$@"
}
# run_tesseract TAG — raw `tesseract PAGE stdout -l vie` of each page, pages concatenated
run_tesseract() {
    mkdir -p "$tmp/$1"
    for s in $sets; do for p in "$scans/$s"/page-*; do echo "$s $p"; done; done |
        OMP_THREAD_LIMIT=1 xargs -P 2 -n 2 sh -c 'tesseract "$1" stdout -l vie > "$1.$$.txt" 2>/dev/null; mv "$1.$$.txt" '"$tmp/$1"'/"$0".$(basename "$1").txt' 2>/dev/null
    # the line above names outputs SET.page-NNN.EXT.txt; join them per set in page order
    for s in $sets; do cat "$tmp/$1/$s".page-*.txt > "$tmp/$1/$s.txt" 2>/dev/null; done
}
# scores TAG → lines "SET syl_acc cer n"
scores() {
    for s in $sets; do
        printf '%s %s\n' "$s" "$(python3 "$score" "$scans/$s/truth.txt" "$tmp/$1/$s.txt" 2>/dev/null |
            sed 's/syl_acc=//; s/cer=//; s/n=//')"
    done > "$tmp/$1.scores"
}

cat <<MD
### OCR: scans to text (issue #13)

Scan sets: \`../shared/eval/scans\` (4 documents × light/medium/heavy = 12 sets, 24 pages;
Liberation Serif, DejaVu Serif, Liberation Sans; blur, noise, skew up to 3°, low contrast,
dark borders, JPEG). Scored with \`../shared/eval/score.py TRUTH OUTPUT\` (syllable accuracy =
1 − token edits / truth tokens; CER after collapsing whitespace). Commands, per set, two sets at a time:

\`\`\`
tesseract PAGE stdout -l vie                       # each page, OMP_THREAD_LIMIT=1
sohoa ocr --raw SET/page-*                          # preprocessing, no restoration
sohoa ocr SET/page-*                                # preprocessing + normalisation + restoration
sohoa ocr --raw --no-STEP SET/page-*                # ablation
\`\`\`

Tesseract $(tesseract --version 2>&1 | head -1 | awk '{print $2}'), vie traineddata of the Debian package; this run on $(nproc) cores, shared with other jobs.

MD
run_tesseract tess
scores tess
run_sohoa raw --raw
scores raw
run_sohoa full
scores full
if [ -s "$tmp/full/$(echo $sets | cut -d' ' -f1).txt" ]; then :; fi
restore_note=""
if "$sohoa" ocr "$scans/doc1-light/page-001.png" 2>&1 >/dev/null | grep -q warning; then
    restore_note="(no restoration model found: this row is normalised OCR only)"
fi

ablate="border denoise contrast deskew binarize rescale orient"
if [ "${BENCH_QUICK:-0}" != 1 ]; then
    for st in $ablate; do run_sohoa "no-$st" --raw "--no-$st"; scores "no-$st"; done
    run_sohoa no-preprocess --raw --no-preprocess
    scores no-preprocess
fi

have_ocrmypdf=0
if command -v ocrmypdf >/dev/null && command -v unpaper >/dev/null; then
    have_ocrmypdf=1
    mkdir -p "$tmp/ocrmypdf"
    for s in $sets; do img2pdf "$scans/$s"/page-* -o "$tmp/$s.in.pdf" 2>/dev/null; done
    printf '%s\n' $sets > "$tmp/sets"
    # one set: its PDF → searchable PDF and sidecar text (2 sets at a time)
    cat > "$tmp/ocrmypdf.sh" <<SH
OMP_THREAD_LIMIT=1 xargs -P 2 -I{} ocrmypdf -q -l vie --jobs 1 --deskew --clean --rotate-pages --sidecar $tmp/ocrmypdf/{}.txt $tmp/{}.in.pdf $tmp/{}.out.pdf < $tmp/sets > /dev/null 2>&1
SH
    /usr/bin/time -f "%e %U %S" -o "$tmp/ocrmypdf.time" bash "$tmp/ocrmypdf.sh"
    scores ocrmypdf
fi

# --- report ----------------------------------------------------------------
python3 - "$tmp" "$restore_note" "$have_ocrmypdf" "${BENCH_QUICK:-0}" <<'PY'
import sys
tmp, note, have_omp, quick = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1"
def load(tag):
    d = {}
    try:
        for line in open(f"{tmp}/{tag}.scores"):
            p = line.split()
            if len(p) == 4:
                d[p[0]] = (float(p[1]), float(p[2]), int(p[3]))
    except FileNotFoundError:
        pass
    return d
tess, raw, full, omp = load("tess"), load("raw"), load("full"), load("ocrmypdf")
sets = list(tess)
levels = ["light", "medium", "heavy"]
def agg(d, lvl=None):
    ss = [s for s in sets if (lvl is None or s.endswith("-" + lvl)) and s in d]
    n = sum(d[s][2] for s in ss)
    e = sum((1 - d[s][0]) * d[s][2] for s in ss)
    cer = sum(d[s][1] for s in ss) / len(ss) if ss else float("nan")
    return (1 - e / n if n else float("nan")), cer, e
pc = lambda x: f"{100*x:.2f}%"
print("| scan set | truth syllables | tesseract -l vie | sohoa ocr --raw | sohoa ocr | CER tesseract | CER --raw | CER sohoa ocr |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for s in sets:
    t, r, f = tess[s], raw.get(s, (0, 1, 0)), full.get(s, (0, 1, 0))
    print(f"| {s} | {t[2]} | {pc(t[0])} | {pc(r[0])} | {pc(f[0])} | {pc(t[1])} | {pc(r[1])} | {pc(f[1])} |")
print()
ocol = " OCRmyPDF |" if have_omp else ""
print("| level | tesseract -l vie |" + ocol + " sohoa ocr --raw | sohoa ocr | target | mean CER tesseract |"
      + (" mean CER OCRmyPDF |" if have_omp else "") + " mean CER sohoa ocr | errors: tesseract → sohoa ocr | fewer errors |")
print("|---|---:|" + ("---:|" if have_omp else "") + "---:|---:|---:|---:|" + ("---:|" if have_omp else "") + "---:|---:|---:|")
for lvl in levels + [None]:
    a, b, c, o = agg(tess, lvl), agg(raw, lvl), agg(full, lvl), agg(omp, lvl)
    tgt = {"light": "≥ 99.6%", "medium": "≥ 99.6%", "heavy": "≥ 98.5%", None: "≥ 75% fewer errors"}[lvl]
    red = 1 - c[2] / a[2] if a[2] else float("nan")
    print(f"| {lvl or 'all'} | {pc(a[0])} |" + (f" {pc(o[0])} |" if have_omp else "") +
          f" {pc(b[0])} | {pc(c[0])} | {tgt} | {pc(a[1])} |" + (f" {pc(o[1])} |" if have_omp else "") +
          f" {pc(c[1])} | {a[2]:.0f} → {c[2]:.0f} | {pc(red)} |")
if note:
    print(f"\n{note}")
if not quick:
    print("\nAblation (`sohoa ocr --raw`, no restoration; pooled syllable accuracy; a step's gain is the drop when it is switched off):\n")
    print("| variant | light | medium | heavy | all |")
    print("|---|---:|---:|---:|---:|")
    print("| all steps (adaptive) | " + " | ".join(pc(agg(raw, l)[0]) for l in levels + [None]) + " |")
    for st in ["border", "denoise", "contrast", "deskew", "binarize", "rescale", "orient", "preprocess"]:
        d = load("no-" + st)
        if d:
            print(f"| --no-{st} | " + " | ".join(pc(agg(d, l)[0]) for l in levels + [None]) + " |")
    print("| raw tesseract (no sohoa) | " + " | ".join(pc(agg(tess, l)[0]) for l in levels + [None]) + " |")
if not have_omp:
    print("\nOCRmyPDF: not installed on this machine (Debian packages `ocrmypdf`, `unpaper`); not measured.")
PY

# --- throughput --------------------------------------------------------------
ls "$scans"/doc*-*/page-* > "$tmp/pages"
npages=$(wc -l < "$tmp/pages")
cat > "$tmp/xargs.sh" <<SH
OMP_THREAD_LIMIT=1 xargs -P 2 -I{} tesseract {} stdout -l vie < $tmp/pages > /dev/null 2>&1
SH
cat > "$tmp/loop.sh" <<SH
while read -r f; do tesseract "\$f" stdout -l vie; done < $tmp/pages > /dev/null 2>&1
SH
cat > "$tmp/sohoa.sh" <<SH
xargs "$sohoa" ocr -j 2 < $tmp/pages > /dev/null 2>&1
SH
cat > "$tmp/sohoa-raw.sh" <<SH
xargs "$sohoa" ocr --raw -j 2 < $tmp/pages > /dev/null 2>&1
SH
hyperfine -N --runs "$runs" --export-json "$tmp/t.json" \
    -n "sohoa ocr -j 2" "bash $tmp/sohoa.sh" \
    -n "sohoa ocr --raw -j 2" "bash $tmp/sohoa-raw.sh" \
    -n "xargs -P 2 tesseract (OMP_THREAD_LIMIT=1)" "bash $tmp/xargs.sh" \
    -n "tesseract loop (default OpenMP)" "bash $tmp/loop.sh" >/dev/null 2>&1
# peak memory: one worker; two worker processes (GNU time gives the largest process)
/usr/bin/time -f %M -o "$tmp/mem1" "$sohoa" ocr -j 1 $(head -4 "$tmp/pages") >/dev/null 2>&1
/usr/bin/time -f %M -o "$tmp/mem2" "$sohoa" ocr -j 2 $(head -4 "$tmp/pages") >/dev/null 2>&1
OMP_THREAD_LIMIT=1 /usr/bin/time -f %M -o "$tmp/memt" tesseract "$(head -1 "$tmp/pages")" stdout -l vie >/dev/null 2>&1

python3 - "$tmp" "$npages" <<'PY'
import json, sys
tmp, npages = sys.argv[1], int(sys.argv[2])
r = {x["command"]: x for x in json.load(open(f"{tmp}/t.json"))["results"]}
base = r["xargs -P 2 tesseract (OMP_THREAD_LIMIT=1)"]["mean"]
nruns = len(next(iter(r.values()))["times"])
print(f"\nThroughput on the {npages} pages (hyperfine, all commands in the same run, {nruns} run(s) each; "
      "wall time; CPU time = user + sys of every process, the fair measure on a shared machine):\n")
print("| command | wall time | pages/min | wall ratio to xargs -P 2 tesseract | CPU time | CPU per page | CPU ratio |")
print("|---|---:|---:|---:|---:|---:|---:|")
bcpu = r["xargs -P 2 tesseract (OMP_THREAD_LIMIT=1)"]["user"] + r["xargs -P 2 tesseract (OMP_THREAD_LIMIT=1)"]["system"]
for name, x in r.items():
    cpu = x["user"] + x["system"]
    print(f"| {name} | {x['mean']:.1f} s | {60*npages/x['mean']:.1f} | {x['mean']/base:.2f}× | {cpu:.1f} s | {cpu/npages:.2f} s | {cpu/bcpu:.2f}× |")
try:
    e, u, s_ = map(float, open(f"{tmp}/ocrmypdf.time").read().split()[-3:])
    print(f"| OCRmyPDF, 2 sets at a time (--deskew --clean --rotate-pages; timed in its accuracy pass, not by hyperfine) "
          f"| {e:.1f} s | {60*npages/e:.1f} | {e/base:.2f}× | {u+s_:.1f} s | {(u+s_)/npages:.2f} s | {(u+s_)/bcpu:.2f}× |")
except (FileNotFoundError, ValueError):
    pass
mem = lambda f: int(open(f"{tmp}/{f}").read().split()[-1]) / 1024
m1, m2, mt = mem("mem1"), mem("mem2"), mem("memt")
print(f"\nPeak memory (GNU time, max RSS of the largest process): `sohoa ocr -j 1` {m1:.0f} MB; "
      f"`sohoa ocr -j 2` {m2:.0f} MB per worker process (the engine and the restoration model are loaded "
      f"once before the workers fork and shared copy-on-write); one `tesseract` process {mt:.0f} MB.")
PY
