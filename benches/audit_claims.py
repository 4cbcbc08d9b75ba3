#!/usr/bin/env python3
"""List every figure of some articles beside what factlint extracted for it, for checking by eye.

usage: audit_claims.py [--bin PATH] FILE...

For each run of digits or number word in the text (1,027; 1.3; ninety; hundreds; half ...), one
line: the figure, the claim that covers it (kind, value, approximation, unit, subject) or
"-- none", and the words around it. A person then marks each line right or wrong; the counts
give precision (right claims / claims) and recall (right claims / figures that should be claims).
docs/extraction.md records the sample, the verdicts and the figures.
"""
import argparse
import json
import re
import subprocess
import sys

NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|thousand|million|billion|dozen|dozens|hundreds|thousands|millions|half|third|quarter"
)
FIGURE = re.compile(r"\d(?:[\d,.]*\d)?|\b(?:" + NUMBER_WORDS + r")\b", re.I)


def describe(claim):
    if claim["kind"] != "quantity":
        return f"{claim['kind']} {claim.get('value', claim.get('from'))}"
    v, u = claim["value"], claim["unit"]
    return f"Q {v['lo']}..{v['hi']} {claim['approx']} {u['symbol'] or u['dimension']} s={claim['subject']}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/factlint")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    out = subprocess.run([args.bin, "claims", "--format", "json", *args.files], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    for f in json.loads(out.stdout)["files"]:
        raw = open(f["path"], encoding="utf-8").read()
        print("==", f["path"])
        for m in FIGURE.finditer(raw):
            start, end = len(raw[: m.start()].encode()), len(raw[: m.end()].encode())
            covering = [c for c in f["claims"] if c["start"] <= start and end <= c["end"]]
            desc = describe(covering[0]) if covering else "-- none"
            context = raw[max(0, m.start() - 40) : m.end() + 30].replace("\n", " ")
            print(f"  {m.group(0)!r:12} {desc:55} | {context}")


if __name__ == "__main__":
    main()
