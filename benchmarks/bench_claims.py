"""Speed of the claim ledger: the SenseTime corpus copied N times (distinct ids).

    .venv/bin/python benchmarks/bench_claims.py [N]
"""
from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

from audit.claims import build_ledger
from audit.load import load
from audit.pipeline import align_document, segment_side

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "sensetime"


def main(n: int = 10) -> None:
    base = []
    for d in load(str(CORPUS)):
        src = segment_side(d, "source", False) if d.has_source else []
        tgt = segment_side(d, "target", False)
        base.append(align_document(d, src, tgt, None))
    adocs = []
    for k in range(n):
        for a in base:
            doc = dataclasses.replace(a.doc, id=f"{a.doc.id}-{k}")
            adocs.append(dataclasses.replace(a, doc=doc))
    chars = sum(len(a.doc.target) + len(a.doc.source or "") for a in adocs)
    t0 = time.perf_counter()
    led = build_ledger(adocs)
    dt = time.perf_counter() - t0
    print(f"documents {len(adocs)}  characters {chars}  claims {len(led.claims)}  rows {len(led.rows)}  "
          f"findings {len(led.findings)}")
    print(f"ledger time {dt:.2f} s  ({chars / dt / 1000:.0f} k chars/s, {dt / len(adocs) * 1000:.1f} ms/document)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
