"""Write run files (``summary.json``, ``alignment.jsonl``, ``findings.jsonl``)
from hand-built aligned documents and findings.

This is not the pipeline's writer (that is ``audit.outputs``): it exists so
that the report can be tested and previewed from small, hand-made runs in the
documented file format, without running any check.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..model import SEVERITIES, AlignedDocument, Finding


def _span(adoc: AlignedDocument, side: str, pair) -> dict | None:
    sp = adoc.span(side, pair)
    return sp.to_dict() if sp else None


def alignment_rows(adocs: Iterable[AlignedDocument]) -> list[dict[str, Any]]:
    rows = []
    for adoc in adocs:
        for p in adoc.pairs:
            rows.append({
                "doc": adoc.doc.id,
                "index": p.index,
                "type": p.type,
                "source": _span(adoc, "source", p),
                "target": _span(adoc, "target", p),
                "confidence": p.confidence,
                "low_confidence": p.low_confidence,
                "furniture": p.furniture,
                "scores": dict(p.scores),
            })
    return rows


def _by_cat(findings: list[Finding]) -> tuple[dict, dict]:
    by_cat: dict[str, dict[str, int]] = {}
    by_sev = {s: 0 for s in SEVERITIES}
    for f in findings:
        c = by_cat.setdefault(f.category, {s: 0 for s in SEVERITIES})
        c[f.severity] += 1
        by_sev[f.severity] += 1
    return by_cat, by_sev


def summary_dict(adocs: list[AlignedDocument], findings: list[Finding], *,
                 input_path: str = "sample", backends: list[dict] | None = None) -> dict[str, Any]:
    docs = []
    for adoc in adocs:
        d = adoc.doc
        fs = [f for f in findings if f.doc == d.id]
        by_cat, by_sev = _by_cat(fs)
        values = [p.confidence for p in adoc.pairs if p.src and p.tgt]
        docs.append({
            "id": d.id,
            "source_lang": d.source_lang if d.has_source else None,
            "target_lang": d.target_lang,
            "source_name": d.source_name,
            "target_name": d.target_name,
            "segments": {"source": len(adoc.source_segments), "target": len(adoc.target_segments)},
            "pairs": len(adoc.pairs),
            "similarity": {"backend": "lexical", "mean": (sum(values) / len(values)) if values else None,
                           "values": values},
            "findings": {"total": len(fs), "by_category": by_cat, "by_severity": by_sev},
        })
    by_cat, by_sev = _by_cat(findings)
    return {
        "tool": "mtaudit",
        "version": "sample",
        "signature": "",
        "input": input_path,
        "backends": backends if backends is not None else [
            {"name": "lexical", "ran": True, "reason": None},
        ],
        "documents": docs,
        "totals": {"documents": len(adocs), "pairs": sum(len(a.pairs) for a in adocs),
                   "findings": len(findings), "by_category": by_cat, "by_severity": by_sev},
    }


def write_run(out_dir: Path | str, adocs: list[AlignedDocument], findings: list[Finding], *,
              input_path: str = "sample", backends: list[dict] | None = None,
              claims: list[dict] | None = None) -> Path:
    """Write the run files of ``adocs`` and ``findings`` into ``out_dir``."""
    d = Path(out_dir)
    d.mkdir(parents=True, exist_ok=True)
    findings = sorted(findings, key=Finding.sort_key)
    (d / "summary.json").write_text(
        json.dumps(summary_dict(adocs, findings, input_path=input_path, backends=backends),
                   ensure_ascii=False, indent=2), encoding="utf-8")
    with (d / "alignment.jsonl").open("w", encoding="utf-8") as fh:
        for row in alignment_rows(adocs):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (d / "findings.jsonl").open("w", encoding="utf-8") as fh:
        for f in findings:
            fh.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
    if claims is not None:
        with (d / "claims.jsonl").open("w", encoding="utf-8") as fh:
            for row in claims:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return d


_SENT_END = None


def naive_segments(text: str):
    """Sentences by a simple rule (line breaks, then ``. `` before a capital):
    enough to preview a report, not the project's segmenter."""
    import re

    from ..model import Segment

    global _SENT_END
    if _SENT_END is None:
        _SENT_END = re.compile(r"(?<=[.!?…])\s+(?=[\"„“«A-ZÄÖÜÉÈÀ])")
    segs = []
    para = 0
    for m in re.finditer(r"[^\n]+", text):
        line_start = m.start()
        line = m.group()
        pos = 0
        for cut in list(_SENT_END.finditer(line)) + [None]:
            end = cut.start() if cut else len(line)
            piece = line[pos:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                s = line_start + pos + lead
                segs.append(Segment(len(segs), s, s + len(piece), piece, para))
            pos = cut.end() if cut else len(line)
        para += 1
    return segs


def naive_adocs(input_path: str | Path) -> list[AlignedDocument]:
    """Load a corpus and pair its sentences by position (a preview only)."""
    from ..load import load
    from ..model import AlignedPair

    out = []
    for doc in load(input_path):
        tsegs = naive_segments(doc.target)
        ssegs = naive_segments(doc.source) if doc.source is not None else []
        n = max(len(ssegs), len(tsegs)) if doc.has_source else len(tsegs)
        pairs = [AlignedPair(i, (i,) if i < len(ssegs) else (), (i,) if i < len(tsegs) else (),
                             confidence=0.5) for i in range(n)]
        out.append(AlignedDocument(doc, ssegs, tsegs, pairs))
    return out
