#!/usr/bin/env bash
# lm_adapt.sh — `sohoa lm adapt`: a model directory whose domain model has
# learnt a user's own documents. With an empty file it is the recipe of
# scripts/make-model.sh byte for byte; with a document of a commune's
# names the restorer (restore, process, ingest --model) reads those names
# as the document spells them; bad arguments give one line and status 2,
# and the model directory itself is never written.
. "$(dirname "$0")/../e2e-lib.sh"

models="$SOHOA_SRC/models"
dicts="$SOHOA_SRC/dictionaries"

# the domain model as make-model.sh makes it, by its own commands
for d in abbreviations admin-terms agencies provinces; do
    grep -v '^#' "$dicts/$d.txt" | cut -f1 | grep -v '^[[:space:]]*$' || true
done > "$TMP/lexicon.txt"
"$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 --vocab-from "$models/sohoa.lm" \
    --out "$TMP/recipe.lm" "$SOHOA_SRC"/corpus/*.txt "$TMP/lexicon.txt" 2>/dev/null

: > "$TMP/empty.txt"
msg=$("$SOHOA" lm adapt --out "$TMP/same" "$TMP/empty.txt" 2>&1)
expect_eq "an empty file of one's own: make-model.sh's domain model, byte for byte" "same" \
    "$(cmp -s "$TMP/recipe.lm" "$TMP/same/domain.lm" && echo same)"
expect_match "it says where the directory is and how to use it" "$TMP/same.*--model $TMP/same" "$msg"
links=
for f in sohoa.lm sohoa.skc sohoa.wide sohoa.win channel.tsv; do
    [ -f "$models/$f" ] || continue
    [ -L "$TMP/same/$f" ] && [ "$(readlink -f "$TMP/same/$f")" = "$(readlink -f "$models/$f")" ] \
        || links="$links $f"
done
expect_eq "every other model file is a link to the model directory's" "" "$links"
expect_eq "no temporary file is left" "" "$(ls -A "$TMP/same" | grep '^\.' || true)"

# a user's report: names of a commune the sample documents do not have
cat > "$TMP/bao-cao-xa.txt" <<'TXT'
ỦY BAN NHÂN DÂN XÃ MƯỜNG PỒN
BÁO CÁO
Kết quả công tác cải cách hành chính năm 2024
Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân xã Mường Pồn, đồng chí Lò Văn Pấng, Chủ tịch UBND xã Mường Pồn đã chỉ đạo các thôn, bản triển khai nhiệm vụ.
Bà Giàng Thị Mua, Bí thư chi bộ bản Hang Chua, phối hợp tuyên truyền tại nhà văn hóa bản Hang Chua.
Đồng chí Lò Văn Pấng yêu cầu các bản hoàn thành việc rà soát thủ tục hành chính trước ngày 30/11.
Ông Hà Văn Mện, Trưởng thôn Nà Luông, báo cáo kết quả tại thôn Nà Luông.
Nơi nhận: UBND huyện Điện Biên; Lưu: VT.
CHỦ TỊCH
Lò Văn Pấng
TXT
printf '%s\n' "Dong chi Lo Van Pang, Chu tich UBND xa Muong Pon chi dao" \
    "ba Giang Thi Mua, Bi thu chi bo ban Hang Chua" "Ong Ha Van Men, Truong thon Na Luong" \
    > "$TMP/scan.txt"
check "adapt to the report" "$SOHOA" lm adapt --out "$TMP/xa" "$TMP/bao-cao-xa.txt"
# its names: runs of 2-4 words in Title case, and their tails; counted
want_names=$(cat <<'TXT'
# names of one's own documents (sohoa lm adapt): NAME<TAB>times seen
Bà Giàng Thị Mua	1
Giàng Thị Mua	1
Hang Chua	2
Hà Văn Mện	1
Lò Văn Pấng	3
Mường Pồn	2
Nà Luông	2
Thị Mua	1
Văn Mện	1
Văn Pấng	3
Ông Hà Văn Mện	1
Điện Biên	1
TXT
)
expect_eq "names.txt: the report's names, how often" "$want_names" "$(cat "$TMP/xa/names.txt")"

# the same report exported in TCVN3 (lower case: TCVN3 has no marked
# capitals, so the Unicode copy is lowered too), and in a directory
tr_lower() { "$SOHOA" normalize "$1" | python3 -c 'import sys; sys.stdout.write(sys.stdin.read().lower())'; }
tr_lower "$TMP/bao-cao-xa.txt" > "$TMP/lower.txt"
"$SOHOA" normalize --to tcvn3 "$TMP/lower.txt" > "$TMP/lower.tcvn3.txt"
check "adapt to the lower-case report" "$SOHOA" lm adapt --out "$TMP/u8" "$TMP/lower.txt"
msg=$("$SOHOA" lm adapt --out "$TMP/tc" "$TMP/lower.tcvn3.txt" 2>&1)
expect_match "a TCVN3 export is detected and said so" "lower.tcvn3.txt: read as tcvn3" "$msg"
expect_eq "and teaches what its Unicode copy does, byte for byte" "same" \
    "$(cmp -s "$TMP/u8/domain.lm" "$TMP/tc/domain.lm" && echo same)"
mkdir -p "$TMP/docs/2024"
cp "$TMP/bao-cao-xa.txt" "$TMP/docs/2024/"
printf 'not text\n' > "$TMP/docs/scan.png"
check "adapt to a directory" "$SOHOA" lm adapt --out "$TMP/dir" "$TMP/docs"
expect_eq "its .txt files under it are read, nothing else" "same" \
    "$(cmp -s "$TMP/xa/domain.lm" "$TMP/dir/domain.lm" && echo same)"
mkdir -p "$TMP/nothing"
err=$("$SOHOA" lm adapt --out "$TMP/d2" "$TMP/nothing" 2>&1)
expect_match "a directory without text is an error naming it" "nothing: no .txt file" "$err"
out=$("$SOHOA" restore --model "$TMP/xa" "$TMP/scan.txt")
# every name as the report spells it, syllables no model knew among them
# (Pấng, Pồn, Mện), and the words around as they are written
expect_eq "restore --model: the report's names as it spells them" \
    "$(printf '%s\n' "Đồng chí Lò Văn Pấng, Chủ tịch UBND xã Mường Pồn chỉ đạo" \
        "bà Giàng Thị Mua, Bí thư chi bộ bản Hang Chua" "Ông Hà Văn Mện, Trưởng thôn Nà Luông")" \
    "$out"
out2=$(printf 'Ong Pon va ba Pang\n' | "$SOHOA" restore --model "$TMP/xa")
expect_eq "syllables of its names are not forced on other words" "Ông Pôn và bà Păng" "$out2"
shipped=$("$SOHOA" restore "$TMP/scan.txt")
expect_eq "the shipped models read them otherwise (what the adaptation changed)" "differ" \
    "$([ "$shipped" != "$out" ] && echo differ)"
expect_match "process --model uses the directory" 'Lò Văn' \
    "$("$SOHOA" process --model "$TMP/xa" --format text "$TMP/scan.txt" 2>&1; \
       "$SOHOA" process --model "$TMP/xa" "$TMP/scan.txt" 2>&1)"
check "ingest --model uses the directory" "$SOHOA" ingest --db "$TMP/x.db" -q --model "$TMP/xa" \
    "$TMP/scan.txt"
expect_match "and the database holds its reading" 'Lò' \
    "$("$SOHOA" search --db "$TMP/x.db" "lo van" 2>&1)"
err=$("$SOHOA" process --model "$TMP/none" "$TMP/scan.txt" 2>&1 >/dev/null)
check_status "process --model of a missing directory: status 2" 2 \
    "$SOHOA" process --model "$TMP/none" "$TMP/scan.txt"
expect_match "one line naming the model it lacks" "^sohoa process: $TMP/none/sohoa.lm: " "$err"

# a damaged names.txt: one line naming it, status 2
cp -r "$TMP/xa" "$TMP/broken"
printf 'L\xf2 V\n' > "$TMP/broken/names.txt"
err=$(printf 'Lo Van Pang\n' | "$SOHOA" restore --model "$TMP/broken" 2>&1 >/dev/null)
expect_match "a damaged names.txt is named" "broken/names.txt: invalid UTF-8 at byte 1" "$err"
check_status "and the restorer stops (status 2)" 2 "$SOHOA" restore --model "$TMP/broken" "$TMP/scan.txt"

# adapting again replaces the domain model
check "adapt the first directory again" "$SOHOA" lm adapt --out "$TMP/same" "$TMP/bao-cao-xa.txt"
expect_eq "its domain model is the report's now" "differ" \
    "$(cmp -s "$TMP/recipe.lm" "$TMP/same/domain.lm" || echo differ)"

# bad arguments
before=$(cksum < "$models/domain.lm")
check_status "no --out: usage error" 2 "$SOHOA" lm adapt "$TMP/empty.txt"
check_status "no file of one's own: usage error" 2 "$SOHOA" lm adapt --out "$TMP/o"
check_status "--out the model directory itself: refused" 2 \
    "$SOHOA" lm adapt --out "$models" "$TMP/empty.txt"
expect_eq "and its domain model is untouched" "$before" "$(cksum < "$models/domain.lm")"
printf 'ab\xff cd\n' > "$TMP/bad.txt"
err=$("$SOHOA" lm adapt --out "$TMP/b" "$TMP/bad.txt" 2>&1)
expect_match "invalid UTF-8: the file and the byte" "bad.txt: invalid UTF-8 at byte 2" "$err"
check_status "invalid UTF-8: status 2" 2 "$SOHOA" lm adapt --out "$TMP/b" "$TMP/bad.txt"
err=$("$SOHOA" lm adapt --out "$TMP/b" "$TMP/missing.txt" 2>&1)
expect_match "a missing file is named" "missing.txt: No such file" "$err"
: > "$TMP/plain"
err=$("$SOHOA" lm adapt --out "$TMP/plain" "$TMP/empty.txt" 2>&1)
expect_match "--out a file: not a directory" "plain: not a directory" "$err"
mkdir -p "$TMP/nomodel"
err=$("$SOHOA" lm adapt --model "$TMP/nomodel" --out "$TMP/c" "$TMP/empty.txt" 2>&1)
expect_match "a model directory without sohoa.lm is named" "nomodel: no general model" "$err"
expect_eq "each error is one line" "1" "$(printf '%s\n' "$err" | wc -l | tr -d ' ')"
finish
