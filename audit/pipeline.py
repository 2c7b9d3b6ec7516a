"""The audit, stage by stage: load -> segment -> align -> check -> score -> claims.

Each stage is a function of the previous stage's output; :func:`run_audit`
strings them together and :mod:`audit.outputs` writes the result.
"""
from __future__ import annotations

import sys
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .align import align
from .checks import all_checks, by_name
from .checks.base import Check
from .claims import Ledger, build_ledger
from .errors import AuditError
from .load import load
from .model import CATEGORIES, SEVERITIES, AlignedDocument, Document, Finding, Segment
from .score import BackendUnavailable, ScoringOptions, ScoringReport, get_embedder, score
from .segment import presegmented, segment
from .sense.cues import is_furniture


@dataclass
class AuditOptions:
    presegmented: bool = False  # one sentence per line in the input texts
    checks: list[str] | None = None  # check names; None = all registered
    scoring: ScoringOptions = field(default_factory=ScoringOptions)
    claims: bool = True  # build the cross-document claim ledger
    progress: bool | None = None  # None: a bar on stderr when it is a terminal


@dataclass
class AuditResult:
    input: str
    adocs: list[AlignedDocument]
    findings: list[Finding]
    scoring: ScoringReport
    ledger: Ledger
    summary: dict[str, Any]


# -- segment ---------------------------------------------------------------

def _whole(text: str) -> list[Segment]:
    """The whole text as one segment (pre-aligned pairs)."""
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Segment(0, start, end, text[start:end], 0)] if end > start else []


def segment_side(doc: Document, side: str, presegmented_input: bool) -> list[Segment]:
    text = doc.text(side)
    if text is None:
        return []
    if doc.meta.get("prealigned"):
        return _whole(text)
    if presegmented_input:
        return presegmented(text)
    lang = doc.lang(side)
    assert lang is not None
    return segment(text, lang)


# -- align -----------------------------------------------------------------

def align_document(doc: Document, src: list[Segment], tgt: list[Segment], embedder=None) -> AlignedDocument:
    from .model import AlignedPair

    if doc.meta.get("prealigned") and src and tgt:
        pairs = [AlignedPair(0, tuple(range(len(src))), tuple(range(len(tgt))))]
    else:
        src_emb = tgt_emb = None
        if embedder is not None and src and tgt:
            try:
                src_emb = embedder.encode([s.text for s in src])
                tgt_emb = embedder.encode([s.text for s in tgt])
            except BackendUnavailable:  # model failed to load: align without; score() says why
                src_emb = tgt_emb = None
        pairs = align(
            [s.text for s in src],
            [s.text for s in tgt],
            doc.source_lang or doc.target_lang,
            doc.target_lang,
            src_emb=src_emb,
            tgt_emb=tgt_emb,
            src_paragraphs=[s.paragraph for s in src],
            tgt_paragraphs=[s.paragraph for s in tgt],
        )
    adoc = AlignedDocument(doc, src, tgt, pairs)
    _mark_furniture(adoc)
    return adoc


def _mark_furniture(adoc: AlignedDocument) -> None:
    """A pair is page furniture when every sentence in it is (share prompts, credits ...)."""
    for pair in adoc.pairs:
        texts = [(s.text, adoc.doc.source_lang) for s in adoc.segment_texts("source", pair)]
        texts += [(s.text, adoc.doc.target_lang) for s in adoc.segment_texts("target", pair)]
        pair.furniture = bool(texts) and all(is_furniture(t, lang or "en") for t, lang in texts)


# -- check -----------------------------------------------------------------

def run_checks(adoc: AlignedDocument, checks: Iterable[Check]) -> list[Finding]:
    found: list[Finding] = []
    for check in checks:
        if check.applies_to(adoc):
            found.extend(check.run(adoc))
    return found


# -- summary ---------------------------------------------------------------

def _counts(findings: list[Finding]) -> dict[str, Any]:
    cat = {c: {s: 0 for s in SEVERITIES} for c in CATEGORIES}
    sev: Counter = Counter()
    for f in findings:
        cat[f.category][f.severity] += 1
        sev[f.severity] += 1
    return {
        "total": len(findings),
        "by_category": {c: v for c, v in cat.items() if any(v.values())},
        "by_severity": {s: sev[s] for s in SEVERITIES},
    }


def signature(options: AuditOptions, checks: list[Check], scoring: ScoringReport) -> str:
    """A short string that names everything that shaped the results."""
    ran = "+".join(b["name"] for b in scoring.backends if b.get("ran")) or "none"
    seg = "lines" if options.presegmented else "rules"
    return (
        f"mtaudit:{__version__}|seg:{seg}|align:dp-anchors"
        f"|checks:{'+'.join(c.name for c in checks)}|scores:{ran}"
        f"|claims:{'ledger' if options.claims else 'off'}"
    )


def build_summary(input_path: str, adocs: list[AlignedDocument], findings: list[Finding],
                  scoring: ScoringReport, sig: str) -> dict[str, Any]:
    by_doc: dict[str, list[Finding]] = {a.doc.id: [] for a in adocs}
    for f in findings:
        by_doc.setdefault(f.doc, []).append(f)
    documents = []
    for a in adocs:
        d = a.doc
        entry: dict[str, Any] = {
            "id": d.id,
            "source_lang": d.source_lang,
            "target_lang": d.target_lang,
            "source_name": d.source_name,
            "target_name": d.target_name,
            "segments": {"source": len(a.source_segments), "target": len(a.target_segments)},
            "pairs": len(a.pairs),
            "low_confidence_pairs": sum(p.low_confidence for p in a.pairs),
            "furniture_pairs": sum(p.furniture for p in a.pairs),
        }
        if d.meta:
            entry["meta"] = dict(sorted(d.meta.items()))
        sim = scoring.documents.get(d.id)
        if sim:
            entry["similarity"] = sim
        entry["findings"] = _counts(by_doc.get(d.id, []))
        documents.append(entry)
    totals = _counts(findings)
    totals["documents"] = len(adocs)
    totals["pairs"] = sum(len(a.pairs) for a in adocs)
    return {
        "tool": "mtaudit",
        "version": __version__,
        "signature": sig,
        "input": input_path,
        "backends": scoring.backends,
        "scoring_signature": scoring.signature,
        "documents": documents,
        "totals": totals,
    }


# -- the whole run -----------------------------------------------------------

def _progress(enabled: bool | None, total: int):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    )


def audit_documents(docs: list[Document], input_path: str, options: AuditOptions | None = None) -> AuditResult:
    options = options or AuditOptions()
    try:
        checks = by_name(options.checks)
    except KeyError as exc:
        names = ", ".join(c.name for c in all_checks())
        raise AuditError(
            f"unknown check(s): {exc.args[0]} (known: {names}; claims and similarity "
            "findings are set by --no-claims and --backend)") from None
    embedder = get_embedder(options.scoring)
    adocs: list[AlignedDocument] = []
    findings: list[Finding] = []
    with _progress(options.progress, len(docs)) as bar:
        task = bar.add_task("auditing", total=len(docs)) if bar else None
        for doc in docs:
            src = segment_side(doc, "source", options.presegmented)
            tgt = segment_side(doc, "target", options.presegmented)
            adoc = align_document(doc, src, tgt, embedder)
            adocs.append(adoc)
            findings.extend(run_checks(adoc, checks))
            if bar:
                bar.update(task, advance=1, description=f"auditing {doc.id}")
    scoring = score(adocs, options.scoring)
    findings.extend(scoring.findings)
    ledger = build_ledger(adocs) if options.claims else Ledger()
    findings.extend(ledger.findings)
    findings.sort(key=Finding.sort_key)
    sig = signature(options, checks, scoring)
    summary = build_summary(input_path, adocs, findings, scoring, sig)
    return AuditResult(input_path, adocs, findings, scoring, ledger, summary)


def run_audit(input_path: str | Path, options: AuditOptions | None = None) -> AuditResult:
    """Load ``input_path`` (corpus folder, pairs.csv, JSONL or TSV) and audit it."""
    docs = load(input_path)
    return audit_documents(docs, str(input_path), options)


