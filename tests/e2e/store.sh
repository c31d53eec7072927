# store.sh — the analysts' commands end to end: search (folding, đ, exact,
# filters, facets, formats, 80 columns), show, export, errors (bad query,
# missing and damaged databases), and the loadable extension in the sqlite3
# CLI. The database is written by the unit-test program store_e2e_db
# (documents built by hand in tests/unit/store_fixture.h), so these checks
# need no segmenter; expectations come from reading that fixture.
. "$(dirname "$0")/../e2e-lib.sh"

BUILD_DIR=$(dirname "$SOHOA")
DB=$TMP/archive.db
if ! SOHOA_STORE_E2E_DB=$DB "$BUILD_DIR/tests/store_e2e_db" >/dev/null 2>&1; then
    fail "the fixture database could not be written ($BUILD_DIR/tests/store_e2e_db)"
finish
    exit 1
fi
export LC_ALL=C.UTF-8
# Fields of the one-object-per-line JSON output, without jq (each key occurs
# once per line in what these checks read): jstr KEY, jnum KEY, jpaths.
jstr() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
jnum() { sed -n "s/.*\"$1\":\([0-9][0-9.e+-]*\).*/\1/p"; }
jpaths() { sed -n 's/.*"paths":\[\([^]]*\)\].*/\1/p' | tr ',' '\n' | sed 's/^"//; s/"$//'; }
# the widest line of stdin, in characters (bash counts them in a UTF-8 locale)
max_cols() { local m=0 l; while IFS= read -r l; do [ ${#l} -gt $m ] && m=${#l}; done; echo $m; }

# --- search: folding -------------------------------------------------------
out=$("$SOHOA" search --db "$DB" dong thap)
expect_match "'dong thap' finds the section with 'Đồng Tháp'" 'budget: II\. KINH PHÍ' "$out"
expect_match "the snippet marks the matched words as written" '\[Đồng\] \[Tháp\]' "$out"
expect_match "the result shows both paths of the document" 'copies/86\.txt' "$out"
expect_eq "the table fits 80 columns" 1 "$([ "$(printf '%s\n' "$out" | max_cols)" -le 80 ] && echo 1)"
wide=$("$SOHOA" search --db "$DB" --limit 50 tuyen)
expect_eq "long headings are cut to fit 80 columns" 1 "$([ "$(printf '%s\n' "$wide" | max_cols)" -le 80 ] && echo 1)"
expect_match "a cut heading ends with an ellipsis" 'MỤC ĐÍCH, YÊ…' "$wide"

n=$("$SOHOA" search --db "$DB" --format json tuyen truyen | wc -l)
expect_eq "'tuyen truyen' finds the 4 sections about 'tuyên truyền'" 4 "$n"
n=$("$SOHOA" search --db "$DB" --format json --documents tuyen truyen | wc -l)
expect_eq "--documents gives one row per document" 2 "$n"
n=$("$SOHOA" search --db "$DB" --format json duong giao thong | jstr section_heading)
expect_eq "'duong' finds 'đường' (đ folds to d)" "KẾT QUẢ ĐẠT ĐƯỢC" "$n"
n=$("$SOHOA" search --db "$DB" --format json '"dong thap"' | wc -l)
expect_eq "a phrase query matches" 1 "$n"
n=$("$SOHOA" search --db "$DB" --format json 'tuy*' | wc -l)
expect_eq "a prefix query matches" 4 "$n"

# --- exact ------------------------------------------------------------------
n=$("$SOHOA" search --db "$DB" --format json --exact đồng | jstr section_heading)
expect_eq "--exact đồng finds only Đồng" "KINH PHÍ" "$n"
n=$("$SOHOA" search --db "$DB" --format json --exact dong | wc -l)
expect_eq "--exact dong finds nothing (every 'dong' has diacritics)" 0 "$n"
n=$("$SOHOA" search --db "$DB" --format json dong | wc -l)
expect_eq "without --exact, dong finds Đồng, đóng and Đông" 3 "$n"
# the index holds folded words; NOT is checked on the exact words too:
# D3 I's "đóng" folds like "Đồng" but is not it
n=$("$SOHOA" search --db "$DB" --format json --exact 'đồng NOT đóng' | jstr section_heading)
expect_eq "--exact 'đồng NOT đóng' keeps Đồng Tháp" "KINH PHÍ" "$n"
n=$("$SOHOA" search --db "$DB" --format json --exact '"đồng tháp"' | jstr snippet)
expect_eq "an --exact phrase is marked as one" \
    "Kinh phí thực hiện từ nguồn ngân sách tỉnh [Đồng Tháp] năm 2023." "$n"
n=$(sqlite3 "$DB" 'PRAGMA user_version')
expect_eq "the database is at schema version 3" 3 "$n"

# --- filters ----------------------------------------------------------------
n=$("$SOHOA" search --db "$DB" --format json --type bao_cao tuyen truyen | jnum doc_id)
expect_eq "--type keeps the report" 2 "$n"
n=$("$SOHOA" search --db "$DB" --format json --place "dong thap" kinh phi | jstr number)
expect_eq "--place ignores diacritics" "86/KH-UBND" "$n"
n=$("$SOHOA" search --db "$DB" --format json --issuer "ha noi" kinh phi | jstr number)
expect_eq "--issuer matches a part of the issuer" "5/KH-UBND" "$n"
n=$("$SOHOA" search --db "$DB" --format json --from 2023-02 --to 2023 kinh phi | jstr date)
expect_eq "--from/--to bound the date" "2023-03-15" "$n"
n=$("$SOHOA" search --db "$DB" --format json --year 2022 tuyen truyen | jnum year)
expect_eq "--year keeps that year" "2022" "$n"
n=$("$SOHOA" search --db "$DB" --format json --cites 2077/QD-UBND-HC kinh phi | jnum doc_id)
expect_eq "--cites matches a cited number without diacritics" 1 "$n"
n=$("$SOHOA" search --db "$DB" --format json --section purpose tuyen truyen | wc -l)
expect_eq "--section matches any of a section's kinds" 2 "$n"
check_status "--year wants a number" 2 "$SOHOA" search --db "$DB" --year soon x
check_status "--from wants a date" 2 "$SOHOA" search --db "$DB" --from 15/03/2023 x

# --- facets -----------------------------------------------------------------
out=$("$SOHOA" search --db "$DB" --facets --format json tuyen truyen)
expect_eq "facets count documents per type" 1 \
    "$(printf '%s\n' "$out" | grep '"facet":"type","value":"bao_cao"' | jnum count)"
expect_eq "facets count sections per kind" 2 \
    "$(printf '%s\n' "$out" | grep '"facet":"section","value":"purpose"' | jnum count)"
out=$("$SOHOA" search --db "$DB" --facets tuyen truyen)
expect_match "facets print as a table" '^section +2  purpose$' "$out"

# --- csv --------------------------------------------------------------------
csv=$("$SOHOA" search --db "$DB" --format csv kinh phi)
expect_eq "csv has a header and one line per result" 3 "$(printf '%s\n' "$csv" | wc -l)"
expect_match "csv header names the columns" '^doc_id,section_id,score,doc_type,number,date' "$csv"
expect_match "csv fields with commas are quoted" '"[^"]*, [^"]*"' "$("$SOHOA" search --db "$DB" --format csv --section requirements tuyen)"

# --- errors -----------------------------------------------------------------
check_status "an FTS5 syntax error exits 2" 2 "$SOHOA" search --db "$DB" 86/KH-UBND
err=$("$SOHOA" search --db "$DB" '"unbalanced' 2>&1 >/dev/null)
expect_match "an FTS5 syntax error is one clear line" '^sohoa search: invalid query' "$err"
expect_eq "... and only one line" 1 "$(printf '%s\n' "$err" | wc -l)"
check_status "a missing database exits 2" 2 "$SOHOA" search --db "$TMP/nope.db" x
expect_match "a missing database is named" "nope\.db" "$("$SOHOA" search --db "$TMP/nope.db" x 2>&1)"
head -c 10000 /dev/urandom >"$TMP/junk.db"
check_status "a damaged database exits 2" 2 "$SOHOA" search --db "$TMP/junk.db" x
expect_match "a damaged database is named" "junk\.db.*(damaged|not a sohoa)" "$("$SOHOA" search --db "$TMP/junk.db" x 2>&1)"
check_status "search needs --db" 2 "$SOHOA" search x
check_status "search needs a query" 2 "$SOHOA" search --db "$DB"
check_status "an unknown format exits 2" 2 "$SOHOA" search --db "$DB" --format xml x

# --- show -------------------------------------------------------------------
out=$("$SOHOA" show --db "$DB" 1)
expect_match "show prints the outline" '^    1\. Mục đích  \[purpose\]  line 12$' "$out"
expect_match "show lists every path" 'copies/86\.txt' "$out"
expect_match "show prints the citation" 'cites +quyet_dinh 2077/QĐ-UBND-HC \(2022-12-01\)' "$out"
sha=$("$SOHOA" show --db "$DB" --format json 2 | jstr sha256)
expect_eq "show finds a document by sha256 prefix" 2 "$("$SOHOA" show --db "$DB" --format json "${sha:0:10}" | jnum id)"
expect_eq "show --format json has the sections" 2 "$("$SOHOA" show --db "$DB" --format json 2 | grep -o '"level":1,' | wc -l)"
check_status "show of an unknown id exits 2" 2 "$SOHOA" show --db "$DB" 99

# --- export -----------------------------------------------------------------
expect_eq "export jsonl writes every document" 3 "$("$SOHOA" export --db "$DB" | wc -l)"
expect_eq "export jsonl lines are JSON objects with ids" "1 2 3" "$("$SOHOA" export --db "$DB" --format jsonl | jnum id | tr '\n' ' ' | sed 's/ $//')"
expect_eq "export csv: header + 3 rows" 4 "$("$SOHOA" export --db "$DB" --format csv | wc -l)"
expect_eq "export --sections csv: header + 7 sections" 8 "$("$SOHOA" export --db "$DB" --format csv --sections | wc -l)"
expect_eq "export --sections --section budget" "KINH PHÍ DỰ TOÁN" \
    "$("$SOHOA" export --db "$DB" --sections --section budget | jstr heading | tr '\n' ' ' | sed 's/ $//')"
expect_eq "export with a query" "1 3" "$("$SOHOA" export --db "$DB" dong | jnum id | tr '\n' ' ' | sed 's/ $//')"
check_status "export of a damaged database exits 2" 2 "$SOHOA" export --db "$TMP/junk.db"

# --- the loadable extension in the sqlite3 CLI ------------------------------
EXT=$BUILD_DIR/sohoa_fts.so
if [ -f "$EXT" ] && command -v sqlite3 >/dev/null; then
    got=$(sqlite3 "$DB" ".load ${EXT%.so}" \
        "SELECT s.heading FROM sections_fts f JOIN sections s ON s.id = f.rowid WHERE sections_fts MATCH 'dong thap'")
    expect_eq "sqlite3 + .load sohoa_fts: MATCH 'dong thap'" "KINH PHÍ" "$got"
    got=$(sqlite3 "$DB" ".load ${EXT%.so}" "SELECT sohoa_fold('Đồng Tháp')")
    expect_eq "sqlite3 + .load sohoa_fts: sohoa_fold()" "dong thap" "$got"
    got=$(sqlite3 "$DB" ".load ${EXT%.so}" \
        "SELECT sohoa_exact_match('tuyên truyền', 'Kế hoạch tuyên truyền', '', ''), sohoa_exact_match('tuyên truyền', 'tuyến truyện', '', '')")
    expect_eq "sqlite3 + .load sohoa_fts: sohoa_exact_match() tells the exact forms apart" "1|0" "$got"
    got=$(sqlite3 "$DB" "SELECT count(*) FROM v_sections WHERE kind = 'budget'")
    expect_eq "the views need no extension" 2 "$got"
else
    fail "the extension $EXT or the sqlite3 CLI is missing"
fi

# --- through `sohoa ingest`, on the sample documents of corpus/ -------------
# (expectations from reading corpus/0*.txt: 01-04 are plans; "An Hòa Bắc"
# appears only in 02, whose title is "Chuyển đổi số năm 2024 trên địa bàn
# xã An Hòa Bắc"; "Kim Thủy" is in 01, 05, 07 and 08. The texts are clean,
# so --no-restore: these checks are about the store, not the restorer.)
IDB=$TMP/ingested.db
mkdir -p "$TMP/in/copy"
cp "$SOHOA_SRC"/corpus/0*.txt "$TMP/in/"
cp "$SOHOA_SRC/corpus/02-ke-hoach-chuyen-doi-so.txt" "$TMP/in/copy/02.txt"
if "$SOHOA" ingest --db "$IDB" --no-restore -j 2 -r "$TMP/in" >/dev/null 2>&1; then
    pass "ingest of corpus/ into a new database"
    expect_eq "9 files, 8 documents (one copy)" 8 "$("$SOHOA" export --db "$IDB" | wc -l)"
    out=$("$SOHOA" search --db "$IDB" --format json --documents an hoa bac)
    expect_eq "'an hoa bac' finds one document" 1 "$(printf '%s\n' "$out" | wc -l)"
    expect_eq "... at two paths: the file and its copy" "02-ke-hoach-chuyen-doi-so.txt 02.txt" \
        "$(printf '%s\n' "$out" | jpaths | xargs -n1 basename | sort | tr '\n' ' ' | sed 's/ $//')"
    expect_eq "--exact 'An Hòa Bắc' finds it, --exact 'An Hoa Bac' does not" "1 0" \
        "$("$SOHOA" search --db "$IDB" --format json --documents --exact 'An Hòa Bắc' | wc -l) $("$SOHOA" search --db "$IDB" --format json --documents --exact 'An Hoa Bac' | wc -l)"
    expect_eq "'kim thuy' finds the 4 documents of Kim Thủy" 4 \
        "$("$SOHOA" search --db "$IDB" --format json --documents '"kim thuy"' | wc -l)"
    expect_eq "'chuyen doi so' ranks the plan titled so first" "02-ke-hoach-chuyen-doi-so.txt" \
        "$("$SOHOA" search --db "$IDB" --format json --documents --limit 1 chuyen doi so | jpaths | head -n 1 | xargs basename)"
    expect_eq "--type ke_hoach exports the 4 plans" 4 "$("$SOHOA" export --db "$IDB" --type ke_hoach | wc -l)"
    id=$("$SOHOA" search --db "$IDB" --format json --documents --limit 1 an hoa bac | jnum doc_id)
    expect_match "show of an ingested plan prints its outline" '^sections$' "$("$SOHOA" show --db "$IDB" "$id")"
else
    fail "ingest of corpus/ failed: $("$SOHOA" ingest --db "$IDB" --no-restore -r "$TMP/in" 2>&1 | head -3)"
fi
finish
