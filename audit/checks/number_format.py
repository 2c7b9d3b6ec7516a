"""Number forms a reader of the target language will stumble over.

Target-only: runs on documents without a source (with a source, the
numbers check reports the same problems knowing the intended value).
Flags decimals split apart by MT ("7, 2 Prozent"), decimal marks of another
language ("4.5 Mrd." in German), groupings a reader takes for decimals
("from 2.500 to 3.000 staff" in English) and magnitude words that are not
the target language's ("3 billions", "£ 400m" in German).
"""
from __future__ import annotations

from typing import Iterable

from ..model import AlignedDocument, Finding, Span
from ..numbers.extract import extract
from .base import TargetOnlyCheck, target_text_segments

_MAJOR = {"ambiguous-grouping"}  # the reader takes another value


class NumberFormatCheck(TargetOnlyCheck):  # with a source, NumberCheck reports these with its value
    name = "number-format"

    def run(self, adoc: AlignedDocument) -> Iterable[Finding]:
        doc = adoc.doc
        text, lang = doc.target, doc.target_lang
        out: list[Finding] = []
        for seg in target_text_segments(adoc):
            for q in extract(text, lang, seg.start, seg.end):
                issues = q.details.get("issues") or []
                if not issues:
                    continue
                kinds = [k for k, _ in issues]
                sev = "major" if set(kinds) & _MAJOR else "minor"
                msg = (f"The target writes '{q.text}': " + "; ".join(m for _, m in issues)
                       + ("." if sev == "minor" else ", so a reader may take the wrong value."))
                if sev == "minor":
                    msg += " The value can still be made out, but the form is off."
                out.append(Finding(doc.id, self.name, "number", sev, msg, None, Span.of(text, q.start, q.end),
                                   {"kind": "format", "issues": kinds, "target_values": [q.to_dict()]}))
        out.sort(key=Finding.sort_key)
        return out
