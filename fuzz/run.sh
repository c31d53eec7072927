#!/usr/bin/env bash
# fuzz/run.sh [HARNESS...] — build the libFuzzer harnesses (fuzz/fuzz.mk,
# clang with ASan + UBSan, into build-fuzz/) and run each one in turn for
# $FUZZ_SECONDS seconds (default 600), one at a time (the machine is
# shared). What `make fuzz` runs; FUZZ=name1,name2 picks harnesses there.
#
# Per harness NAME:
#   build-fuzz/seeds/NAME    seeds, remade every run: chunks of corpus/*.txt
#                            and ../shared/seeds (when present), hand-written
#                            queries, or what the harness writes itself
#                            (SOHOA_FUZZ_SEED_DIR: trained models, the project's
#                            rules/, legacy-encoded samples)
#   build-fuzz/corpus/NAME   the growing corpus, kept between runs
#   build-fuzz/artifacts/    crashers (NAME-crash-*, -leak-*, -timeout-*)
#   build-fuzz/logs/NAME.log libFuzzer's output of the last run
#   build-fuzz/stats.tsv     one line per run: date, harness, seconds run,
#                            executions, coverage (edges), features, corpus
#                            size, outcome
# Exit status: 0 if no harness found anything, 1 otherwise, 2 if a harness
# did not build.
set -uo pipefail
cd "$(dirname "$0")/.."
B=build-fuzz
SECONDS_EACH=${FUZZ_SECONDS:-600}
SHARED=${SHARED:-../shared}
export SOHOA_DATA=$PWD

all=(text_syllable text_decode text_normalize restore_lm restore_arpa restore_skelctx restore_text
     restore_lexicon segment_text segment_rules store_fts store_search store_query ocr_source
     batch_journal)
if [ $# -gt 0 ] && [ -n "$*" ]; then
    IFS=', ' read -r -a which <<<"$*"
else
    which=("${all[@]}")
fi

mkdir -p "$B/logs" "$B/artifacts"
status=0
targets=()
for h in "${which[@]}"; do targets+=("$B/$h"); done
if ! make -s -f fuzz/fuzz.mk -j2 -k "${targets[@]}" >"$B/logs/build.log" 2>&1; then
    echo "fuzz: some harnesses did not build (see $B/logs/build.log):" >&2
    grep -E 'error' "$B/logs/build.log" | head -n 10 >&2
    status=2
fi

# text_files — the sample texts used as seeds
text_files() {
    ls corpus/*.txt corpus/*/*.txt 2>/dev/null | grep -v README
    [ -d "$SHARED/seeds" ] && ls "$SHARED"/seeds/*.txt 2>/dev/null
}
# chunks DIR MAX [FLAGBYTE...] — the first MAX bytes of each sample text,
# behind each flag byte (none: no flag byte)
chunks() {
    local dir=$1 max=$2; shift 2
    local f b
    while read -r f; do
        b=$(basename "$f" .txt)
        if [ $# -eq 0 ]; then
            head -c "$max" "$f" >"$dir/$b"
        else
            for e in "$@"; do
                { printf "\\$(printf %o "$e")"; head -c "$max" "$f"; } >"$dir/$b-$e"
            done
        fi
    done < <(text_files)
}

seed() { # NAME DIR — fill DIR with the seeds of harness NAME
    local h=$1 d=$2
    case $h in
        text_syllable) chunks "$d" 1024 ;;
        text_decode) chunks "$d" 1500 0 1 3 4 5 6 128; SOHOA_FUZZ_SEED_DIR=$d "$B/$h" ;;
        text_normalize) chunks "$d" 1500 0 1 2 3 ;;
        restore_text) chunks "$d" 1000 0 9 130 ;;
        restore_lexicon) cp dictionaries/*.txt "$d/" ;;
        segment_text) chunks "$d" 4000 ;;
        store_fts) # a query line, then title, heading and body
            chunks "$d" 2000
            printf 'dong thap\nKế hoạch\nĐỒNG THÁP\ntuyên truyền ở Đồng Tháp' >"$d/q1"
            printf '"cai cach" OR kinh* NOT ngan\ncải cách\n\nkinh phí, không ngân sách' >"$d/q2"
            printf 'NEAR(hòa khỏe, 5) AND {title heading}: ^kinh\nkinh phí\nhoà khoẻ\nhòa và khỏe' >"$d/q3"
            printf 'body:chuyển* -title:(a OR b) + c\na\nb c\nchuyển đổi số' >"$d/q4" ;;
        store_search)
            printf 'dong thap\n\n\n\n\n\n\n\n1\001' >"$d/s1"
            printf '"cai cach" OR kinh*\nke_hoach\npurpose\nlap vo\ndong thap\n2023\n2024-12\n2077\n111111\003' >"$d/s2"
            printf 'NEAR(hòa khỏe, 5) NOT {title heading}: kinh\nbao_cao\nbudget\nSở\n\n2024-01\n\n2077/QD-UBND\n2222222\001' >"$d/s3"
            printf 'kết quả^ AND body:chuyển*\022' >"$d/s4" ;;
        store_query)
            printf 'dong thap\nĐồng Tháp\nKẾ HOẠCH\ntuyên truyền ở Đồng Tháp' >"$d/q1"
            printf '"cai cach" OR kinh* NOT ngan\ncải cách\n\nkinh phí, không ngân sách' >"$d/q2"
            printf 'NEAR(hòa khỏe, 5) AND {title heading}: ^kinh\nkinh phí\nhoà khoẻ\nhòa và khỏe' >"$d/q3"
            printf 'body:chuyển* -title:(a OR b) + c\na\nb c\nchuyển đổi số' >"$d/q4" ;;
        restore_lm) SOHOA_FUZZ_SEED_DIR=$d "$B/$h"; rm -f "$d/seed.arpa" ;;
        restore_arpa) SOHOA_FUZZ_SEED_DIR=$d "$B/$h"; rm -f "$d/seed.lm" ;;
        restore_skelctx) SOHOA_FUZZ_SEED_DIR=$d "$B/$h" ;;
        segment_rules) SOHOA_FUZZ_SEED_DIR=$d "$B/$h" ;;
        batch_journal) # journals as a crashed and a killed run leave them, a path
            local h1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            local h2=fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210
            printf '\000start\t%s\t/srv/inbox/a.pdf\nend\t%s\nstart\t%s\t/srv/inbox/b\\tc.tif\ncrash\t%s\t11\n' \
                "$h1" "$h1" "$h2" "$h2" >"$d/crashed"
            printf '\000start\t%s\t/srv/a\\nb.txt\nstart\t%s\t/srv/c.txt\nend\t%s\nstart\t%s\t/srv/to' \
                "$h1" "$h2" "$h2" "$h1" >"$d/killed"
            printf '\001/srv/inbox/ke hoach\t2024\\new\n.pdf' >"$d/path" ;;
        ocr_source) # the small images and PDFs of the bad-input corpus
            scripts/make-bad-inputs.sh "$B/bad-inputs" 2>/dev/null
            find "$B/bad-inputs" -maxdepth 1 -type f -size -64k \
                \( -name '*.png' -o -name '*.jpg' -o -name '*.tif' -o -name '*.pgm' -o -name '*.pdf' \) \
                ! -name 'empty.*' -exec cp {} "$d/" \; ;;
    esac
}

opts() { # NAME — per-harness libFuzzer options
    case $1 in
        text_syllable) echo "-max_len=1024 -dict=fuzz/dicts/vietnamese.dict" ;;
        text_decode | text_normalize) echo "-max_len=2048 -dict=fuzz/dicts/vietnamese.dict" ;;
        restore_text) echo "-max_len=2048 -dict=fuzz/dicts/vietnamese.dict" ;;
        restore_lexicon) echo "-max_len=4096 -dict=fuzz/dicts/vietnamese.dict" ;;
        segment_text) echo "-max_len=8192 -dict=fuzz/dicts/vietnamese.dict" ;;
        segment_rules) echo "-max_len=8192 -dict=fuzz/dicts/rules.dict" ;;
        store_fts) echo "-max_len=4096 -dict=fuzz/dicts/fts5.dict" ;;
        store_search) echo "-max_len=1024 -dict=fuzz/dicts/fts5.dict" ;;
        store_query) echo "-max_len=2048 -dict=fuzz/dicts/fts5.dict" ;;
        restore_lm | restore_arpa | restore_skelctx) echo "-max_len=16384" ;;
        ocr_source) echo "-max_len=65536" ;;
        batch_journal) echo "-max_len=4096" ;;
    esac
}

[ -f "$B/stats.tsv" ] ||
    printf 'date\tharness\tseconds\texecs\tcov\tft\tcorpus\toutcome\n' >"$B/stats.tsv"
for h in "${which[@]}"; do
    if [ ! -x "$B/$h" ]; then
        echo "fuzz: $h did not build; skipped" >&2
        continue
    fi
    rm -rf "$B/seeds/$h"
    mkdir -p "$B/seeds/$h" "$B/corpus/$h"
    seed "$h" "$B/seeds/$h"
    echo "fuzz: $h for ${SECONDS_EACH}s ($(ls "$B/seeds/$h" | wc -l) seeds, $(ls "$B/corpus/$h" | wc -l) in the corpus)"
    start=$(date +%s)
    # shellcheck disable=SC2046
    "$B/$h" -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=3000 \
        -print_final_stats=1 -artifact_prefix="$B/artifacts/$h-" $(opts "$h") \
        "$B/corpus/$h" "$B/seeds/$h" >"$B/logs/$h.log" 2>&1
    rc=$?
    took=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/logs/$h.log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$B/logs/$h.log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    outcome=ok
    if [ "$rc" -ne 0 ]; then
        outcome=$(grep -Eo "Test unit written to [^ ]+" "$B/logs/$h.log" | tail -n 1 | sed 's/Test unit written to /found: /')
        [ -n "$outcome" ] || outcome="exit $rc"
        status=1
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$h" "$took" \
        "${execs:-?}" "${cov:-?}" "${ft:-?}" "$(ls "$B/corpus/$h" | wc -l)" "$outcome" >>"$B/stats.tsv"
    printf '  %-15s %10s execs  cov %-6s ft %-7s %s\n' "$h" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$outcome"
done
exit "$status"
