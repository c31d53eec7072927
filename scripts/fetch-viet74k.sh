#!/bin/bash
# fetch-viet74k.sh — make dictionaries/viet74k.txt, the multi-syllable words
# of the Viet74K word list (npm package @vntk/dictionary 1.0.0, MIT
# licence, data/Viet74K.txt), for the restorer's lexicon: each entry of two
# or more syllables gives its adjacent syllable pairs a bonus in decoding.
# Single words are left out (an all-caps one, e.g. "AM", would otherwise
# be read as an abbreviation).
#
# usage: scripts/fetch-viet74k.sh [OUT]   (default dictionaries/viet74k.txt)
# Needs npm (it fetches the package through npm's own client). Exit 0 with
# the file written, 1 with a message if the package cannot be had.
set -euo pipefail
out=${1:-dictionaries/viet74k.txt}
version=1.0.0
sha1=59fd0e6abcbaab55abe3a3e64ed92e89be2fab75 # of vntk-dictionary-1.0.0.tgz
command -v npm >/dev/null || { echo "fetch-viet74k: npm is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@vntk/dictionary@$version" >/dev/null) || {
    echo "fetch-viet74k: npm pack @vntk/dictionary@$version failed" >&2; exit 1; }
tgz="$tmp/vntk-dictionary-$version.tgz"
got=$(sha1sum "$tgz" | cut -d' ' -f1)
[ "$got" = "$sha1" ] || { echo "fetch-viet74k: $tgz: SHA-1 $got, expected $sha1" >&2; exit 1; }
tar -xzf "$tgz" -C "$tmp" package/data/Viet74K.txt package/LICENSE
{
    echo "# viet74k.txt — multi-syllable words of Viet74K (npm @vntk/dictionary $version,"
    echo "# data/Viet74K.txt; MIT licence, Copyright (c) 2017 Vietnamese Natural"
    echo "# Language Processing (VNTK)). Made by scripts/fetch-viet74k.sh; one entry"
    echo "# a line, entries of one word left out. The line below marks a general word"
    echo "# list for the restorer (src/restore/lexicon.c)."
    echo "#! general"
    tr -d '\r' < "$tmp/package/data/Viet74K.txt" | awk 'NF >= 2 && !/^#/' | LC_ALL=C sort -u
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "fetch-viet74k: $(grep -vc '^#' "$out") entries in $out" >&2
