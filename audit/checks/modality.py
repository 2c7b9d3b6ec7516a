"""Hedges and modals: a claim the source hedges must stay hedged.

Source hedges (reportedly, likely, expected to, close to, as much as ...;
Berichten zufolge, dürfte, bis zu ...; selon, près de, environ ...) come from
``audit/data/<lang>/hedges.yaml``, each with a class (evidential, modal,
prospective, approximate, estimate).  Every strong source cue is paired with
a target cue of the same or a compatible class; a source cue left without
counterpart means the target *hardens* the claim into a fact: ``major`` when
the hedged stretch carries a claim (a figure, a verb of raising or valuing),
else ``minor``.  A strong target hedge with nothing in the source is
reported as ``minor``.  Cues inside a clause the target drops are left to
the omissions check, and a cue that qualifies a figure ("nearly 400",
"rund 5 Millionen") to the numbers check, which compares qualifiers
figure by figure: one distortion, one finding.
"""
from __future__ import annotations

from ..model import AlignedDocument, Finding, Span
from ..numbers.extract import extract_shared
from ..sense.clauses import in_regions, omitted_regions
from ..sense.cues import COMPATIBLE, Cue, find_cues, has_claim
from ..textutil import shorten as _short
from .base import Check, content_pairs




def qualifier_regions(text: str, lang: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where text[start:end] writes a qualifier of a figure ("nearly" in
    "nearly 400"), as read by the numbers extractor."""
    out = []
    for q in extract_shared(text, lang, start, end):
        at = q.details.get("qualifier_start")
        if q.qualifier and at is not None:
            out.append((at, at + len(q.details.get("qualifier_text") or "")))
    return out


def _overlaps(spans: list[tuple[int, int]], cue: Cue) -> bool:
    return any(a < cue.end and cue.start < b for a, b in spans)


def match_hedges(src: list[Cue], tgt: list[Cue]) -> tuple[list[Cue], list[Cue], list[tuple[Cue, Cue]]]:
    """Pair source and target hedges; return (unmatched strong source cues,
    unmatched strong target cues, pairs)."""
    used_t: set[int] = set()
    used_s: set[int] = set()
    pairs: list[tuple[Cue, Cue]] = []
    strong_src = [i for i, c in enumerate(src) if c.strong]
    # same class (strong, then weak target cues), then compatible classes (strong only)
    for rank in range(3):
        for i in strong_src:
            if i in used_s:
                continue
            c = src[i]
            classes = (c.cls,) if rank < 2 else COMPATIBLE.get(c.cls, (c.cls,))
            want_strong = rank != 1
            for j, t in enumerate(tgt):
                if j in used_t or t.strong != want_strong or t.cls not in classes:
                    continue
                used_t.add(j)
                used_s.add(i)
                pairs.append((c, t))
                break
    lost = [src[i] for i in strong_src if i not in used_s]
    # strong target cues: any leftover source cue (weak too) of a compatible class absorbs them
    extra: list[Cue] = []
    for j, t in enumerate(tgt):
        if j in used_t or not t.strong:
            continue
        hit = next(
            (i for i, c in enumerate(src) if i not in used_s and (c.cls in COMPATIBLE.get(t.cls, (t.cls,)))),
            None,
        )
        if hit is None:
            extra.append(t)
        else:
            used_s.add(hit)
            pairs.append((src[hit], t))
    return lost, extra, pairs


class ModalityCheck(Check):
    name = "modality"
    needs_source = True

    def run(self, adoc: AlignedDocument):
        doc = adoc.doc
        if doc.source is None or not doc.source_lang:
            return []
        sl, tl = doc.source_lang, doc.target_lang
        out: list[Finding] = []
        for _, pair, sspan, tspan in content_pairs(adoc):
            regions = omitted_regions(adoc, pair)
            src_cues = [c for c in find_cues(doc.source, sl, "hedge", sspan.start, sspan.end)
                        if not in_regions(regions, c.start, c.end)]
            tgt_cues = find_cues(doc.target, tl, "hedge", tspan.start, tspan.end)
            lost, extra, _ = match_hedges(src_cues, tgt_cues)
            # all cues take part in the matching ("une vingtaine" ~ "etwa zwanzig"); one left
            # over that qualifies a figure is the numbers check's qualifier finding
            if lost:
                src_quals = qualifier_regions(doc.source, sl, sspan.start, sspan.end)
                lost = [c for c in lost if not _overlaps(src_quals, c)]
            if extra:
                tgt_quals = qualifier_regions(doc.target, tl, tspan.start, tspan.end)
                extra = [t for t in extra if not _overlaps(tgt_quals, t)]
            for c in lost:
                seg_end = next(s.end for s in adoc.segment_texts("source", pair) if s.start <= c.start < s.end)
                claim = has_claim(doc.source, sl, c.start, seg_end)
                sev = "major" if claim else "minor"
                if pair.low_confidence:
                    if sev == "minor":
                        continue
                    sev = "minor"
                out.append(
                    Finding(
                        doc.id, self.name, "modality", sev,
                        f"Hedge dropped: the source qualifies the claim with '{c.text}' ({c.cls}); "
                        f"the target states it as a fact: '{_short(tspan.text)}'.",
                        Span(c.start, c.end, c.text), tspan,
                        {"cue": c.text, "class": c.cls, "claim": claim},
                    )
                )
            # an added hedge is news only where the source states a bare fact
            if pair.low_confidence or any(c.strong for c in src_cues):
                continue
            for t in extra:
                out.append(
                    Finding(
                        doc.id, self.name, "modality", "minor",
                        f"Hedge added: the target qualifies the claim with '{t.text}' ({t.cls}); "
                        f"the source states it as a fact: '{_short(sspan.text)}'.",
                        sspan, Span(t.start, t.end, t.text),
                        {"cue": t.text, "class": t.cls, "direction": "added"},
                    )
                )
        return out
