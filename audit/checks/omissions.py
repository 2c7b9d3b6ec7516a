"""Omissions and additions.

- A source sentence aligned to nothing (a 1-0 pair) is an omission; target
  text with no source (0-1) is an addition.  Page furniture (share prompts,
  comment widgets, credits: :func:`audit.sense.cues.is_furniture`) is at
  most ``minor``.
- Inside an aligned pair, a clause whose names and figures do not reach the
  target is an omission (:func:`audit.sense.clauses.omitted_regions`).  The
  worst kind drops the subject of a sentence while its predicate survives, so
  that the claim attaches to someone else; a target clause that starts with
  a finite verb and no subject ("... zu machen Ist derzeit der größte
  KI-Markt") is the tell-tale sign.
"""
from __future__ import annotations

import re

from ..model import AlignedDocument, Finding, Span
from ..sense.clauses import coordinate_subject_drops, omitted_regions, subjectless_clauses
from ..sense.cues import is_furniture, words
from ..sense.names import find_names
from ..textutil import shorten as _short
from .base import Check
from .numbers import pair_discrepancies

_DIGIT = re.compile(r"\d")




def _weight(text: str, lang: str, start: int, end: int) -> tuple[int, int, bool]:
    """(words, names, has a figure) of ``text[start:end]``."""
    n_words = len(words(text, start, end))
    n_names = len(find_names(text, lang, start, end, doc_text=text, strict=True))
    return n_words, n_names, bool(_DIGIT.search(text, start, end))


def _changed_figures(adoc: AlignedDocument, pair) -> list[tuple[int, int]]:
    """Source stretches of the figures of ``pair`` that the target writes with
    another value (or magnitude, currency, role) at their place: the
    discrepancies of the numbers check that name a figure on both sides."""
    k = pair.index
    if not (0 <= k < len(adoc.pairs) and adoc.pairs[k] is pair):
        k = next(i for i, p in enumerate(adoc.pairs) if p is pair)
    return [(q.start, q.end) for d in pair_discrepancies(adoc, k)
            if d.source and d.target and d.kind not in ("qualifier", "format", "currency-lost", "detached")
            for q in d.source]


class OmissionCheck(Check):
    name = "omissions"
    needs_source = True

    def run(self, adoc: AlignedDocument):
        doc = adoc.doc
        if doc.source is None or not doc.source_lang:
            return []
        out: list[Finding] = []
        sl, tl = doc.source_lang, doc.target_lang
        self._orphans_used: set[tuple[int, int]] = set()
        for k, pair in enumerate(adoc.pairs):
            if pair.src and not pair.tgt and not pair.furniture:
                orphan = self._neighbour_orphan(adoc, k)
                if orphan is not None:
                    self._orphans_used.add((orphan.start, orphan.end))
        for k, pair in enumerate(adoc.pairs):
            sspan = adoc.span("source", pair)
            tspan = adoc.span("target", pair)
            if sspan is not None and tspan is None:
                found = self._unaligned(doc, pair, sspan, sl, "source")
                orphan = self._neighbour_orphan(adoc, k)
                if orphan is not None and found and found[0].severity == "major":
                    f = found[0]
                    f.target = orphan
                    f.message = (
                        f"Omission of a subject: the source says '{_short(sspan.text)}'; the target "
                        f"drops it, so what follows ('{_short(orphan.text, 60)}') is said of something else."
                    )
                    f.details["subject"] = True
                    self._orphans_used.add((orphan.start, orphan.end))
                out.extend(found)
            elif tspan is not None and sspan is None:
                out.extend(self._unaligned(doc, pair, tspan, tl, "target"))
            elif sspan is not None and tspan is not None and not pair.furniture:
                out.extend(self._inside(adoc, pair, sspan, tspan))
        return out

    def _neighbour_orphan(self, adoc: AlignedDocument, k: int) -> Span | None:
        """A subjectless target clause in the pair before or after ``k``."""
        tl = adoc.doc.target_lang
        for j in (k - 1, k + 1):
            if 0 <= j < len(adoc.pairs) and adoc.pairs[j].tgt and adoc.pairs[j].src:
                ts = adoc.span("target", adoc.pairs[j])
                found = subjectless_clauses(adoc.doc.target, tl, ts.start, ts.end)
                if found:
                    return found[0]
        return None

    def _unaligned(self, doc, pair, span: Span, lang: str, side: str) -> list[Finding]:
        text = doc.source if side == "source" else doc.target
        furniture = pair.furniture or is_furniture(span.text, lang)
        n_words, n_names, figure = _weight(text, lang, span.start, span.end)
        if furniture:
            sev = "minor"
        elif pair.low_confidence:
            sev = "minor"
        elif figure or n_names or n_words >= 8:
            sev = "major"
        else:
            sev = "minor"
        what = "page furniture " if furniture else ""
        if side == "source":
            msg = (
                f"Omission: the source says '{_short(span.text)}'; the target has nothing for this "
                f"{what}sentence."
            )
            cat, src, tgt = "omission", span, None
        else:
            msg = (
                f"Addition: the target says '{_short(span.text)}'; the source has nothing for this "
                f"{what}text."
            )
            cat, src, tgt = "addition", None, span
        return [
            Finding(doc.id, self.name, cat, sev, msg, src, tgt,
                    {"pair": pair.index, "furniture": furniture, "type": pair.type})
        ]

    def _inside(self, adoc: AlignedDocument, pair, sspan: Span, tspan: Span) -> list[Finding]:
        doc = adoc.doc
        tl = doc.target_lang
        out: list[Finding] = []
        if is_furniture(sspan.text, doc.source_lang) and is_furniture(tspan.text, tl):
            return out
        orphans = subjectless_clauses(doc.target, tl, tspan.start, tspan.end)
        regions = omitted_regions(adoc, pair)
        changed: list[tuple[int, int]] | None = None
        for r in regions:
            if not r.reported:
                continue
            missing = r.missing
            if any(a.kind == "number" for a in missing):
                # a figure the target changed rather than dropped ("founded in
                # 2014" against "2015 gegründete"): the numbers check reports it,
                # and the clause is still there
                if changed is None:
                    changed = _changed_figures(adoc, pair)
                missing = [a for a in missing
                           if not (a.kind == "number" and any(s <= a.start and a.end <= e for s, e in changed))]
                if not missing:
                    continue
            rs = r.span(doc.source)
            n_words = len(words(doc.source, r.start, r.end))
            names = [a.text for a in missing if a.kind == "name"]
            figures = [a.text for a in missing if a.kind == "number"]
            if r.subject or len(missing) >= 2 or (names and n_words >= 6):
                sev = "major"
            else:
                sev = "minor"
            if pair.low_confidence:
                sev = "minor"
            lost = ", ".join(names + figures)
            tgt = tspan
            if r.subject:
                tgt = r.orphan or tspan
                msg = (
                    f"Omission of a subject: the source says '{_short(rs.text)}' ({lost} missing); "
                    f"the target drops it, so what follows ('{_short(tgt.text, 60)}') is said of "
                    f"something else."
                )
            else:
                msg = (
                    f"Omission: the source says '{_short(rs.text)}'; the target leaves it out "
                    f"({lost} missing): '{_short(tspan.text, 70)}'."
                )
            out.append(
                Finding(doc.id, self.name, "omission", sev, msg, rs, tgt,
                        {"pair": pair.index, "missing": names + figures, "subject": r.subject})
            )
        if not orphans and not any(r.reported for r in regions):
            for o in coordinate_subject_drops(doc.source, doc.source_lang, sspan.start, sspan.end,
                                              doc.target, tl, tspan.start, tspan.end)[:1]:
                out.append(
                    Finding(
                        doc.id, self.name, "omission", "minor",
                        f"Possible omission of a subject: the source gives the coordinated clause a subject "
                        f"of its own ('{_short(sspan.text)}'); the target clause '{_short(o.text, 60)}' has "
                        f"none, so it is said of the subject before it.",
                        sspan, o, {"pair": pair.index, "subjectless": True, "coordinate": True},
                    )
                )
        if orphans and not any(r.subject and r.reported for r in regions) and (orphans[0].start, orphans[0].end) not in getattr(self, "_orphans_used", set()):
            o = orphans[0]
            out.append(
                Finding(
                    doc.id, self.name, "omission", "minor",
                    f"Possible omission: the target clause '{_short(o.text, 60)}' has no subject; "
                    f"the source says '{_short(sspan.text)}'.",
                    sspan, o, {"pair": pair.index, "subjectless": True},
                )
            )
        return out
