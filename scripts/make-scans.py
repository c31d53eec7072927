#!/usr/bin/python3
"""make-scans.py — render corpus documents as mildly degraded page scans.

usage: scripts/make-scans.py [--dpi N] [--level light|medium] [--pages N]
                             [--lines N] [--format png|jpg] [--jpeg-quality Q]
                             [OUTDIR] [DOC...]

OUTDIR defaults to build/corpus-gen; DOC defaults to every corpus/NN-*.txt.
For each document NAME it writes, under OUTDIR/scans/:

  NAME/page-001.png ...  grayscale page images (PNG, or JPEG with --format jpg;
                         DPI in the header)
  NAME/page-001.txt ...  the truth of each page, one line per printed line
  NAME/truth.txt         the whole truth, pages separated by a form-feed line
  NAME.tif               multi-page TIFF (deflate) with exactly those pixels
  NAME.pdf               image-only PDF (img2pdf, JPEG pages; never ImageMagick)

The layout follows the genre: a two-column header (issuer and number on the
left; national motto and place/date on the right), a bold centred title and
subject, justified body text with bold headings, then a two-column footer
("Nơi nhận:" list on the left, signer block on the right). Pages 2+ carry a
page number in the top margin. Markdown emphasis from PDF converters
(## **II. ...**) is dropped when printing.

Truth convention: one line per printed line, words separated by one space
(justification stretches spaces on the page, not in the truth). Header and
footer texts that share a baseline form one line, left column first. The
page number is the first truth line of pages 2+. Rules are not text.

Degradation ("light", the default): ink grey on off-white paper, a small skew
(0.2–0.6°), Gaussian blur (radius 0.8), faint scanner grain and a few dust
specks. "medium" doubles blur, skew and grain. Every random choice comes from
a generator seeded with the document name, level and page, so a re-run
writes the same pixels (and, with the same Pillow, zlib and img2pdf, the
same bytes: the PDF carries no date).

Needs python3-pil, fonts-liberation2, fonts-dejavu-core and img2pdf
(scripts/install-deps.sh installs them).
"""

import argparse
import glob
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import zlib

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = ["/usr/share/fonts/truetype/liberation2",
             "/usr/share/fonts/truetype/dejavu"]
# Font families, chosen by document number (NN of NN-type-slug.txt) mod 3.
# Liberation must be 2.x (fonts-liberation2): 1.x lacks Vietnamese glyphs.
FAMILIES = [
    ("LiberationSans", {"r": "Regular", "b": "Bold", "i": "Italic", "bi": "BoldItalic"}, 12),
    ("LiberationSerif", {"r": "Regular", "b": "Bold", "i": "Italic", "bi": "BoldItalic"}, 13),
    ("DejaVuSerif", {"r": "", "b": "Bold", "i": "Italic", "bi": "BoldItalic"}, 12),
]
MOTTO1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO2 = "Độc lập - Tự do - Hạnh phúc"
LEVELS = {
    # blur radius (at 300 dpi), skew range (deg), grain sd (grey levels),
    # salt-and-pepper fraction of pixels, dust specks, ink and paper grey
    "light": dict(blur=0.8, skew=(0.2, 0.6), grain=0, saltpepper=0.0005, specks=60,
                  ink=28, paper=244),
    "medium": dict(blur=1.4, skew=(0.6, 1.2), grain=12, saltpepper=0.002, specks=250,
                   ink=45, paper=236),
}
ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X)"


def die(msg):
    print("make-scans: " + msg, file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- parsing

def clean_markup(line):
    """Strip PDF-converter Markdown; return (text, italic)."""
    s = re.sub(r"^#+\s*", "", line.strip())
    s = s.replace("**", "")
    italic = len(s) > 2 and s.startswith("*") and s.endswith("*")
    s = s.strip("*").strip()
    return re.sub(r"\s+", " ", s), italic


def parse_document(path):
    """Split a corpus document into header, title, body and footer parts."""
    try:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
    except UnicodeDecodeError as e:
        die(f"{path}: not UTF-8 ({e.reason} at byte {e.start})")
    except OSError as e:
        die(f"{path}: {e.strerror}")
    if unicodedata.normalize("NFC", raw) != raw:
        die(f"{path}: text is not NFC")
    lines = [clean_markup(l) for l in raw.splitlines() if l.strip()]
    kinds = ("KẾ HOẠCH", "BÁO CÁO")
    try:
        t = next(i for i, (s, _) in enumerate(lines) if s in kinds)
    except StopIteration:
        die(f"{path}: no KẾ HOẠCH / BÁO CÁO title line")
    if t + 1 >= len(lines):
        die(f"{path}: no subject line after {lines[t][0]}")
    doc = {"issuer": [], "number": "", "date": "", "kind": lines[t][0],
           "subject": lines[t + 1][0], "body": [], "recipients": [], "signer": []}
    for s, _ in lines[:t]:
        if s in (MOTTO1, MOTTO2):
            continue
        if s.startswith("Số:"):
            doc["number"] = s
        elif ", ngày " in s:
            doc["date"] = s
        else:
            doc["issuer"].append(s)
    try:
        r = next(i for i, (s, _) in enumerate(lines) if s.startswith("Nơi nhận"))
    except StopIteration:
        die(f"{path}: no 'Nơi nhận:' line")
    doc["body"] = lines[t + 2:r]
    rest = [s for s, _ in lines[r:]]
    n = 1
    while n < len(rest) and rest[n].startswith("- "):
        n += 1
    doc["recipients"], doc["signer"] = rest[:n], rest[n:]
    if not doc["issuer"] or not doc["number"] or not doc["date"] or not doc["signer"]:
        die(f"{path}: header or signer block incomplete")
    return doc


def is_heading(text):
    """Bold headings: I./II. always; 1./2. when short and not a sentence."""
    if re.match(ROMAN + r"\. ", text):
        return True
    return bool(re.match(r"\d+\. ", text)) and len(text) <= 90 and not text.endswith((";", ".", ":"))


# ---------------------------------------------------------------- fonts

class Fonts:
    def __init__(self, family, styles, pt, dpi):
        self.px = round(pt * dpi / 72)
        self.cache = {}
        self.family, self.styles = family, styles
        self.small_px = round((pt - 1.5) * dpi / 72)

    def get(self, style="r", small=False):
        key = (style, small)
        if key not in self.cache:
            suffix = self.styles[style]
            name = self.family + ("-" + suffix if suffix else "") + ".ttf"
            path = next((os.path.join(d, name) for d in FONT_DIRS
                         if os.path.exists(os.path.join(d, name))), None)
            if path is None:
                die(f"font {name} not found (install fonts-liberation2 and fonts-dejavu-core)")
            self.cache[key] = ImageFont.truetype(path, self.small_px if small else self.px)
        return self.cache[key]


def check_coverage(fonts, text):
    """Refuse a font that would draw a missing-glyph box for any character."""
    font = fonts.get("r")

    def glyph(ch):
        im = Image.new("L", (fonts.px * 2, fonts.px * 2), 0)
        ImageDraw.Draw(im).text((0, 0), ch, font=font, fill=255)
        return im.tobytes()

    missing = glyph("\ue000")
    for ch in sorted(set(text) - set(" \n")):
        if glyph(ch) == missing:
            die(f"font {fonts.family} has no glyph for U+{ord(ch):04X}")


# ---------------------------------------------------------------- layout

class Page:
    """One clean page: its image and its printed lines as (text, top y)."""

    def __init__(self, w, h):
        self.img = Image.new("L", (w, h), 255)
        self.draw = ImageDraw.Draw(self.img)
        self.lines = []

    def truth(self):
        return [t for t, _ in self.lines]


class Layout:
    """Places lines on A4 pages and records the truth of every printed line.
    self.y is the top of the next row; a row is `pitch` pixels high."""

    def __init__(self, fonts, dpi):
        mm = dpi / 25.4
        self.dpi, self.fonts = dpi, fonts
        self.w, self.h = round(210 * mm), round(297 * mm)
        self.left, self.right = round(30 * mm), self.w - round(20 * mm)
        self.top, self.bottom = round(20 * mm), self.h - round(22 * mm)
        self.pitch = round(fonts.px * 1.3)
        self.indent = round(12 * mm)
        self.pages = []
        self.new_page()

    def new_page(self):
        self.page = Page(self.w, self.h)
        self.pages.append(self.page)
        self.y = self.top
        if len(self.pages) > 1:
            num = str(len(self.pages))
            font = self.fonts.get("r")
            y = self.top // 2
            self.page.draw.text(((self.w - font.getlength(num)) / 2, y), num, font=font, fill=0)
            self.page.lines.append((num, y))

    def ensure(self, rows):
        if self.y + rows * self.pitch > self.bottom:
            self.new_page()

    def text_at(self, x, text, font):
        self.page.draw.text((x, self.y), text, font=font, fill=0)

    def centred(self, cx, text, font):
        self.text_at(cx - font.getlength(text) / 2, text, font)

    def emit(self, text):
        """Record the current row's truth and move to the next row."""
        self.page.lines.append((text, self.y))
        self.y += self.pitch

    def rule_under(self, row_top, cx, width):
        """A short rule just below the glyphs of the row starting at row_top."""
        y = row_top + round(self.pitch * 1.02)
        self.page.draw.line([(cx - width / 2, y), (cx + width / 2, y)], fill=0,
                            width=max(1, self.dpi // 150))

    def wrap(self, words, font, width, first_indent=0):
        lines, cur, limit = [], [], width - first_indent
        for w in words:
            trial = " ".join(cur + [w])
            if cur and font.getlength(trial) > limit:
                lines.append(cur)
                cur, limit = [w], width
            else:
                cur.append(w)
        if cur:
            lines.append(cur)
        return lines

    def paragraph(self, text, font, indent=True, justify=True):
        width = self.right - self.left
        first = self.indent if indent else 0
        lines = self.wrap(text.split(), font, width, first)
        for n, words in enumerate(lines):
            self.ensure(1)
            x0 = self.left + (first if n == 0 else 0)
            last = n == len(lines) - 1
            if justify and not last and len(words) > 1:
                ink = sum(font.getlength(w) for w in words)
                gap = (self.right - x0 - ink) / (len(words) - 1)
                x = x0
                for w in words:
                    self.text_at(x, w, font)
                    x += font.getlength(w) + gap
            else:
                self.text_at(x0, " ".join(words), font)
            self.emit(" ".join(words))

    def two_columns(self, left, right, split):
        """Rows of left and right (text, style) pairs; style r/b/i/bi, +s = small.
        Left-column list items and "Nơi nhận" start at the margin, the rest is
        centred in its column; texts sharing a row form one truth line.
        Returns the top y of every row."""
        width = self.right - self.left
        lcx = self.left + width * split / 2
        rcx = self.left + width * split + width * (1 - split) / 2
        tops = []
        for l, r in zip(left, right):
            self.ensure(1)
            tops.append(self.y)
            parts = []
            for text, cx, style in ((l[0], lcx, l[1]), (r[0], rcx, r[1])):
                if text:
                    font = self.fonts.get(style.rstrip("s"), style.endswith("s"))
                    if cx == lcx and text.startswith(("- ", "Nơi nhận")):
                        self.text_at(self.left, text, font)
                    else:
                        self.centred(cx, text, font)
                    parts.append(text)
            self.emit(" ".join(parts))
        return tops


def render(doc, fonts, dpi):
    L = Layout(fonts, dpi)
    width = L.right - L.left
    split = 0.42
    lcx = L.left + width * split / 2
    rcx = L.left + width * split + width * (1 - split) / 2
    # Header: issuer lines (last one bold) | motto; rules; number | place, date.
    n = len(doc["issuer"])
    left = [(s, "b" if i == n - 1 else "r") for i, s in enumerate(doc["issuer"])]
    right = [(MOTTO1, "b"), (MOTTO2, "b")]
    rows = max(len(left), len(right))
    left += [("", "r")] * (rows - len(left))
    right += [("", "r")] * (rows - len(right))
    tops = L.two_columns(left, right, split)
    L.rule_under(tops[n - 1], lcx, width * 0.14)
    L.rule_under(tops[1], rcx, width * 0.32)
    L.y += round(L.pitch * 0.4)
    L.two_columns([(doc["number"], "r")], [(doc["date"], "i")], split)
    L.y += round(L.pitch * 0.8)
    # Title and subject, with a rule under them.
    bold = fonts.get("b")
    L.centred(L.left + width / 2, doc["kind"], bold)
    L.emit(doc["kind"])
    for words in L.wrap(doc["subject"].split(), bold, width * 0.9):
        L.centred(L.left + width / 2, " ".join(words), bold)
        L.emit(" ".join(words))
    L.rule_under(L.y - L.pitch + L.pitch // 6, L.left + width / 2, width * 0.25)
    L.y += round(L.pitch * 0.8)
    # Body.
    for text, italic in doc["body"]:
        if is_heading(text):
            L.paragraph(text, bold, indent=True, justify=False)
        else:
            L.paragraph(text, fonts.get("i" if italic else "r"))
    # Footer: recipients (small) | signer; name after room for a signature.
    L.y += round(L.pitch * 0.5)
    rec = [(doc["recipients"][0], "bis")] + [(s, "rs") for s in doc["recipients"][1:]]
    sig = [(s, "b") for s in doc["signer"][:-1]]
    sig += [("", "r")] * 3 + [(doc["signer"][-1], "b")]
    rows = max(len(rec), len(sig))
    rec += [("", "r")] * (rows - len(rec))
    sig += [("", "r")] * (rows - len(sig))
    L.ensure(rows)
    L.two_columns(rec, sig, 0.5)
    return L


def cut(page, nlines, pitch):
    """Keep the first nlines printed lines of a clean page: cut just below
    the last one's descenders (above the next line's accents) and add blank
    paper under it. Done before degradation, so skew cannot bring a cut line
    back in."""
    if nlines <= 0 or nlines >= len(page.lines):
        return page
    cut_y = page.lines[nlines - 1][1] + pitch - pitch // 16
    img = Image.new("L", (page.img.width, cut_y + pitch), 255)
    img.paste(page.img.crop((0, 0, page.img.width, cut_y)), (0, 0))
    page.img = img
    page.lines = page.lines[:nlines]
    return page


# ---------------------------------------------------------------- degradation

def seed_of(*parts):
    return zlib.crc32("/".join(str(p) for p in parts).encode("utf-8"))


def degrade(img, level, seed, dpi):
    """Ink on paper, skew, blur, grain, salt-and-pepper and dust; returns the
    degraded image and the skew angle used."""
    p = LEVELS[level]
    rng = random.Random(seed)
    ink, paper = p["ink"], p["paper"]
    img = img.point(lambda v: round(ink + (paper - ink) * v / 255))
    angle = rng.uniform(*p["skew"]) * rng.choice((-1, 1))
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=paper)
    img = img.filter(ImageFilter.GaussianBlur(p["blur"] * dpi / 300))
    w, h = img.size
    if p["grain"]:
        # Blurred uniform bytes are close to Gaussian (sd ≈ 32 before scaling).
        noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
        noise = noise.filter(ImageFilter.GaussianBlur(0.5))
        a = p["grain"] / 32.0
        noise = noise.point(lambda v: max(0, min(255, round(128 + a * (v - 128)))))
        img = ImageChops.add(img, noise, scale=1.0, offset=-128)
    px = img.load()
    for _ in range(int(w * h * p["saltpepper"])):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = paper if rng.random() < 0.5 else ink
    d = ImageDraw.Draw(img)
    for _ in range(p["specks"]):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.uniform(0.6, 2.2) * dpi / 300
        d.ellipse([x - r, y - r, x + r, y + r], fill=rng.randrange(ink, ink + 60))
    return img, angle


# ---------------------------------------------------------------- output

def doc_number(path):
    m = re.match(r"(\d+)", os.path.basename(path))
    return int(m.group(1)) if m else 0


def write_set(path, outdir, opt):
    name = os.path.splitext(os.path.basename(path))[0]
    family, styles, pt = FAMILIES[doc_number(path) % len(FAMILIES)]
    fonts = Fonts(family, styles, pt, opt.dpi)
    doc = parse_document(path)
    with open(path, encoding="utf-8") as f:
        check_coverage(fonts, f.read())
    layout = render(doc, fonts, opt.dpi)
    pages = layout.pages[:opt.pages] if opt.pages else layout.pages
    pages = [cut(pg, opt.lines, layout.pitch) for pg in pages]
    d = os.path.join(outdir, "scans", name)
    os.makedirs(d, exist_ok=True)
    for old in glob.glob(os.path.join(d, "page-*")):
        os.remove(old)
    images, truths = [], []
    for n, page in enumerate(pages, 1):
        img, _ = degrade(page.img, opt.level, seed_of(name, opt.level, opt.dpi, n), opt.dpi)
        base = os.path.join(d, f"page-{n:03d}")
        if opt.format == "jpg":
            img.save(base + ".jpg", quality=opt.jpeg_quality, dpi=(opt.dpi, opt.dpi))
        else:
            img.save(base + ".png", dpi=(opt.dpi, opt.dpi), optimize=True)
        text = "\n".join(page.truth())
        with open(base + ".txt", "w", encoding="utf-8") as f:
            f.write(text + "\n")
        images.append(img)
        truths.append(text)
    with open(os.path.join(d, "truth.txt"), "w", encoding="utf-8") as f:
        f.write("\n\f\n".join(truths) + "\n")
    tif = os.path.join(outdir, "scans", name + ".tif")
    images[0].save(tif, save_all=True, append_images=images[1:],
                   compression="tiff_deflate", dpi=(opt.dpi, opt.dpi))
    write_pdf(images, os.path.join(outdir, "scans", name + ".pdf"), opt.dpi, opt.jpeg_quality)
    print(f"make-scans: {name}: {len(pages)} page(s) at {opt.dpi} dpi "
          f"({opt.level}, {family}) -> {d}")


def write_pdf(images, pdf, dpi, quality):
    """JPEG pages embedded unchanged by img2pdf, with its internal engine:
    the pikepdf engine's /ID hashes the time and the paths, so its PDFs
    differ from run to run."""
    pdf = os.path.abspath(pdf)
    with tempfile.TemporaryDirectory() as tmp:
        jpgs = []
        for n, img in enumerate(images, 1):
            j = f"p{n:03d}.jpg"
            img.save(os.path.join(tmp, j), quality=quality, dpi=(dpi, dpi))
            jpgs.append(j)
        try:
            subprocess.run(["img2pdf", "--nodate", "--engine", "internal", "-o", pdf] + jpgs,
                           check=True, cwd=tmp)
        except FileNotFoundError:
            die("img2pdf is not installed (scripts/install-deps.sh installs it)")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description="Render corpus documents as degraded scans.")
    ap.add_argument("outdir", nargs="?", default=os.path.join("build", "corpus-gen"))
    ap.add_argument("docs", nargs="*")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--level", choices=sorted(LEVELS), default="light")
    ap.add_argument("--pages", type=int, default=0, help="keep only the first N pages")
    ap.add_argument("--lines", type=int, default=0,
                    help="keep only the first N printed lines of each page (cropped)")
    ap.add_argument("--format", choices=("png", "jpg"), default="png",
                    help="page image format (the TIFF and the PDF are made either way)")
    ap.add_argument("--jpeg-quality", type=int, default=75,
                    help="JPEG quality of PDF pages (and of --format jpg pages)")
    a = ap.parse_args()
    if not 72 <= a.dpi <= 600:
        die(f"--dpi {a.dpi}: use 72..600")
    if a.pages < 0 or a.lines < 0:
        die("--pages and --lines take a count >= 0 (0 = all)")
    if not 1 <= a.jpeg_quality <= 95:
        die(f"--jpeg-quality {a.jpeg_quality}: use 1..95")
    docs = a.docs or sorted(glob.glob(os.path.join(root, "corpus", "[0-9][0-9]-*.txt")))
    if not docs:
        die("no documents given and none in corpus/")
    for p in docs:
        if not os.path.isfile(p):
            die(f"{p}: no such file")
        write_set(p, a.outdir, a)


if __name__ == "__main__":
    main()
