# segment.sh — `sohoa segment`: metadata and sections of clean text against
# hand-written expectations (tests/expected/*.json), nothing dropped, and the
# command-line surface (formats, stdin, bad input, bad rules).
. "$(dirname "$0")/../e2e-lib.sh"

CMP="$SOHOA_SRC/tests/expected/compare_segment.py"
EXP="$SOHOA_SRC/tests/expected"

# expect_doc DESC EXPECTED INPUT [compare options...]
expect_doc() {
    local d=$1 exp=$2 in=$3; shift 3
    if ! "$SOHOA" segment "$in" >"$TMP/out.json" 2>"$TMP/err"; then
        fail "$d (sohoa segment exited $?: $(head -c 300 "$TMP/err"))"
        return
    fi
    local r
    if r=$(python3 "$CMP" "$exp" "$TMP/out.json" --check "$@"); then
        pass "$d"
    else
        fail "$d"
        printf '%s\n' "$r" | grep '^FAIL' | head -n 12 | sed 's/^/    /'
    fi
}

# Nothing dropped: every non-empty body line is a heading line (or the
# continuation of one) or a line of some section's text.
covers_body() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
texts, heads = set(), set()
def walk(ss):
    for s in ss:
        texts.update(l.strip() for l in s["text"].split("\n"))
        if s["level"] > 0:
            heads.add(s["line"])
        walk(s["children"])
walk(doc["sections"])
first = min(s["line"] for s in doc["sections"])
end = next((i for i, l in enumerate(lines) if "Nơi nhận" in l and i + 1 > first), len(lines))
missing = [i + 1 for i in range(first - 1, end) if lines[i].strip()
           and lines[i].strip() not in texts and (i + 1) not in heads and i not in heads]
print("missing lines:", missing[:10]) if missing else None
sys.exit(1 if missing else 0)
EOF
}

# --- our own sample documents (always present) ------------------------------
for f in "$SOHOA_SRC"/corpus/0*.txt; do
    n=$(basename "$f" .txt)
    [ -f "$EXP/corpus-$n.json" ] || continue
    expect_doc "corpus $n: fields, sections, kinds, references, recipients" "$EXP/corpus-$n.json" "$f"
    "$SOHOA" segment "$f" >"$TMP/cov.json" 2>/dev/null
    check "corpus $n: section texts and headings cover the whole body" covers_body "$TMP/cov.json" "$f"
done

# A whole letter (công văn) written for this test: a "V/v" subject over two
# lines with the motto after it, a "Kính gửi" dash list, and "Như trên" in
# the list of recipients (it points back at the addressees).
L="$SOHOA_SRC/tests/data/letters/cong-van-don-doc.txt"
expect_doc "letter: fields, addressees and recipients, references, sections" \
    "$EXP/letter-cong-van-don-doc.json" "$L"
out=$("$SOHOA" segment "$L" | python3 -c 'import json,sys; r=json.load(sys.stdin)["recipients"]; print(len(r), "Như trên" in r)')
expect_eq "letter: six recipients, 'Như trên' not one of them" "6 False" "$out"

# The garbled seeds as read by hand (bench/data, in the tree): every field,
# section, kind, recipient and cited document.
for n in 000 003 004; do
    expect_doc "seed $n (hand-read text): every field and section" "$EXP/seed-$n.json" \
        "$SOHOA_SRC/bench/data/seed$n.truth.txt"
done

# --- the seeds in ../shared ---------------------------------------------------
if have_shared; then
    S="$SOHOA_SHARED/seeds"
    expect_doc "seed 001 (Markdown): every field and section" "$EXP/seed-001.json" "$S"/001_*.txt
    # 002's text lost 'ò' of 'phòng' in one recipient: recipients are scored in the benchmark.
    expect_doc "seed 002 (double-spaced): fields, sections, references" "$EXP/seed-002.json" "$S"/002_*.txt \
        --only fields,level1,level23,references
    # Raw garble: what survives OCR without restoration (compared without
    # diacritics): type, number, date, every heading and the kinds of level 1.
    expect_doc "seed 000 (raw garble): type, number, symbol, date, period, all headings, level-1 kinds" \
        "$EXP/seed-000.json" "$S"/000_*.txt --fold --only doc_type,number,symbol,date,year,period,kinds1,headings
    expect_doc "seed 003 (raw garble): type, number, symbol, place, date, issuer, all headings" \
        "$EXP/seed-003.json" "$S"/003_*.txt --fold --only doc_type,number,symbol,place,date,year,issuer,headings
    expect_doc "seed 004 (raw garble): type, period, all headings" \
        "$EXP/seed-004.json" "$S"/004_*.txt --fold --only doc_type,period,headings
    "$SOHOA" segment "$S"/001_*.txt >"$TMP/cov.json" 2>/dev/null
    check "seed 001: section texts and headings cover the whole body" covers_body "$TMP/cov.json" "$S"/001_*.txt
fi

# --- no structure, stdin, text outline ------------------------------------------
printf 'Một đoạn văn không có tiêu đề.\nDòng thứ hai của đoạn văn.\n' >"$TMP/plain.txt"
out=$("$SOHOA" segment <"$TMP/plain.txt")
expect_eq "no structure: one section of kind other holding all the text" \
    '1|0|["other"]|Một đoạn văn không có tiêu đề.
Dòng thứ hai của đoạn văn.' \
    "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); s=d["sections"]; print(len(s), s[0]["level"], json.dumps(s[0]["kinds"]), s[0]["text"], sep="|")')"
out=$("$SOHOA" segment - <"$TMP/plain.txt" | python3 -c 'import json,sys; print(json.load(sys.stdin)["source"]["path"])')
expect_eq "'-' reads standard input" "-" "$out"
out=$(printf '' | "$SOHOA" segment | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["doc_type"], len(d["sections"]))')
expect_eq "empty input: type other, one (empty) section" "other 1" "$out"
out=$("$SOHOA" segment --format text "$SOHOA_SRC/corpus/05-bao-cao-cchc-quy-i.txt")
expect_match "--format text prints an outline with kinds" '^  III\. ĐÁNH GIÁ CHUNG \[assessment\] line 33$' "$out"
expect_match "--format text lists the cited documents" 'cong_van 214/UBND-NV 2024-03-04' "$out"
n=$("$SOHOA" segment "$SOHOA_SRC"/corpus/01-*.txt "$SOHOA_SRC"/corpus/05-*.txt | wc -l)
expect_eq "one JSON object per input, one per line" "2" "$n"

# --- errors -----------------------------------------------------------------------
check_status "--format xml is a usage error (2)" 2 "$SOHOA" segment --format xml "$TMP/plain.txt"
check_status "a missing file fails that input (1)" 1 "$SOHOA" segment "$TMP/nope.txt"
expect_match "a missing file is named" "nope.txt: No such file" "$("$SOHOA" segment "$TMP/nope.txt" 2>&1)"
printf 'Kế hoạch\xff\xfe\n' >"$TMP/bad.txt" # "Kế hoạch" is 12 bytes
check_status "invalid UTF-8 fails that input (1)" 1 "$SOHOA" segment "$TMP/bad.txt"
expect_match "invalid UTF-8 names the file and the offset" "bad.txt: not UTF-8 text \(invalid byte at offset 12\)" \
    "$("$SOHOA" segment "$TMP/bad.txt" 2>&1)"
printf 'Kế hoạch\000nhị phân\n' >"$TMP/nul.txt"
expect_match "a NUL byte is refused with its offset" "nul.txt: a NUL byte at offset 12: not a text file" \
    "$("$SOHOA" segment "$TMP/nul.txt" 2>&1)"
out=$("$SOHOA" segment "$TMP/bad.txt" "$TMP/plain.txt" 2>/dev/null | wc -l)
expect_eq "a bad input does not stop the others" "1" "$out"

mkdir -p "$TMP/rules"
cp "$SOHOA_SRC"/rules/*.rules "$TMP/rules/"
printf '# a user rule\nkind.budget = \\bkinh (phi\n' >"$TMP/rules/zz-user.rules"
check_status "a bad rule is fatal (2)" 2 "$SOHOA" segment --rules "$TMP/rules" "$TMP/plain.txt"
expect_match "a bad rule gives file:line and PCRE2's message with the offset" \
    "zz-user.rules:2: missing closing parenthesis at offset [0-9]+" \
    "$("$SOHOA" segment --rules "$TMP/rules" "$TMP/plain.txt" 2>&1)"
printf 'kind.budget = \\bquy\\h+tai\\h+tro\\b\n' >"$TMP/rules/zz-user.rules"
printf 'KẾ HOẠCH\nThử nghiệm\nI. QUỸ TÀI TRỢ\nNội dung.\n' >"$TMP/fund.txt"
out=$("$SOHOA" segment --rules "$TMP/rules" "$TMP/fund.txt" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sections"][0]["kinds"])')
expect_eq "a rule added by the user is used without recompiling" "['budget']" "$out"
check_status "a missing rules directory is fatal (2)" 2 "$SOHOA" segment --rules "$TMP/none" "$TMP/plain.txt"
# --max-bytes: a larger input is refused with one line naming it, and the
# next input is still segmented (exit 1: some inputs failed)
printf 'KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n' >"$TMP/small.txt"
head -c 5000 /dev/zero | tr '\0' 'a' >"$TMP/big.txt"
out=$("$SOHOA" segment --max-bytes 1000 "$TMP/big.txt" "$TMP/small.txt" 2>"$TMP/err"); st=$?
expect_eq "--max-bytes 1000: exit 1, the small file still segmented (one JSON line)" "1 1" "$st $(printf '%s\n' "$out" | grep -c '"doc_type":"ke_hoach"')"
expect_match "... one error line naming the big file" "^sohoa segment: .*big\.txt: larger than the limit of 1000 bytes$" "$(cat "$TMP/err")"
check_status "--max-bytes abc is a usage error" 2 "$SOHOA" segment --max-bytes abc "$TMP/small.txt"
finish
