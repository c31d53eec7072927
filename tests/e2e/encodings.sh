# encodings.sh — round trips through every encoding by the CLI (--to, then
# detection), on a text we wrote with every Vietnamese letter; and, when
# ../shared is present, detection on the independent samples.
. "$(dirname "$0")/../e2e-lib.sh"

cat > "$TMP/all.txt" <<'TXT'
aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ
AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ
Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.
Ủy ban nhân dân tỉnh Đồng Tháp quyết định khuyến khích người dân.
TXT
sed -n '1p;3,4p' "$TMP/all.txt" | LC_ALL=C.UTF-8 sed 's/.*/\L&/' > "$TMP/lower.txt"
for enc in utf-16 vni viqr cp1258 tcvn3; do
    src=$TMP/all.txt
    [ $enc = tcvn3 ] && src=$TMP/lower.txt
    "$SOHOA" normalize --to $enc "$src" > "$TMP/x.$enc"
    expect_eq "$enc is detected" "$TMP/x.$enc: $enc" "$("$SOHOA" normalize --detect "$TMP/x.$enc")"
    expect_eq "$enc round trip (detected)" "$(cat "$src")" "$("$SOHOA" normalize "$TMP/x.$enc")"
    expect_eq "$enc round trip (forced)" "$(cat "$src")" "$("$SOHOA" normalize --encoding $enc "$TMP/x.$enc")"
done
expect_eq "UTF-8 stays UTF-8" "$TMP/all.txt: utf-8" "$("$SOHOA" normalize --detect "$TMP/all.txt")"
printf '\xef\xbb\xbfSố 1\n' > "$TMP/bom.txt"
expect_eq "a UTF-8 BOM is dropped" "Số 1" "$("$SOHOA" normalize "$TMP/bom.txt")"

if have_shared; then
    dir=$SOHOA_SHARED/eval/encodings
    ok=0 n=0
    while read -r line; do
        n=$((n + 1))
        f=${line%%: *}; got=${line##*: }
        [ "${f##*.}" = "$got" ] && ok=$((ok + 1))
    done < <("$SOHOA" normalize --detect "$dir"/*.tcvn3 "$dir"/*.vni "$dir"/*.viqr "$dir"/*.cp1258)
    # 160/160 when this test was written; allow one miss
    if [ "$n" -ge 160 ] && [ "$ok" -ge $((n - 1)) ]; then pass "eval samples detected ($ok/$n)"; else fail "eval samples detected ($ok/$n)"; fi
fi
finish
