#!/usr/bin/env bash
# threads.sh — `sohoa ingest -j 2` of the sample corpus under ThreadSanitizer
# (scripts/tsan.sh), when a ThreadSanitizer build is beside the tree
# (build-tsan/, which `make check` and `make tsan` make; SOHOA_TSAN_BUILD
# names another). Its two worker threads share the models, the OCR module
# and Tesseract's process-wide parameters: any data race fails the check.
# Skipped without that build, or on a kernel ThreadSanitizer cannot run on.
source "$(dirname "$0")/../e2e-lib.sh"

tsan=${SOHOA_TSAN_BUILD:-$SOHOA_SRC/build-tsan}
if [ ! -x "$tsan/sohoa" ]; then
    echo "skip: no ThreadSanitizer build in $tsan (make tsan makes one)"
else
    out=$(bash "$SOHOA_SRC/scripts/tsan.sh" "$tsan" 2>&1); rc=$?
    if [ "$rc" -eq 3 ]; then
        echo "skip: $(tail -n 1 <<<"$out")"
    else
        expect_match "ingest -j 2 and search of corpus/ under ThreadSanitizer: no report" \
            '^tsan: clean' "$out"
        expect_eq "tsan.sh exit status" 0 "$rc"
    fi
fi
finish
