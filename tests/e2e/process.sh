# process.sh — `sohoa process`: the whole chain on text files, one JSON
# object per input; source fields, detection, encodings, section lines in
# the input, and failing files reported by name and stage while the others
# are still processed. Expected values were written by reading the inputs.
. "$(dirname "$0")/../e2e-lib.sh"

# field FILE EXPR — a Python expression over the JSON object d of line 1
field() { python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).readline()); print($2)" "$1"; }

cd "$TMP"
cat >plan.txt <<'EOF'
ỦY BAN NHÂN DÂN
HUYỆN THANH BÌNH
Số: 86/KH-UBND
Thanh Bình, ngày 12 tháng 01 năm 2022

KẾ HOẠCH
Triển khai công tác cải cách hành chính năm 2022

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao chất lượng phục vụ người dân.
2. Yêu cầu
Bảo đảm đúng tiến độ.
II. KINH PHÍ
Kinh phí thực hiện từ ngân sách huyện.
III. TỔ CHỨC THỰC HIỆN
Phòng Nội vụ chủ trì, theo dõi.
EOF

"$SOHOA" process --no-restore plan.txt >plan.json
expect_eq "process exits 0 on a good file" 0 $?
expect_eq "one JSON object per input" 1 "$(wc -l <plan.json)"
expect_eq "source.path is the path as given" plan.txt "$(field plan.json 'd["source"]["path"]')"
expect_eq "source.sha256 is the SHA-256 of the file" "$(sha256sum plan.txt | cut -d' ' -f1)" \
    "$(field plan.json 'd["source"]["sha256"]')"
expect_eq "source.kind, pages, encoding" "text 1 utf-8" \
    "$(field plan.json '" ".join(str(d["source"][k]) for k in ("kind", "pages", "encoding"))')"
expect_eq "doc_type of a KẾ HOẠCH" ke_hoach "$(field plan.json 'd["doc_type"]')"
expect_eq "number and symbol" "86 KH-UBND" "$(field plan.json 'd["number"], d["symbol"]' | tr -d "(),'")"
expect_eq "date" 2022-01-12 "$(field plan.json 'd["date"]')"
expect_eq "level-1 sections: label, kinds, line in the input" \
    "I purpose,requirements 9|II budget 14|III responsibilities 16" \
    "$(field plan.json '"|".join("%s %s %d" % (s["label"], ",".join(s["kinds"]), s["line"]) for s in d["sections"] if s["level"] == 1)')"
expect_eq "level-2 children of I with their lines" "1 purpose 10|2 requirements 12" \
    "$(field plan.json '"|".join("%s %s %d" % (c["label"], c["kind"], c["line"]) for s in d["sections"] if s["label"] == "I" for c in s["children"])')"
expect_eq "the text is included" "Phòng Nội vụ chủ trì, theo dõi." \
    "$(field plan.json 'd["text"].rstrip("\n").split("\n")[-1]')"

# The same document in UTF-16 (with BOM) gives the same text and sections.
python3 -c 'import sys; open("plan16.txt","wb").write(open("plan.txt",encoding="utf-8").read().encode("utf-16"))'
"$SOHOA" process --no-restore plan16.txt >plan16.json
expect_eq "UTF-16 input is detected" utf-16 "$(field plan16.json 'd["source"]["encoding"]')"
expect_eq "UTF-16 input: same sections as UTF-8" \
    "$(field plan.json '[(s["label"], s["kinds"], s["line"]) for s in d["sections"]]')" \
    "$(field plan16.json '[(s["label"], s["kinds"], s["line"]) for s in d["sections"]]')"

# VIQR (ASCII with tone marks as punctuation): "Ke^' hoa.ch" is "Kế hoạch".
cat >viqr.txt <<'EOF'
KE^' HOA.CH
Tuye^n truye^`n ca?i ca'ch ha`nh chi'nh
EOF
"$SOHOA" process --no-restore --encoding viqr viqr.txt >viqr.json
expect_eq "--encoding viqr decodes VIQR" "KẾ HOẠCH" "$(field viqr.json 'd["text"].split("\n")[0]')"
expect_eq "... and reports it" viqr "$(field viqr.json 'd["source"]["encoding"]')"

# --format text: a readable outline
out=$("$SOHOA" process --no-restore --format text plan.txt)
expect_match "--format text prints the outline with kinds and lines" "II\. KINH PHÍ \[budget\] line 14" "$out"

# Failing files: each named with its stage, the others still processed, exit 1.
printf 'x\0y' >binary.txt
: >empty.txt
"$SOHOA" process --no-restore plan.txt missing.txt binary.txt empty.txt viqr.txt \
    >mixed.json 2>mixed.err
expect_eq "some files failed: exit 1" 1 $?
expect_eq "the good files are still printed, in order" "plan.txt viqr.txt" \
    "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["source"]["path"] for l in open("mixed.json")))')"
expect_eq "one error line per failing file" 3 "$(wc -l <mixed.err)"
expect_match "a missing file: named, stage read" "missing.txt: .*(stage read)" "$(cat mixed.err)"
expect_match "a binary file: named, stage decode" "binary.txt: .*(stage decode)" "$(cat mixed.err)"
expect_match "an empty file: named, no text" "empty.txt: no text found" "$(cat mixed.err)"
printf 'ch\xe0o\n' >latin1.txt
err=$("$SOHOA" process --no-restore --encoding utf-8 latin1.txt 2>&1 >/dev/null)
expect_eq "invalid UTF-8 with --encoding utf-8 fails (exit 1)" 1 $?
expect_match "... naming the file and the stage" "latin1.txt: .*stage decode" "$err"
err=$("$SOHOA" process --no-restore --time-limit 0.000001 plan.txt 2>&1 >/dev/null)
expect_match "the per-file time limit names the file" "plan.txt: took .* over the per-file limit" "$err"
# a scan: the limit reaches into the OCR engine (checked before each page)
err=$("$SOHOA" process --no-restore --time-limit 0.001 "$SOHOA_SRC/tests/data/ocr/tilt-border.png" 2>&1 >/dev/null)
expect_eq "a scan over the time limit fails (exit 1)" 1 $?
expect_match "... named, with the page, at stage limit" "tilt-border.png: page 1: time limit .*\(stage limit\)" "$err"

# An image is recognised by its content, not its name: a PNG header under a
# .txt name goes to OCR (and, truncated, fails there).
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >scan.txt
err=$("$SOHOA" process --no-restore scan.txt 2>&1 >/dev/null)
expect_match "image magic goes to the OCR stage" "scan.txt: .*stage ocr" "$err"

expect_eq "with no FILE, text is read from standard input" "- ke_hoach 3" \
    "$("$SOHOA" process --no-restore <plan.txt | python3 -c 'import json,sys; d=json.load(sys.stdin)
print(d["source"]["path"], d["doc_type"], len([s for s in d["sections"] if s["level"] == 1]))')"
check_status "an unknown --format is a usage error" 2 "$SOHOA" process --format xml plan.txt
check_status "an unknown encoding is a usage error" 2 "$SOHOA" process --encoding klingon plan.txt

# With restoration (the shipped model), text without diacritics is restored.
if [ -f "$SOHOA_SRC/models/sohoa.lm" ]; then
    printf '%s\n' "KE HOACH" "Trien khai cong tac cai cach hanh chinh" >bare.txt
    "$SOHOA" process bare.txt >bare.json
    expect_eq "process restores by default" 0 $?
    expect_eq "... the restored text" "Triển khai công tác cải cách hành chính" \
        "$(field bare.json 'd["text"].split("\n")[1]')"
    expect_match "... and reports the restoration in quality" '^[1-9]' "$(field bare.json 'd["quality"]["restored_changes"]')"

    # Lone syllables without marks and without context (ca: ca, cá, cả,
    # cà ...) cannot all be restored surely: some are listed for review,
    # each on the line of the input it was read on.
    printf '%s\n' "KE HOACH" "ca" "Trien khai cong tac cai cach hanh chinh" "la ca" "ma" "" "to ba" >unsure.txt
    "$SOHOA" process unsure.txt >unsure.json
    expect_eq "words to review: listed, as many as quality counts, each on its input line" \
        "ok" "$(python3 - unsure.json unsure.txt <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1])); lines = open(sys.argv[2]).read().split("\n")
r = d["review"]
bad = [w for w in r if w["original"] not in lines[w["line"] - 1].split()
       or not w["confidence"] < 0.5 or len(w["alternatives"]) > 3 or "page" in w]
print("ok" if r and len(r) == d["quality"]["low_confidence_tokens"] and not bad
      else "review %r, quality %r" % (r, d["quality"]))
EOF2
)"
    expect_eq "the text outline ends with them" "review $(field unsure.json 'len(d["review"])')" \
        "$("$SOHOA" process --format text unsure.txt | sed -n '/^review$/,$p' | grep -c '^  line ' | sed 's/^/review /')"
    expect_eq "--low-conf 0 lists none, and counts none" "0 0" \
        "$("$SOHOA" process --low-conf 0 unsure.txt | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["review"]), d["quality"]["low_confidence_tokens"])')"
    expect_eq "--low-conf 1.01 lists every word of the file (2 + 1 + 8 + 2 + 1 + 2)" "16 16" \
        "$("$SOHOA" process --low-conf 1.01 unsure.txt | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["review"]), d["quality"]["low_confidence_tokens"])')"
    check_status "--low-conf refuses what is not a number (exit 2)" 2 "$SOHOA" process --low-conf many unsure.txt
    # ... stored by ingest, listed by show --review and in its JSON
    n=$(field unsure.json 'len(d["review"])')
    "$SOHOA" ingest --db unsure.db --quiet --json-summary unsure-sum.json unsure.txt
    expect_eq "ingest stores the words to review" "$n" \
        "$("$SOHOA" show --db unsure.db --format json 1 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["review"]))')"
    "$SOHOA" show --db unsure.db --review 1 | sed -n '/^review$/,$p' >review.txt
    expect_eq "show --review lists them last, one per line: line, as read -> restored, confidence" \
        "review $n" \
        "$(head -n 1 review.txt) $(grep -Ec '^  line [0-9]+  [a-z]+ -> [^ ]+  0\.[0-9]{2}( |$)' review.txt)"
    expect_eq "... and nothing else" "$((n + 1))" "$(wc -l <review.txt)"
    expect_eq "... and counted in ingest's --json-summary" "$n" \
        "$(python3 -c 'import json; print(json.load(open("unsure-sum.json"))["review_words"])')"
    if command -v sqlite3 >/dev/null; then
        expect_eq "... and in the view v_review" "$n" "$(sqlite3 unsure.db 'SELECT count(*) FROM v_review')"
    fi
else
    echo "skip: models/sohoa.lm is absent; restoration checks skipped"
fi
finish
