#!/usr/bin/env bash
# make-bad-inputs.sh OUTDIR — write the bad-input corpus (issue #9) into
# OUTDIR: damaged, hostile or absurd files of every kind sohoa reads, and
# OUTDIR/MANIFEST, one line per input:
#
#     NAME <TAB> EXPECT <TAB> REASON-REGEX <TAB> WHAT IT IS
#
# EXPECT says what `sohoa process NAME` must do, written by hand from what
# the bytes are:
#   error    one error line naming the file (and matching REASON-REGEX,
#            case-insensitive, when it is not "-"), exit 1
#   result   one JSON object, exit 0
#   either   one of the two (e.g. a truncated JPEG that libjpeg pads out,
#            or random bytes some legacy encoding can decode)
#   nonroot-error   error, unless run as root (root reads chmod 000 files)
# In every case: no crash, no sanitizer report, no hang.
#
# Nothing here needs the network; uses python3 (stdlib only), and img2pdf,
# qpdf and ImageMagick's convert when present (the inputs they make are
# left out otherwise, with a note on stderr). Takes a few seconds; writes
# about 25 MB. Deterministic: random bytes come from a fixed seed.
set -euo pipefail

out=${1:?usage: make-bad-inputs.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
manifest=$out/MANIFEST
: >"$manifest"

# add NAME EXPECT REGEX WHAT — one manifest line
add() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$manifest"; }
note() { echo "make-bad-inputs: $*" >&2; }

# ---------------------------------------------------------------------------
# Byte-level files, crafted with python3's standard library.
python3 - "$out" <<'PY'
import os, random, struct, sys, zlib

out = sys.argv[1]
rnd = random.Random(9)          # fixed seed: the corpus is the same every run

def w(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

# --- PNG ------------------------------------------------------------------
def chunk(kind, body, crc=None):
    c = zlib.crc32(kind + body) & 0xffffffff if crc is None else crc
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", c)

def png(width, height, rows, bad_crc=False):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)   # 8-bit grey
    idat = zlib.compress(rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", idat, 0xdeadbeef if bad_crc else None) + chunk(b"IEND", b""))

def gray_rows(width, height, value=255):
    return b"".join(b"\x00" + bytes([value]) * width for _ in range(height))

page = png(64, 64, gray_rows(64, 64))
w("one-pixel.png", png(1, 1, gray_rows(1, 1, 255)))
w("blank-64.png", page)
w("truncated.png", page[: len(page) // 2])
w("bad-crc.png", png(64, 64, gray_rows(64, 64), bad_crc=True))
# 100000 x 100000 declared (1e10 pixels), a valid IHDR CRC, one row of data:
# a reader that trusts the header allocates 10 GB before noticing.
w("huge-dims.png", png(100000, 100000, b"\x00" + b"\xff" * 100000))
w("magic-then-random.png", b"\x89PNG\r\n\x1a\n" + rnd.randbytes(4096))

# --- TIFF (baseline, uncompressed, little-endian, 8-bit grey) ------------
def tiff(width, height, pixels, declared=None):
    dw, dh = declared or (width, height)
    entries = [  # tag, type (3 SHORT, 4 LONG), value
        (256, 4, dw), (257, 4, dh), (258, 3, 8), (259, 3, 1), (262, 3, 1),
        (273, 4, 0), (277, 3, 1), (278, 4, dh), (279, 4, len(pixels))]
    ifd_size = 2 + 12 * len(entries) + 4
    data_off = 8 + ifd_size
    ifd = struct.pack("<H", len(entries))
    for tag, typ, val in entries:
        if tag == 273:
            val = data_off
        ifd += struct.pack("<HHI", tag, typ, 1) + (
            struct.pack("<HH", val, 0) if typ == 3 else struct.pack("<I", val))
    ifd += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + pixels

tpage = tiff(64, 64, b"\xff" * 64 * 64)
w("one-pixel.tif", tiff(1, 1, b"\xff"))
w("truncated.tif", tpage[: 8 + 2 + 12 * 9 + 4 + 100])   # header + IFD, 100 of 4096 pixels
w("huge-dims.tif", tiff(64, 64, b"\xff" * 64, declared=(100000, 100000)))
w("magic-then-random.tif", b"II*\x00" + rnd.randbytes(4096))

# --- PNM ------------------------------------------------------------------
w("one-pixel.pgm", b"P5\n1 1\n255\n\xff")
w("huge-dims.pgm", b"P5\n100000 100000\n255\n" + b"\xff" * 100)
w("truncated.pgm", b"P5\n64 64\n255\n" + b"\xff" * 100)

# --- random bytes behind image and PDF names (no magic number) ----------
for ext in ("png", "jpg", "tif", "pdf"):
    data = rnd.randbytes(8192)
    while data[:1] in (b"\x89", b"\xff", b"I", b"M", b"%", b"G", b"B", b"R", b"\x00", b"P"):
        data = rnd.randbytes(8192)
    w("random-bytes." + ext, data)
w("magic-then-random.jpg", b"\xff\xd8\xff" + rnd.randbytes(4096))
w("magic-then-random.pdf", b"%PDF-1.7\n" + rnd.randbytes(4096))

# --- zero-byte files --------------------------------------------------------
for ext in ("txt", "png", "jpg", "tif", "pdf"):
    w("empty." + ext, b"")

# --- text -----------------------------------------------------------------
viet = "Ủy ban nhân dân huyện ban hành kế hoạch cải cách hành chính năm 2024.\n"
# invalid UTF-8: the first bad byte is at offset len(prefix) (hand-counted in
# the manifest line below: the prefix is 3 copies of `viet`).
prefix = (viet * 3).encode()
bad = prefix + b"\xc0\x80 overlong, \xed\xa0\x80 surrogate, \xff\xfe stray, \x80 lone, \xe1\xbb"
w("invalid-utf8.txt", bad)
with open(os.path.join(out, "invalid-utf8.offset"), "w") as f:
    f.write(str(len(prefix)))
w("nul-bytes.txt", viet.encode() + b"\x00\x00ab\x00c" + viet.encode())
w("bom-only.txt", b"\xef\xbb\xbf")
w("utf16-odd-length.txt", b"\xff\xfe" + "Kế hoạch".encode("utf-16-le") + b"\x41")
w("utf16-lone-surrogate.txt", b"\xff\xfe" + "Kế ".encode("utf-16-le") + b"\x00\xd8\x41\x00" + b"\x00\xdc")
w("utf16be-bom-only.txt", b"\xfe\xff")
# 10 MB on one line: words, and one 10 MB token without a space.
line = ("cải cách hành chính nhà nước " * 300000).encode()
w("long-line-words.txt", line[: line.rindex(b" ", 0, 10 * 1000 * 1000)])
w("long-line-token.txt", b"a" * (10 * 1000 * 1000))
w("newlines-only.txt", b"\n" * (1 << 20))
w("cr-only.txt", viet.replace("\n", "\r").encode() * 200)
# mixed encodings: a UTF-8 paragraph, a TCVN3 one and a VNI one (both as
# their Windows-1252-looking bytes), then Windows-1258 bytes.
tcvn3 = "C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\n".encode("latin-1")
vni = "Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam\n".encode("latin-1")
w("mixed-encodings.txt", viet.encode() + tcvn3 + vni + b"Vi\xd2\xea\xf2t Nam \xd0\xf4\xcc\n" + viet.encode())
w("control-chars.txt", ("\x1b[31m" + viet + "\f\v\x07\x08" + viet + "\x7f\u0085\u2028\u2029" + viet).encode())
w("combining-flood.txt", ("a" + "\u0301\u0323\u0300" * 20000 + " " + viet).encode())
w("astral-and-rtl.txt", ("\U0001F600 \u202e" + viet + "\u200f\ufeff\U0010FFFF" * 100 + viet).encode())
w("viqr-lookalike.txt", ("Vie^.t Nam " + "a(((((((^^^^^''''" * 5000 + "\n").encode())
# headings: absurdly long, deeply nested, and very many
w("long-heading.txt", ("KẾ HOẠCH\n\nI. " + "MỤC ĐÍCH YÊU CẦU " * 50000 + "\nNội dung.\n").encode())
deep = "KẾ HOẠCH\n" + "".join(".".join(["1"] * d) + ". Mục đích số " + str(d) + "\nNội dung.\n"
                               for d in range(1, 1001))
w("deep-headings.txt", deep.encode())
w("deep-markdown.txt", ("".join("#" * d + " **" * d + "II. NỘI DUNG" + "**" * d + "\n"
                                for d in range(1, 301))).encode())
w("many-headings.txt", ("KẾ HOẠCH\n" + "".join("%d. Kinh phí thực hiện\n" % i for i in range(1, 50001))).encode())
w("roman-flood.txt", ("".join("M" * 2000 + "CDXLIV. MỤC ĐÍCH\n" for _ in range(50))).encode())
w("name with spaces và dấu.txt", viet.encode() * 3)
PY

add empty.txt either - "zero bytes"
for ext in png jpg tif pdf; do add "empty.$ext" either - "zero bytes behind an .$ext name (no magic number: read as text)"; done
add one-pixel.png either - "a valid 1x1 PNG"
add blank-64.png either - "a valid blank 64x64 PNG (no text)"
add truncated.png error - "the first half of a valid PNG"
add bad-crc.png either - "a valid PNG whose IDAT CRC is wrong"
add huge-dims.png error 'pixel|limit|large' "IHDR declares 100000x100000 pixels"
add magic-then-random.png error - "PNG signature followed by random bytes"
add one-pixel.tif either - "a valid 1x1 TIFF"
add truncated.tif error - "a TIFF whose strip ends after 100 of 4096 bytes"
add huge-dims.tif error 'pixel|limit|large' "a TIFF declaring 100000x100000 pixels"
add magic-then-random.tif error - "TIFF header followed by random bytes"
add one-pixel.pgm either - "a valid 1x1 PGM"
add huge-dims.pgm error 'pixel|limit|large' "a PGM declaring 100000x100000 pixels"
add truncated.pgm error - "a 64x64 PGM with 100 bytes of pixels"
for ext in png jpg tif pdf; do add "random-bytes.$ext" either - "8 KB of random bytes behind an .$ext name"; done
add magic-then-random.jpg error - "JPEG SOI marker followed by random bytes"
add magic-then-random.pdf error - "%PDF header followed by random bytes"
add invalid-utf8.txt either - "Vietnamese UTF-8 then overlong, surrogate, stray and truncated sequences"
add nul-bytes.txt either - "UTF-8 text with NUL bytes inside"
add bom-only.txt either - "a UTF-8 BOM and nothing else"
add utf16-odd-length.txt either - "UTF-16LE with BOM and an odd number of bytes"
add utf16-lone-surrogate.txt either - "UTF-16LE with unpaired surrogates"
add utf16be-bom-only.txt either - "a UTF-16BE BOM and nothing else"
add long-line-words.txt result - "10 MB of words on one line"
add long-line-token.txt either - "one 10 MB token"
add newlines-only.txt either - "1 MiB of newlines"
add cr-only.txt result - "text with CR line ends only"
add mixed-encodings.txt either - "UTF-8, TCVN3, VNI and Windows-1258 paragraphs in one file"
add control-chars.txt either - "escape sequences, form feeds, DEL, NEL and U+2028"
add combining-flood.txt either - "one letter carrying 60000 combining marks"
add astral-and-rtl.txt either - "emoji, RTL overrides, BOMs and U+10FFFF inside text"
add viqr-lookalike.txt either - "VIQR-like punctuation floods"
add long-heading.txt result - "a heading line of 850 KB"
add deep-headings.txt result - "headings numbered 1. to 1.1.1...1 (1000 levels)"
add deep-markdown.txt either - "Markdown headings from # to 300 #, bold nested 300 deep"
add many-headings.txt result - "50000 numbered headings"
add roman-flood.txt either - "50 headings with 2000-letter Roman numerals"
add "name with spaces và dấu.txt" result - "ordinary text under a file name with spaces and diacritics"

# ---------------------------------------------------------------------------
# JPEGs (ImageMagick), PDFs (img2pdf, qpdf).
if command -v convert >/dev/null; then
    convert -size 64x64 xc:white "$out/page.jpg"
    convert -size 1x1 xc:white "$out/one-pixel.jpg"
    head -c "$(($(stat -c %s "$out/page.jpg") / 2))" "$out/page.jpg" >"$out/truncated.jpg"
    # the same JPEG with its SOF0 frame header claiming 65000x65000 pixels
    python3 - "$out/page.jpg" "$out/huge-dims.jpg" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
i = 2
while i + 4 <= len(b):
    marker, seglen = b[i + 1], struct.unpack(">H", b[i + 2:i + 4])[0]
    if marker in (0xC0, 0xC1, 0xC2):
        b[i + 5:i + 9] = struct.pack(">HH", 65000, 65000)
        break
    i += 2 + seglen
open(sys.argv[2], "wb").write(b)
PY
    rm -f "$out/page.jpg"
    add one-pixel.jpg either - "a valid 1x1 JPEG"
    add truncated.jpg either - "the first half of a JPEG (libjpeg may pad it out)"
    add huge-dims.jpg error 'pixel|limit|large' "a JPEG whose frame header declares 65000x65000 pixels"
else
    note "convert (ImageMagick) is missing: JPEG inputs left out"
fi

if command -v img2pdf >/dev/null; then
    python3 - "$out/.tiny.png" <<'PY'
import struct, sys, zlib
def chunk(k, b):
    return struct.pack(">I", len(b)) + k + b + struct.pack(">I", zlib.crc32(k + b) & 0xffffffff)
rows = b"".join(b"\x00" + b"\xff" * 16 for _ in range(16))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
    tiny=$out/.tiny.png
    img2pdf -o "$out/.three.pdf" "$tiny" "$tiny" "$tiny"
    three=$out/.three.pdf
    # xref table cut off in the middle (poppler may rebuild it from the objects)
    python3 - "$three" "$out/truncated-xref.pdf" "$out/bad-startxref.pdf" "$out/no-objects.pdf" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
x = b.rindex(b"\nxref") + 1
open(sys.argv[2], "wb").write(b[: x + 40])
s = b.rindex(b"startxref")
open(sys.argv[3], "wb").write(b[:s] + b"startxref\n999999999\n%%EOF\n")
open(sys.argv[4], "wb").write(b"%PDF-1.4\n" + b[x:])
PY
    head -c "$(($(stat -c %s "$three") / 2))" "$three" >"$out/truncated-half.pdf"
    args=()
    for _ in $(seq 1000); do args+=("$tiny"); done
    img2pdf -o "$out/blank-1000-pages.pdf" "${args[@]}"
    # a page tree whose /Count claims 9999 pages
    # (same length, so that the xref offsets stay right)
    python3 - "$three" "$out/count-lie.pdf" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
old = b"/Count 3 /Kids [ 12 0 R 1 0 R 4 0 R ]"
new = b"/Count 9999/Kids [12 0 R 1 0 R 4 0 R]"
assert len(old) == len(new) and old in b
open(sys.argv[2], "wb").write(b.replace(old, new))
PY
    add truncated-xref.pdf either - "a 3-page PDF whose xref table is cut off"
    add bad-startxref.pdf either - "startxref points far past the end of the file"
    add no-objects.pdf error - "a PDF header and a trailer, no objects"
    add truncated-half.pdf either - "the first half of a 3-page PDF"
    add blank-1000-pages.pdf either - "1000 blank pages (below the default page limit; no text)"
    add count-lie.pdf either - "the page tree claims 9999 pages, holds 3"
    if command -v qpdf >/dev/null; then
        qpdf --encrypt secret owner 256 -- "$three" "$out/encrypted.pdf"
        qpdf --encrypt "" owner 256 --print=none --extract=n -- "$three" "$out/encrypted-no-user-password.pdf"
        add encrypted.pdf error 'encrypt|password' "AES-256 encrypted, with a user password"
        add encrypted-no-user-password.pdf either - "encrypted with an empty user password (opens without one)"
    else
        note "qpdf is missing: encrypted PDFs left out"
    fi
    rm -f "$tiny" "$three"
else
    note "img2pdf is missing: PDF inputs left out"
fi

# ---------------------------------------------------------------------------
# File-system oddities.
ln -sfn loop-b.txt "$out/loop-a.txt"
ln -sfn loop-a.txt "$out/loop-b.txt"
ln -sfn does-not-exist.txt "$out/dangling.txt"
rm -f "$out/fifo.txt" && mkfifo "$out/fifo.txt"
ln -sfn /dev/zero "$out/dev-zero.txt"
mkdir -p "$out/a-directory.txt"
rm -f "$out/unreadable.txt" && printf 'chmod 000\n' >"$out/unreadable.txt" && chmod 000 "$out/unreadable.txt"
add loop-a.txt error 'symbolic|loop' "a symlink loop (loop-a -> loop-b -> loop-a)"
add dangling.txt error 'no such|missing|not found|exist' "a symlink to nothing"
add fifo.txt error - "a named pipe nobody writes to (reading it would block)"
add dev-zero.txt error 'limit|regular|device' "a symlink to /dev/zero (endless)"
add a-directory.txt error 'director|regular' "a directory with a .txt name"
add unreadable.txt nonroot-error 'permission' "mode 000"
echo "make-bad-inputs: $(wc -l <"$manifest") inputs in $out" >&2
