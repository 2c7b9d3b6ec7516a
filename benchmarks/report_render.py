#!/usr/bin/env python3
"""How long the HTML report takes to render for a large synthetic run.

    .venv/bin/python benchmarks/report_render.py [DOCS] [PAIRS_PER_DOC] [FINDINGS_PER_DOC]

Prints the render time and the page size. Goal: a 100-document run with
6,000 pairs and 1,000 findings renders in well under 2 seconds.
"""
from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.model import CATEGORIES, AlignedDocument, AlignedPair, Document, Finding, Segment, Span  # noqa: E402
from audit.report.html import render  # noqa: E402
from audit.report.sample import write_run  # noqa: E402

WORDS = "the company raised million in dollars said analysts valuation shares market".split()


def _text(rng: random.Random, n: int) -> tuple[str, list[Segment]]:
    parts = [" ".join(rng.choice(WORDS) for _ in range(25)) + "." for _ in range(n)]
    segs, pos = [], 0
    for i, p in enumerate(parts):
        segs.append(Segment(i, pos, pos + len(p), p))
        pos += len(p) + 1
    return " ".join(parts), segs


def main(docs: int = 100, pairs: int = 60, per_doc: int = 10) -> None:
    rng = random.Random(1)
    adocs, findings = [], []
    for d in range(docs):
        (src, ss), (tgt, ts) = _text(rng, pairs), _text(rng, pairs)
        doc = Document(f"{d:03d}", "de", tgt, "en", src)
        adocs.append(AlignedDocument(doc, ss, ts, [AlignedPair(i, (i,), (i,), 0.8) for i in range(pairs)]))
        for _ in range(per_doc):
            i = rng.randrange(len(tgt) - 400)
            findings.append(Finding(doc.id, "bench", rng.choice(CATEGORIES), rng.choice(["major", "minor"]),
                                    "The source says one thing; the target says another.",
                                    Span.of(src, i, i + 20), Span.of(tgt, i, i + rng.randrange(5, 300))))
    out = Path(tempfile.mkdtemp(prefix="mtaudit-bench-"))
    try:
        write_run(out, adocs, findings)
        t = time.perf_counter()
        page = render(out)
        dt = time.perf_counter() - t
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"{docs} documents, {docs * pairs} pairs, {len(findings)} findings: "
          f"render {dt:.2f} s, page {len(page) / 1e6:.1f} MB")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
