#!/usr/bin/python3
"""channel-pairs.py — the build steps of the learned OCR channel
(scripts/make-channel.sh runs them; nothing here is shipped).

usage: scripts/channel-pairs.py docs OUTDIR NDOCS LINES TEXT...
       scripts/channel-pairs.py table SCANDIR OUT.tsv

docs   Cut NDOCS synthetic administrative documents out of the clean TEXT
       files (LINES body lines each, taken evenly through every file in
       turn), in the layout make-scans.py renders: OUTDIR/NN-channel.txt.
       Only lines whose characters the fonts have and that are 30-300
       characters long are used.
table  Align the OCR output of every page (SCANDIR/*/page-NNN.ocr) with its
       truth (page-NNN.txt) token by token, and write the channel table:
         sohoa-channel<TAB>1
         tok<TAB>OBS<TAB>TRUE<TAB>COUNT  an observed core read for a syllable
         syl<TAB>TRUE<TAB>COUNT          how often each syllable was printed
         sub<TAB>P<TAB>S<TAB>COST        printed symbol P for skeleton letter S
         del<TAB>P<TAB>COST              printed symbol P with no letter behind
         ins<TAB>S<TAB>COST              skeleton letter S not printed
         pair<TAB>P1P2<TAB>S<TAB>COST    two printed symbols for one letter
         end<TAB>N                       N records above (a truncation check)
       Cores are lower-cased, outer punctuation stripped, NFC. Symbols are
       those of src/restore/channel.c: folded ASCII letters and digits, E (€),
       C (¢), ' (quotes), ? (anything else). Costs are -log10 of the event's
       probability relative to reading the letter as itself (add-one
       smoothed); only events seen at least MIN_EVENTS times are written.
"""

import collections
import glob
import math
import os
import re
import sys
import unicodedata

MIN_TOK = 2      # token pairs seen fewer times are left out
MIN_EVENTS = 3   # character events seen fewer times are left out


def die(msg):
    print("channel-pairs: " + msg, file=sys.stderr)
    sys.exit(2)


def printable(ch):
    o = ord(ch)
    return (0x20 <= o < 0x7F or 0xC0 <= o < 0x250 or 0x1EA0 <= o <= 0x1EF9
            or ch in "–—“”‘’…")


def make_docs(outdir, ndocs, nlines, texts):
    pools = []
    for p in texts:
        with open(p, encoding="utf-8") as f:
            lines = [unicodedata.normalize("NFC", l.strip()) for l in f]
        ok = [l for l in lines if 30 <= len(l) <= 300 and all(printable(c) for c in l)
              and not l.startswith(("Nơi nhận", "KẾ HOẠCH", "BÁO CÁO", "#", "*", "Số:"))
              and l not in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
              and ", ngày " not in l]
        if ok:
            pools.append(ok)
    if not pools:
        die("no usable lines in the training text")
    need = ndocs * nlines
    per = [need // len(pools) + 1] * len(pools)
    picks = []
    for pool, k in zip(pools, per):
        step = max(1, len(pool) // k)
        picks.append(pool[::step][:k])
    body = [l for group in zip(*picks) for l in group]  # interleave the files
    os.makedirs(outdir, exist_ok=True)
    for d in range(ndocs):
        lines = body[d * nlines:(d + 1) * nlines]
        if not lines:
            break
        doc = ["ỦY BAN NHÂN DÂN", "HUYỆN ĐÔNG HÒA", f"Số: {d + 1}/KH-UBND",
               f"Đông Hòa, ngày {d % 28 + 1} tháng {d % 12 + 1} năm 2024", "KẾ HOẠCH",
               "Thực hiện nhiệm vụ năm 2024"] + lines + [
               "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn An"]
        with open(os.path.join(outdir, f"{d + 1:02d}-channel.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(doc) + "\n")


# ---------------------------------------------------------------- alignment

DEBRIS = "’‘'`´@&?¢€"


def core(tok):
    """The word core as the restorer takes it (src/restore/tokens.c): first
    to last letter or digit, then the OCR debris that follows (tr¢, cơ’)."""
    s = unicodedata.normalize("NFC", tok).lower()
    idx = [i for i, c in enumerate(s) if c.isalnum()]
    if not idx:
        return ""
    a, b = idx[0], idx[-1] + 1
    while b < len(s) and s[b] in DEBRIS:
        b += 1
    return s[a:b]


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def symbols(s):
    out = []
    for c in fold(s):
        if c.isascii():
            out.append(c)
        elif c == "€":
            out.append("E")
        elif c == "¢":
            out.append("C")
        elif c in "’‘´`":
            out.append("'")
        else:
            out.append("?")
    return "".join(out)


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def block_pairs(tt, oo):
    """1:1 pairs inside a differing block (DP: pair, skip truth, skip OCR)."""
    n, m = len(tt), len(oo)
    if n * m > 400:
        return []
    INF = 1e9
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c >= INF:
                continue
            if i < n and c + 1 < cost[i + 1][j]:
                cost[i + 1][j], back[i + 1][j] = c + 1, (i, j, 0)
            if j < m and c + 1 < cost[i][j + 1]:
                cost[i][j + 1], back[i][j + 1] = c + 1, (i, j, 0)
            if i < n and j < m:
                a, b = fold(tt[i]), symbols(oo[j])
                d = lev(a, b) / max(len(a), len(b), 1)
                if d <= 0.6 and c + 2 * d < cost[i + 1][j + 1]:
                    cost[i + 1][j + 1], back[i + 1][j + 1] = c + 2 * d, (i, j, 1)
    out, i, j = [], n, m
    while (i, j) != (0, 0):
        pi, pj, paired = back[i][j]
        if paired:
            out.append((tt[pi], oo[pj]))
        i, j = pi, pj
    return out[::-1]


def page_pairs(truth, ocr):
    import difflib
    tt = [core(t) for t in truth.split()]
    oo = [core(t) for t in ocr.split()]
    tt = [t for t in tt if t]
    oo = [o for o in oo if o]
    sm = difflib.SequenceMatcher(None, [fold(t) for t in tt], [symbols(o) for o in oo],
                                 autojunk=False)
    pairs = []
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag == "equal":
            pairs += list(zip(tt[a1:a2], oo[b1:b2]))
        elif tag == "replace":
            pairs += block_pairs(tt[a1:a2], oo[b1:b2])
    return pairs


SYL = re.compile(r"^[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$")


def char_events(obs, skel, counts):
    """Viterbi alignment of printed symbols to skeleton letters under unit
    costs (pairs cost 1.2), counting each event."""
    n, m = len(obs), len(skel)
    INF = 1e9
    d = [[INF] * (m + 1) for _ in range(n + 1)]
    bk = [[None] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            c = d[i][j]
            if c >= INF:
                continue
            steps = []
            if i < n and j < m:
                steps.append((i + 1, j + 1, 0 if obs[i] == skel[j] else 1, ("sub", obs[i], skel[j])))
            if i < n:
                steps.append((i + 1, j, 1, ("del", obs[i])))
            if j < m:
                steps.append((i, j + 1, 1, ("ins", skel[j])))
            if i + 1 < n and j < m:
                steps.append((i + 2, j + 1, 1.2, ("pair", obs[i:i + 2], skel[j])))
            for a, b, w, ev in steps:
                if c + w < d[a][b]:
                    d[a][b], bk[a][b] = c + w, (i, j, ev)
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, ev = bk[i][j]
        counts[ev] += 1
        i, j = pi, pj


def make_table(scandir, out):
    tok = collections.Counter()
    syl = collections.Counter()
    for ocr_path in sorted(glob.glob(os.path.join(scandir, "*", "page-*.ocr"))):
        truth_path = ocr_path[:-4] + ".txt"
        with open(truth_path, encoding="utf-8") as f:
            truth = f.read()
        with open(ocr_path, encoding="utf-8", errors="replace") as f:
            ocr = f.read()
        for t, o in page_pairs(truth, ocr):
            if SYL.match(t) and 0 < len(o) <= 24 and "\t" not in o:
                tok[(o, t)] += 1
        for t in truth.split():
            t = core(t)
            if SYL.match(t):
                syl[t] += 1
    if not tok:
        die(f"{scandir}: no aligned tokens (no page-*.ocr next to page-*.txt?)")
    ev = collections.Counter()
    for (o, t), c in tok.items():
        so, st = symbols(o), fold(t)
        if so != st and len(so) <= 12 and len(st) <= 12:
            for _ in range(c):
                char_events(so, st, ev)
    # how often each skeleton letter was read as itself (the reference)
    letters = collections.Counter()
    for (o, t), c in tok.items():
        for ch in fold(t):
            letters[ch] += c
    recs = []
    for (o, t), c in sorted(tok.items()):
        if c >= MIN_TOK:
            recs.append(f"tok\t{o}\t{t}\t{c}")
    for t, c in sorted(syl.items()):
        recs.append(f"syl\t{t}\t{c}")
    total = sum(letters.values())
    for e, c in sorted(ev.items()):
        if c < MIN_EVENTS:
            continue
        if e[0] == "sub":
            if e[1] == e[2]:
                continue
            ref = letters[e[2]] + 1
        elif e[0] == "ins" or e[0] == "pair":
            ref = letters[e[-1]] + 1
        else:  # del: per letter printed
            ref = total + 1
        cost = max(0.0, -math.log10((c + 1) / ref))
        fields = [e[0]] + list(e[1:]) + [f"{cost:.3f}"]
        recs.append("\t".join(fields))
    with open(out, "w", encoding="utf-8") as f:
        f.write("sohoa-channel\t1\n")
        for r in recs:
            f.write(r + "\n")
        f.write(f"end\t{len(recs)}\n")
    print(f"channel-pairs: {len(tok)} token pairs, {len(recs)} records -> {out}")


def main():
    a = sys.argv[1:]
    if len(a) >= 5 and a[0] == "docs":
        make_docs(a[1], int(a[2]), int(a[3]), a[4:])
    elif len(a) == 3 and a[0] == "table":
        make_table(a[1], a[2])
    else:
        die("usage: channel-pairs.py docs OUTDIR NDOCS LINES TEXT... | table SCANDIR OUT.tsv")


if __name__ == "__main__":
    main()
