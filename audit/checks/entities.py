"""Names: every name of the source must reappear in the target.

Persons, organisations, places, products, acronyms and tickers of each source
pair are looked up in the aligned target pair and its neighbours, allowing
exonyms, declension and spacing (see :mod:`audit.sense.names`).  A name that
is not there is *missing* (or *changed* when the target pair names something
else instead); one that is only nearly there is *misspelled*; a name of the
target with no counterpart in the source is reported as minor.  Names inside
a clause the target drops are left to the omissions check.
"""
from __future__ import annotations

from rapidfuzz.distance import OSA

from ..model import AlignedDocument, Finding, Span
from ..sense.clauses import in_regions, omitted_regions, side_ranges
from ..sense.names import Name, find_names, fuzzy_locate, locate
from ..textutil import shorten
from .base import Check, content_pairs

LANG_NAMES = {"en": "English", "de": "German", "fr": "French"}


def _found(name: Name, text: str, lang: str, ranges, src_lang: str) -> bool:
    if locate(name.text, text, lang, ranges, src_lang) is not None:
        return True
    return all(locate(p[2], text, lang, ranges, src_lang) is not None for p in name.parts)


class EntityCheck(Check):
    name = "entities"
    needs_source = True

    def run(self, adoc: AlignedDocument):
        doc = adoc.doc
        if doc.source is None or not doc.source_lang:
            return []
        src, tgt = doc.source, doc.target
        sl, tl = doc.source_lang, doc.target_lang
        out: list[Finding] = []
        for k, pair, sspan, tspan in content_pairs(adoc):
            win_t = side_ranges(adoc, k, "target", 1)
            win_s = side_ranges(adoc, k, "source", 1)
            regions = omitted_regions(adoc, pair)
            src_names = [n for seg in adoc.segment_texts("source", pair) for n in find_names(src, sl, seg.start, seg.end, doc_text=src)]
            tgt_names = [n for seg in adoc.segment_texts("target", pair) for n in find_names(tgt, tl, seg.start, seg.end, doc_text=tgt)]
            # target names that the source window does not have (candidates for "changed")
            tgt_only = [n for n in tgt_names if not _found(n, src, sl, win_s, tl)]
            used: set[int] = set()
            seen: set[str] = set()
            for n in src_names:
                key = n.text.lower()
                if key in seen:
                    continue
                seen.add(key)
                if _found(n, tgt, tl, win_t, sl):
                    continue
                hit = fuzzy_locate(n.text, tgt, win_t)
                if hit is None and len(n.parts) > 1:
                    for p in n.parts:
                        if locate(p[2], tgt, tl, win_t, sl) is None:
                            hit = fuzzy_locate(p[2], tgt, win_t)
                            break
                if hit is not None:
                    # one slip (a letter wrong, missing, added, or two swapped: Simens, Marcon) is
                    # minor, the name is still recognisable; more than that is major
                    dist = OSA.distance(n.text.lower(), hit.text.lower())
                    sev = "major" if dist >= 2 else "minor"
                    if pair.low_confidence:
                        sev = "minor"
                    out.append(
                        Finding(
                            doc.id, self.name, "entity", sev,
                            f"Name misspelled: the source says '{n.text}', the target says '{hit.text}' "
                            f"({'one slip' if dist < 2 else f'{dist} edits'}).",
                            Span(n.start, n.end, n.text), Span.of(tgt, hit.start, hit.end),
                            {"kind": "misspelled", "score": round(hit.score, 1), "edits": dist},
                        )
                    )
                    used.update(i for i, t in enumerate(tgt_only) if t.start <= hit.start < t.end or hit.start <= t.start < hit.end)
                    continue
                repl = next((i for i, t in enumerate(tgt_only) if i not in used and t.kind == n.kind), None)
                if repl is None:
                    repl = next((i for i, t in enumerate(tgt_only) if i not in used and t.kind != "ticker" and n.kind != "ticker"), None)
                if repl is not None:
                    t = tgt_only[repl]
                    used.add(repl)
                    sev = "minor" if pair.low_confidence else "major"
                    out.append(
                        Finding(
                            doc.id, self.name, "entity", sev,
                            f"Name changed: the source says '{n.text}', the target says '{t.text}' instead.",
                            Span(n.start, n.end, n.text), Span(t.start, t.end, t.text),
                            {"kind": "changed"},
                        )
                    )
                    continue
                if in_regions(regions, n.start, n.end):
                    continue  # dropped with its clause: the omissions check says so
                strong = n.strong and (sl != "de" or n.kind != "name" or any(c.isupper() for c in n.text[1:]))
                sev = "major" if strong and not pair.low_confidence else "minor"
                tl_name = LANG_NAMES.get(tl, tl)
                out.append(
                    Finding(
                        doc.id, self.name, "entity", sev,
                        f"Name missing: the source names '{n.text}', the {tl_name} target does not "
                        f"mention it here: '{_short(tspan.text)}'.",
                        Span(n.start, n.end, n.text), tspan,
                        {"kind": "missing"},
                    )
                )
            # names present in the target only (strong evidence only)
            taken = [tgt_only[i] for i in used]
            for seg in adoc.segment_texts("target", pair):
                for t in find_names(tgt, tl, seg.start, seg.end, doc_text=tgt, strict=True):
                    if len(t.text.replace(".", "")) <= 2 or any(t.start < u.end and u.start < t.end for u in taken):
                        continue
                    if _found(t, src, sl, win_s, tl) or fuzzy_locate(t.text, src, win_s) is not None:
                        continue
                    out.append(
                        Finding(
                            doc.id, self.name, "entity", "minor",
                            f"Name in the target only: the target names '{t.text}', the source does not "
                            f"mention it here: '{_short(sspan.text)}'.",
                            sspan, Span(t.start, t.end, t.text),
                            {"kind": "target-only"},
                        )
                    )
        return out


def _short(text: str, n: int = 90) -> str:
    return shorten(text, n)
