"""Negation present on one side of an aligned pair only.

Negation cues come from ``audit/data/<lang>/negation.yaml`` (not/n't/no/
never/without; nicht/kein*/nie/ohne; ne ... pas/jamais/aucun/sans), minus
the stretches that do not negate ("not only ... but also", "nicht nur",
"n'est pas seulement", "ne ... que").  When one side of a pair has a cue and
the other none, the claim's polarity has flipped: ``major``.  Cues inside a
clause the target drops are left to the omissions check.
"""
from __future__ import annotations

from ..model import AlignedDocument, Finding, Span
from ..sense.clauses import in_regions, omitted_regions
from ..sense.cues import find_cues
from ..textutil import shorten as _short
from .base import Check, content_pairs




class NegationCheck(Check):
    name = "negation"
    needs_source = True

    def run(self, adoc: AlignedDocument):
        doc = adoc.doc
        if doc.source is None or not doc.source_lang:
            return []
        sl, tl = doc.source_lang, doc.target_lang
        out: list[Finding] = []
        for _, pair, sspan, tspan in content_pairs(adoc):
            regions = omitted_regions(adoc, pair)
            src_all = find_cues(doc.source, sl, "negation", sspan.start, sspan.end)
            src_cues = [c for c in src_all if not in_regions(regions, c.start, c.end)]
            tgt_cues = find_cues(doc.target, tl, "negation", tspan.start, tspan.end)
            sev = "minor" if pair.low_confidence else "major"
            if src_cues and not tgt_cues:
                c = src_cues[0]
                cues = ", ".join(f"'{x.text}'" for x in src_cues)
                out.append(
                    Finding(
                        doc.id, self.name, "negation", sev,
                        f"Negation lost: the source negates ({cues}): '{_short(sspan.text)}'; "
                        f"the target has no negation: '{_short(tspan.text)}'.",
                        Span(c.start, c.end, c.text), tspan,
                        {"source_cues": [x.text for x in src_cues], "direction": "lost"},
                    )
                )
            elif tgt_cues and not src_all:
                t = tgt_cues[0]
                cues = ", ".join(f"'{x.text}'" for x in tgt_cues)
                out.append(
                    Finding(
                        doc.id, self.name, "negation", sev,
                        f"Negation added: the target negates ({cues}): '{_short(tspan.text)}'; "
                        f"the source has no negation: '{_short(sspan.text)}'.",
                        sspan, Span(t.start, t.end, t.text),
                        {"target_cues": [x.text for x in tgt_cues], "direction": "added"},
                    )
                )
        return out
