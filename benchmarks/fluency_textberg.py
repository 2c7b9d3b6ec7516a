"""False alarms of the fluency check on human-written, human-translated text.

Text+Berg (benchmarks/textberg) is German and French yearbook prose with gold
sentence alignments.  Each gold 1-1 alignment is checked both ways (German
target against French source and vice versa); every sign found is printed, so
that the few genuine defects of the data (missing full stops) can be told
from false alarms.

    .venv/bin/python benchmarks/fluency_textberg.py [-v]
"""
from __future__ import annotations

import ast
import sys
import time
from collections import Counter
from pathlib import Path

from audit.checks.fluency import signs

DIR = Path(__file__).resolve().parent / "textberg"


def pairs():
    for gold in sorted(DIR.glob("*.defr")):
        stem = gold.with_suffix("")
        de = (stem.with_suffix(".de")).read_text(encoding="utf-8").splitlines()
        fr = (stem.with_suffix(".fr")).read_text(encoding="utf-8").splitlines()
        for line in gold.read_text().splitlines():
            left, right = line.split(":")
            a, b = ast.literal_eval(left), ast.literal_eval(right)
            if len(a) == 1 and len(b) == 1:
                yield de[a[0]].strip(), fr[b[0]].strip()


def main() -> None:
    verbose = "-v" in sys.argv
    n = 0
    kinds: Counter = Counter()
    t0 = time.perf_counter()
    for de, fr in pairs():
        for tgt, tl, src, sl in ((de, "de", fr, "fr"), (fr, "fr", de, "de")):
            n += 1
            for s in signs(tgt, tl, 0, src, sl):
                kinds[(tl, s.kind)] += 1
                if verbose:
                    print(f"{tl} {s.kind}: {tgt[s.start:s.end][:70]!r}  <- {tgt[:110]!r}")
    dt = time.perf_counter() - t0
    print(f"{n} target sentences (Text+Berg gold 1-1 pairs, both directions), {dt:.2f}s")
    for k, v in sorted(kinds.items()):
        print(f"  {k[0]} {k[1]}: {v}")
    print(f"  signs per 1000 sentences: {1000 * sum(kinds.values()) / n:.1f}")


if __name__ == "__main__":
    main()
