"""Lexicon check: false friends and literal (word-for-word) idiom renderings.

The knowledge is data: ``audit/data/pairs/<src>-<tgt>/false_friends.yaml``
and ``.../idioms.yaml``.  Each entry names a source expression (``source``
patterns), the target renderings that betray it (``target`` patterns), what
each means, and a severity.  An entry fires only when an aligned pair's source
contains the trigger *and* its target contains the betraying rendering, so
the finding always points at both spans.  Patterns are matched by
:mod:`audit.sense.matcher` (inflection, case, compounds, word order and
German separable verbs are tolerated).

Entry keys (YAML)::

    id:            short name
    source:        pattern or list of patterns (source language)
    target:        pattern or list of patterns (target language)
    means:         what the source expression means ("mentioned, cited")
    target_means:  what the betraying rendering means ("dropped, abandoned")
    severity:      major | minor   (default: the file's ``severity``)
    kind:          false friend | calque | literal idiom (default: the file's)
    unless_source: patterns that, found in the source, explain the rendering
                   (source "possibly" explains target "eventuell") or show
                   another sense ("société civile"); a match lying inside
                   the trigger itself ("drop" in "name dropped") is ignored
    unless_target: patterns that, found in the target (even around the
                   rendering, e.g. "Stock Exchange"), show it is legitimate
    context:       patterns of which one must occur in the source sentence
                   (finance sense of an ambiguous word)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from ..lang import pair_data
from ..model import AlignedDocument, Finding, Span
from ..sense.matcher import Match, Pattern, Token, compile_pattern, tokenize
from .base import Check

LEXICON_FILES = ("false_friends", "idioms")


def _as_list(v: Any) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


@dataclass
class Entry:
    id: str
    kind: str
    severity: str
    means: str
    target_means: str
    source: list[Pattern]
    target: list[Pattern]
    unless_source: list[Pattern] = field(default_factory=list)
    unless_target: list[Pattern] = field(default_factory=list)
    context: list[Pattern] = field(default_factory=list)
    origin: str = ""

    def anchors(self) -> frozenset[str] | None:
        acc: set[str] = set()
        for p in self.source:
            a = p.anchors()
            if a is None:
                return None
            acc |= a
        return frozenset(acc)


@dataclass
class Hit:
    """One lexicon hit in a sentence pair (offsets into the texts given)."""

    entry: Entry
    source: Match
    target: Match


class Lexicon:
    """All entries of one language pair, indexed by their source anchors."""

    def __init__(self, src: str, tgt: str, files: Iterable[str] = LEXICON_FILES):
        self.src, self.tgt = src, tgt
        self.entries: list[Entry] = []
        for name in files:
            data = pair_data(src, tgt, name) or {}
            kind = data.get("kind", "false friend")
            sev = data.get("severity", "major")
            for i, e in enumerate(data.get("entries", []) or []):
                self.entries.append(self._entry(e, kind, sev, f"{name}:{i}"))
        self.index: dict[str, list[int]] = {}
        self.always: list[int] = []
        for k, e in enumerate(self.entries):
            an = e.anchors()
            if an is None:
                self.always.append(k)
            else:
                for f in an:
                    self.index.setdefault(f, []).append(k)

    def _entry(self, e: dict, kind: str, sev: str, origin: str) -> Entry:
        s, t = self.src, self.tgt
        return Entry(
            id=str(e.get("id") or origin),
            kind=str(e.get("kind", kind)),
            severity=str(e.get("severity", sev)),
            means=str(e.get("means", "")),
            target_means=str(e.get("target_means", "")),
            source=[compile_pattern(p, s) for p in _as_list(e.get("source"))],
            target=[compile_pattern(p, t) for p in _as_list(e.get("target"))],
            unless_source=[compile_pattern(p, s) for p in _as_list(e.get("unless_source"))],
            unless_target=[compile_pattern(p, t) for p in _as_list(e.get("unless_target"))],
            context=[compile_pattern(p, s) for p in _as_list(e.get("context"))],
            origin=origin,
        )

    def candidates(self, norms: set[str]) -> list[Entry]:
        ks = set(self.always)
        for n in norms:
            ks.update(self.index.get(n, ()))
        return [self.entries[k] for k in sorted(ks)]

    def match(
        self,
        src_sents: list[tuple[str, int]],
        tgt_sents: list[tuple[str, int]],
    ) -> list[Hit]:
        """Hits for one aligned pair: sentences as ``(text, absolute offset)``."""
        src_tok = [(tokenize(t, o), t, o) for t, o in src_sents]
        tgt_tok = [(tokenize(t, o), t, o) for t, o in tgt_sents]
        norms = {tok.norm for toks, _, _ in src_tok for tok in toks}
        hits: list[Hit] = []
        for e in self.candidates(norms):
            s_matches = _find(e.source, src_tok)
            if not s_matches:
                continue
            if e.context and not _find(e.context, src_tok):
                continue
            if _find(e.unless_source, src_tok, exclude=s_matches):
                continue
            t_matches = _find(e.target, tgt_tok)
            if not t_matches:
                continue
            if _find(e.unless_target, tgt_tok):
                continue
            seen: set[tuple[int, int]] = set()
            for k, tm in enumerate(t_matches):
                if (tm.start, tm.end) in seen:
                    continue
                seen.add((tm.start, tm.end))
                hits.append(Hit(e, s_matches[min(k, len(s_matches) - 1)], tm))
        return _dedupe(hits)


def _find(
    pats: list[Pattern],
    sents: list[tuple[list[Token], str, int]],
    exclude: list[Match] | None = None,
) -> list[Match]:
    out: list[Match] = []
    for toks, text, off in sents:
        for p in pats:
            for m in p.find(toks, text, off):
                # an `unless` word inside the trigger itself ("drop" in "name dropped")
                # does not count; one that reaches beyond it ("société civile") does
                if exclude and any(x.start <= m.start and m.end <= x.end for x in exclude):
                    continue
                out.append(m)
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per target stretch: the longest, then the first entry, wins."""
    hits.sort(key=lambda h: (h.target.start, -(h.target.end - h.target.start)))
    out: list[Hit] = []
    for h in hits:
        if any(h.target.start < o.target.end and o.target.start < h.target.end for o in out):
            continue
        out.append(h)
    return out


@lru_cache(maxsize=None)
def lexicon(src: str, tgt: str) -> Lexicon:
    """The (cached) lexicon of a language pair; empty when it has no data."""
    return Lexicon(src, tgt)


def message(hit: Hit, src_text: str, tgt_text: str) -> str:
    """Plain-English message: what the source says, what the target says."""
    e = hit.entry
    s = src_text[hit.source.start : hit.source.end]
    t = tgt_text[hit.target.start : hit.target.end]
    if len(t) > 60:
        t = t[:25].rstrip() + " … " + t[-25:].lstrip()
    src_part = f"The source says '{s}'" + (f" ({e.means})" if e.means else "")
    tgt_part = f"the target renders it as '{t}'" + (f", which means {e.target_means}" if e.target_means else "")
    return f"{src_part}; {tgt_part} ({e.kind})."


def match_texts(src: str, tgt: str, src_lang: str, tgt_lang: str) -> list[Hit]:
    """Lexicon hits between two single sentences (handy for tests and tools)."""
    return lexicon(src_lang, tgt_lang).match([(src, 0)], [(tgt, 0)])


class LexiconCheck(Check):
    name = "lexicon"
    needs_source = True

    def run(self, adoc: AlignedDocument) -> list[Finding]:
        doc = adoc.doc
        if not doc.source_lang or doc.source is None:
            return []
        lex = lexicon(doc.source_lang, doc.target_lang)
        if not lex.entries:
            return []
        out: list[Finding] = []
        for pair in adoc.pairs:
            if not pair.src or not pair.tgt or pair.furniture:
                continue
            src_sents = [(doc.source[s.start : s.end], s.start) for s in adoc.segment_texts("source", pair)]
            tgt_sents = [(doc.target[s.start : s.end], s.start) for s in adoc.segment_texts("target", pair)]
            for hit in lex.match(src_sents, tgt_sents):
                out.append(
                    Finding(
                        doc=doc.id,
                        check=self.name,
                        category="sense",
                        severity=hit.entry.severity,
                        message=message(hit, doc.source, doc.target),
                        source=Span.of(doc.source, hit.source.start, hit.source.end),
                        target=Span.of(doc.target, hit.target.start, hit.target.end),
                        details={"entry": hit.entry.id, "kind": hit.entry.kind, "pair": pair.index},
                    )
                )
        return out
