"""The one shape every check has: aligned pairs in, findings out."""
from __future__ import annotations

from typing import ClassVar, Iterable, Iterator

from ..model import AlignedDocument, AlignedPair, Finding, Span


class Check:
    """Base class of every per-document check.

    Subclasses set ``name`` (used in ``findings.jsonl`` as ``check``) and
    ``needs_source`` (False for checks that also run on target-only
    documents), and implement :meth:`run`.
    """

    name: ClassVar[str] = "check"
    needs_source: ClassVar[bool] = True

    def run(self, adoc: AlignedDocument) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError

    def applies_to(self, adoc: AlignedDocument) -> bool:
        return adoc.doc.has_source or not self.needs_source


class TargetOnlyCheck(Check):
    """A check of the target text alone, for documents without a source
    (with a source, a comparing check reports the same problems better)."""

    needs_source: ClassVar[bool] = False

    def applies_to(self, adoc: AlignedDocument) -> bool:
        return not adoc.doc.has_source


def target_text_segments(adoc: AlignedDocument) -> Iterator:
    """The target's segments, page furniture left out."""
    furniture = {i for p in adoc.pairs if p.furniture for i in p.tgt}
    return (seg for seg in adoc.target_segments if seg.index not in furniture)


def content_pairs(adoc: AlignedDocument) -> Iterator[tuple[int, AlignedPair, Span, Span]]:
    """Two-sided pairs that are not page furniture: ``(k, pair, source span, target span)``."""
    from ..sense.cues import is_furniture

    doc = adoc.doc
    for k, pair in enumerate(adoc.pairs):
        if not pair.src or not pair.tgt or pair.furniture:
            continue
        sspan = adoc.span("source", pair)
        tspan = adoc.span("target", pair)
        assert sspan is not None and tspan is not None
        if is_furniture(sspan.text, doc.source_lang or "en") or is_furniture(tspan.text, doc.target_lang):
            continue
        yield k, pair, sspan, tspan
