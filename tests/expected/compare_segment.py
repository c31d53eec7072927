#!/usr/bin/env python3
"""compare_segment.py — score `sohoa segment` JSON against a hand-written
expectation (tests/expected/*.json). Used by tests/e2e/segment.sh and
bench/segment.sh.

An expectation holds only what its author checked by reading the input:
header fields, "references", "recipients" and a section tree whose levels
are its nesting (level 0 = the opening paragraphs before the first heading).
Values are compared after NFC, with spaces collapsed and typographic dashes
as '-' (as `sohoa normalize` writes them). A section is found when the
program has a section with the same level,
label and heading line; its kinds must then be equal when the expectation
gives them.

usage: compare_segment.py EXPECTED.json ACTUAL.json [--fold] [--check] [--only a,b]
  --fold   compare without diacritics and case (for raw, unrestored text)
  --check  exit 1 unless: all header fields right, every level-1 section
           found with the right kinds, >= 95% of level-2/3 headings found,
           all cited documents found
  --only   restrict --check to these parts: fields (or a field name),
           level1 (found, kinds and heading text), kinds1 (found, kinds),
           level23 (found, with their kinds), headings (level 2/3 found),
           references, recipients, agencies
Prints one JSON line of counts (for the benchmark) and, with --check, one
line per failure.
"""
import json
import sys
import unicodedata

FIELDS = ["doc_type", "number", "symbol", "issuer", "place", "date", "date_partial",
          "year", "title", "signer", "signer_role", "period"]


def norm(v, fold):
    if v is None:
        return None
    s = unicodedata.normalize("NFC", str(v))
    s = s.replace("\u2013", "-").replace("\u2014", "-")  # sohoa normalize unifies dashes
    s = " ".join(s.split())
    if fold:
        s = s.replace("đ", "d").replace("Đ", "D")
        s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
        s = s.lower()
    return s


def flatten(sections, level=None, out=None):
    out = [] if out is None else out
    for s in sections:
        lv = s.get("level", level if level is not None else (1 if s.get("label") else 0))
        out.append({"level": lv, "label": s.get("label"), "line": s.get("line"),
                    "kinds": s.get("kinds"), "heading": s.get("heading")})
        flatten(s.get("children", []), lv + 1, out)
    return out


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    fold = "--fold" in argv
    check = "--check" in argv
    only = None
    for i, a in enumerate(argv):
        if a == "--only":
            only = set(argv[i + 1].split(","))
            args.remove(argv[i + 1])
    with open(args[0], encoding="utf-8") as f:
        exp = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        act = json.load(f)
    res = {"fields": {}, "failures": []}

    def wanted(part):
        return only is None or part in only

    # header fields: tp (right), fp (given but wrong), fn (expected, not right)
    for k in FIELDS:
        if k not in exp:
            continue
        e, a = norm(exp[k], fold), norm(act.get(k), fold)
        tp = int(e is not None and e == a)
        fp = int(a is not None and a != e)
        fn = int(e is not None and e != a)
        tn = int(e is None and a is None)
        res["fields"][k] = {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
        if (tp + tn) == 0 and (wanted("fields") or wanted(k)):
            res["failures"].append(f"{k}: want {exp[k]!r}, got {act.get(k)!r}")

    # cited documents
    def rkey(r):
        num = norm(r.get("number"), fold)
        return (r.get("type"), num.replace(" ", "") if num else None, r.get("date"))
    er = [rkey(r) for r in exp.get("references", [])]
    ar = [rkey(r) for r in act.get("references", [])]
    found = [r for r in er if r in ar]
    res["references"] = {"expected": len(er), "found": len(found),
                         "extra": len([r for r in ar if r not in er])}
    if "references" in exp and wanted("references"):
        for r in er:
            if r not in ar:
                res["failures"].append(f"reference not found: {r}")

    # recipients
    if "recipients" in exp:
        ee = [norm(x, fold) for x in exp["recipients"]]
        aa = [norm(x, fold) for x in act.get("recipients", [])]
        res["recipients"] = {"expected": len(ee), "found": len([x for x in ee if x in aa]),
                             "extra": len([x for x in aa if x not in ee])}
        if wanted("recipients"):
            for x in ee:
                if x not in aa:
                    res["failures"].append(f"recipient not found: {x!r}")

    # agencies named in the body
    if "agencies" in exp:
        ee = [norm(x, fold) for x in exp["agencies"]]
        aa = [norm(x, fold) for x in act.get("agencies", [])]
        res["agencies"] = {"expected": len(ee), "found": len([x for x in ee if x in aa]),
                           "extra": len([x for x in aa if x not in ee])}
        if wanted("agencies"):
            for x in ee:
                if x not in aa:
                    res["failures"].append(f"agency not found: {x!r}")
            for x in aa:
                if x not in ee:
                    res["failures"].append(f"agency not expected: {x!r}")

    # sections
    es = flatten(exp.get("sections", []))
    asec = flatten(act.get("sections", []))
    index = {(s["level"], s["label"], s["line"]): s for s in asec}
    l1 = {"expected": 0, "found": 0, "kinds_right": 0, "heading_right": 0}
    l23 = {"expected": 0, "found": 0}
    for s in es:
        a = index.get((s["level"], s["label"], s["line"]))
        ok_kinds = a is not None and (s["kinds"] is None or a["kinds"] == s["kinds"])
        ok_heading = a is not None and (s["heading"] is None or
                                        norm(a["heading"], fold) == norm(s["heading"], fold))
        if s["level"] <= 1:
            l1["expected"] += 1
            l1["found"] += a is not None
            l1["kinds_right"] += ok_kinds
            l1["heading_right"] += ok_heading
            if (not (ok_kinds and ok_heading) and wanted("level1")) or (
                    not ok_kinds and wanted("kinds1")):
                got = (a or {}).get("kinds"), (a or {}).get("heading")
                res["failures"].append(
                    f"level-{s['level']} section {s['label']} at line {s['line']}: want "
                    f"{s['kinds']} {s['heading']!r}, got {got[0]} {got[1]!r}")
        else:
            l23["expected"] += 1
            l23["found"] += a is not None
            if a is None and (wanted("level23") or wanted("headings")):
                res["failures"].append(
                    f"level-{s['level']} heading {s['label']} at line {s['line']} not found")
            elif not ok_kinds and wanted("level23"):
                res["failures"].append(
                    f"level-{s['level']} heading {s['label']} at line {s['line']}: kinds "
                    f"{a['kinds']}, want {s['kinds']}")
    ekeys = {(s["level"], s["label"], s["line"]) for s in es}
    res["level1"] = l1
    res["level23"] = l23
    res["extra_sections"] = len([s for s in asec if (s["level"], s["label"], s["line"]) not in ekeys])
    if check and (wanted("level23") or wanted("headings")) and l23["expected"] and l23["found"] < 0.95 * l23["expected"]:
        res["failures"].append(f"level-2/3 headings: {l23['found']}/{l23['expected']} < 95%")
    print(json.dumps({k: v for k, v in res.items() if k != "failures"}, ensure_ascii=False))
    if check:
        for f in res["failures"]:
            print("FAIL", f)
        return 1 if res["failures"] else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
