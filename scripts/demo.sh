#!/usr/bin/env bash
# demo.sh SOHOA — the pipeline on the sample corpus: restore a garbled
# line, process one document to JSON, ingest every sample (clean, garbled,
# stripped, legacy encodings, scans) into demo.db, then search it the way an
# analyst would, without diacritics.
set -uo pipefail
cd "$(dirname "$0")/.."
sohoa=${1:-build/sohoa}
export SOHOA_DATA=$PWD
db=demo.db

step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "${*:2}"; }
run() { # run a step; a stage that is not built yet is reported, not fatal
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ $rc -eq 2 ] && grep -q 'not implemented yet' <<<"$out"; then
    echo "(this stage is not in the chain yet: $(head -n1 <<<"$out"))"
    return 0
  fi
  printf '%s\n' "$out" | head -n 40
  return $rc
}

step "Restore English-model OCR garble" "echo 'Tuyén truyén cai cach hanh chinh nha nuéc giai doan 2021 - 2025' | sohoa restore"
run bash -c "echo 'Tuyén truyén cai cach hanh chinh nha nuéc giai doan 2021 - 2025' | '$sohoa' restore"

step "Restore text typed without diacritics" "echo 'Ke hoach tuyen truyen cai cach hanh chinh nam 2024 cua Uy ban nhan dan huyen' | sohoa restore"
run bash -c "echo 'Ke hoach tuyen truyen cai cach hanh chinh nam 2024 cua Uy ban nhan dan huyen' | '$sohoa' restore"

first=$(ls corpus/*.txt 2>/dev/null | grep -v README | head -n 1)
if [ -n "$first" ]; then
  step "Segment one document into metadata and sections" "sohoa process --format text $first"
  run "$sohoa" process --format text "$first"
fi

rm -f "$db" "$db-wal" "$db-shm"
step "Ingest the sample corpus into $db" "sohoa ingest --db $db --recursive corpus/"
run "$sohoa" ingest --db "$db" --recursive --exclude '*.md' corpus/
rc=$?

if [ -f "$db" ]; then
  step "Search without diacritics" "sohoa search --db $db --documents --limit 5 'ty le ho so truc tuyen'"
  run "$sohoa" search --db "$db" --documents --limit 5 "ty le ho so truc tuyen"
  step "Which plans give responsibilities to Phòng Nội vụ" "sohoa search --db $db --type ke_hoach --section responsibilities --documents 'phong noi vu'"
  run "$sohoa" search --db "$db" --type ke_hoach --section responsibilities --documents --limit 5 "phong noi vu"
  step "Budget sections of every plan" "sohoa search --db $db --type ke_hoach --section budget 'kinh phi'"
  run "$sohoa" search --db "$db" --type ke_hoach --section budget --limit 5 "kinh phi"
  step "One document with its outline" "sohoa show --db $db 1"
  run "$sohoa" show --db "$db" 1
  printf '\nThe database is %s; try: %s search --db %s "dong thap"\n' "$db" "$sohoa" "$db"
fi
exit $(( rc == 2 ? 2 : 0 ))
