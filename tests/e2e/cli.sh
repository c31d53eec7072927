# cli.sh — the command-line surface: help, version, unknown commands.
. "$(dirname "$0")/../e2e-lib.sh"

out=$("$SOHOA" --help)
for c in restore normalize ocr process segment ingest search show export failures lm merge; do
    expect_match "--help lists $c" "^  $c " "$out"
    check "$c --help exits 0" "$SOHOA" "$c" --help
    expect_match "help $c prints its usage" "usage: sohoa $c" "$("$SOHOA" help "$c")"
done
expect_match "--version prints the version" '^sohoa [0-9]+\.[0-9]+\.[0-9]+$' "$("$SOHOA" --version)"
check_status "an unknown command exits 2" 2 "$SOHOA" frobnicate
expect_match "an unknown command prints usage to stderr" "unknown command 'frobnicate'" "$("$SOHOA" frobnicate 2>&1 >/dev/null)"
check_status "no command exits 2" 2 "$SOHOA"
check_status "help of an unknown command exits 2" 2 "$SOHOA" help frobnicate
finish
