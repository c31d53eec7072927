# tests/e2e-ingest-lib.sh — helpers the ingest and shard end-to-end tests
# share (sourced after e2e-lib.sh): the ingest command they run, queries on
# a database, and reading a JSON summary.

# Every run skips the restorer (its model is not under test here), so the
# database content depends only on the files.
ING=("$SOHOA" ingest --no-restore)
# q DB SQL — run SQL on DB, waiting for a writer's lock
q() { sqlite3 -cmd '.timeout 5000' "$1" "$2"; }
# docs DB — how many documents DB holds
docs() { q "$1" 'SELECT count(*) FROM documents'; }
# pyjson FILE EXPR — a Python expression over the JSON value d in FILE
pyjson() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
# expect_summary FILE FILES PROCESSED FAILED EXIT "NAMES" — the counts, the
# exit status and the failed files' base names (sorted, space-separated) of
# an ingest's --json-summary FILE
expect_summary() {
    expect_eq "summary: files" "$2" "$(pyjson "$1" 'd["files"]')"
    expect_eq "summary: processed" "$3" "$(pyjson "$1" 'd["processed"]')"
    expect_eq "summary: failed" "$4" "$(pyjson "$1" 'd["failed"]')"
    expect_eq "summary: exit status" "$5" "$(pyjson "$1" 'd["exit_status"]')"
    expect_eq "summary: failure paths" "$6" \
        "$(pyjson "$1" '" ".join(sorted(f["path"].split("/")[-1] for f in d["failures"]))')"
}
