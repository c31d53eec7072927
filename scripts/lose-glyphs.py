#!/usr/bin/env python3
"""lose-glyphs.py — make the text a PDF gives when its font lost glyphs.

usage: lose-glyphs.py [--seed N] [--rate P] [--drop | --fffd] < clean.txt > broken.txt

A PDF whose embedded font has no Unicode map for some of its glyphs yields,
when its text is extracted, every other letter as it was and nothing (or a
space, where the layout leaves a gap) for each of those glyphs: "tình hình"
becomes "t nh h nh", "phòng" becomes "ph ng". Which glyphs are lost depends
on the font, not on the text: here each of the letters that carry a
Vietnamese mark or shape (à á ả ã ạ ă ... ư ừ ... đ, upper and lower case)
is lost with probability P (default 0.5), chosen once for the whole input
from the seed, and every occurrence of a lost letter becomes a space (or,
with --drop, nothing; with --fffd, the replacement character U+FFFD). Letters without marks, digits and punctuation are
never lost. Input and output are UTF-8; the input is read as NFC.
"""
import random
import sys
import unicodedata

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


def marked_letters():
    """Every precomposed Vietnamese letter that is not plain ASCII."""
    out = set()
    for b in BASES:
        for t in TONES:
            c = unicodedata.normalize("NFC", b + t)
            if len(c) == 1 and ord(c) > 127:
                out.add(c)
    out.add("đ")
    return sorted(out | {c.upper() for c in out})


def main():
    seed, rate, put = 1, 0.5, " "
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == "--seed":
            seed = int(args.pop(0))
        elif a == "--rate":
            rate = float(args.pop(0))
        elif a == "--drop":
            put = ""
        elif a == "--fffd":
            put = "\ufffd"
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            print(f"lose-glyphs.py: unknown argument {a}", file=sys.stderr)
            return 2
    rng = random.Random(seed)
    lost = {c for c in marked_letters() if rng.random() < rate}
    text = unicodedata.normalize("NFC", sys.stdin.read())
    sys.stdout.write("".join(put if c in lost else c for c in text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
