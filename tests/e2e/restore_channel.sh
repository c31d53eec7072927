# restore_channel.sh — `sohoa restore` with a learned OCR channel table
# (channel.tsv next to sohoa.lm): a tiny model trained here, a table written
# here; without the table the hand-written channel is used; a damaged table
# stops the restorer with one line naming it.
. "$(dirname "$0")/../e2e-lib.sh"

cat > "$TMP/corpus.txt" <<'EOF'
thực hiện nhiệm vụ .
thủ tục hành chính .
nhà nước và nhân dân .
thực hiện thủ tục .
EOF
mkdir -p "$TMP/m" "$TMP/d"
check "lm train writes a model" "$SOHOA" lm train --order 3 --prune 1 --vocab-min 1 \
    --out "$TMP/m/sohoa.lm" "$TMP/corpus.txt"
R=("$SOHOA" restore --model "$TMP/m" --dict "$TMP/d")
# qqz is no syllable and nothing of the model is one cheap edit away from it
expect_eq "without a table qqz stays" "qqz hiện nhiệm vụ" \
    "$(echo "qqz hien nhiem vu" | "${R[@]}")"
printf 'sohoa-channel\t1\ntok\tqqz\tthực\t5\nsyl\tthực\t8\nend\t2\n' > "$TMP/m/channel.tsv"
expect_eq "the table reads qqz as thực" "thực hiện nhiệm vụ" \
    "$(echo "qqz hien nhiem vu" | "${R[@]}")"
expect_eq "--no-channel turns the table off too" "qqz hiện nhiệm vụ" \
    "$(echo "qqz hien nhiem vu" | "${R[@]}" --no-channel)"
printf 'sohoa-channel\t1\ntok\tqqz\tthực\t5\nsyl\tthực\t8\nend\t3\n' > "$TMP/m/channel.tsv"
check_status "a truncated table exits 2" 2 "${R[@]}" <<< "qqz hien"
expect_match "a truncated table is named" "m/channel.tsv: line 4: .*truncated" \
    "$(echo "qqz hien" | "${R[@]}" 2>&1)"
printf 'garbage\n' > "$TMP/m/channel.tsv"
expect_match "a file that is no table is named" "m/channel.tsv: line 1: not a sohoa channel table" \
    "$(echo "qqz hien" | "${R[@]}" 2>&1)"
finish
