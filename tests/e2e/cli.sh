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
# Numeric options: out of range, not a number, or not whole where a count is
# needed, each is a usage error (exit 2) naming the option — never a wrapped
# or undefined conversion.
for args in "process --max-bytes 1e30" "process --time-limit inf" "process --max-pages 2.5" \
            "process --max-pages 3e9" "ingest --db x.db -j 0" "ingest --db x.db -j nan"; do
    # shellcheck disable=SC2086
    check_status "$args exits 2" 2 "$SOHOA" $args /dev/null
done
expect_match "the error names the option and its range" "max-bytes needs a number from 1 to" \
    "$("$SOHOA" process --max-bytes 1e30 /dev/null 2>&1)"
finish
