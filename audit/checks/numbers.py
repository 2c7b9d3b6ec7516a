"""The numbers check: quantities of each aligned pair, source against target.

Every figure of the source (amounts, counts, years, percents, dates,
ordinals, with magnitude, currency and qualifier) must come back in the
target with the same value; see :mod:`audit.numbers.compare` for the kinds
of discrepancy.  A figure missing from a pair is first looked for in the two
pairs either side (the alignment may have moved it).
"""
from __future__ import annotations

from typing import Iterable

from ..model import AlignedDocument, Finding, Span
from ..numbers.compare import QUAL_WORDS, Discrepancy, compare
from ..numbers.extract import extract_shared
from ..numbers.model import Quantity
from .base import Check

NEIGHBOURS = 2  # pairs either side searched for numbers that moved


def _fmt_num(v: float) -> str:
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.6f}".rstrip("0").rstrip(".")


def fmt_value(v: float | None) -> str:
    if v is None:
        return "an unspecified number"
    a = abs(v)
    for power, word in ((12, "trillion"), (9, "billion"), (6, "million")):
        if a >= 10 ** power:
            return f"{_fmt_num(round(v / 10 ** power, 6))} {word}"
    return _fmt_num(v)


def describe(q: Quantity) -> str:
    """Plain-English reading of a quantity: 'more than 3 billion USD'."""
    qual = QUAL_WORDS.get(q.qualifier, "")
    if q.value is None:
        p = q.details.get("power", 0)
        base = {2: "hundreds", 3: "thousands", 6: "millions", 9: "billions", 12: "trillions"}.get(p, "many")
        if q.unit and q.role == "amount":
            base += f" of {q.unit}"
        return f"an unspecified number of {base}" if False else base
    if q.role == "year":
        s = f"the year {int(q.value)}" if q.value == int(q.value) else _fmt_num(q.value)
    elif q.role == "percent":
        s = f"{_fmt_num(q.value)} percent"
    elif q.role == "date":
        months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
        m, d = divmod(int(q.value), 100)
        s = f"{months[m - 1]} {d}" if 1 <= m <= 12 else _fmt_num(q.value)
    elif q.role == "ordinal":
        n = int(q.value)
        suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        s = f"{n}{suf}"
    else:
        s = fmt_value(q.value)
        if q.unit and q.role == "amount":
            s += f" {q.unit}"
        elif q.details.get("suffix"):
            s += f" ({q.details['suffix']}s)"
    return f"{qual} {s}".strip()


def _quote(text: str, qs: list[Quantity], with_qual: bool = False) -> str:
    if not qs:
        return "''"
    a = min(q.start for q in qs)
    if with_qual:
        a = min([a] + [q.details["qualifier_start"] for q in qs if "qualifier_start" in q.details])
    b = max(q.end for q in qs)
    return "'" + " ".join(text[a:b].split()) + "'"


def _both(text: str, qs: list[Quantity]) -> str:
    return " and ".join(f"'{q.text}' ({describe(q)})" for q in qs)


class _Near:
    """The quantities of the pairs ``lo..hi`` but ``k``, gathered when read."""

    __slots__ = ("qs", "lo", "hi", "k")

    def __init__(self, qs: list[list[Quantity]], lo: int, hi: int, k: int) -> None:
        self.qs, self.lo, self.hi, self.k = qs, lo, hi, k

    def __iter__(self):
        qs, k = self.qs, self.k
        return (q for m in range(self.lo, self.hi) if m != k for q in qs[m])


def pair_quantities(adoc: AlignedDocument, side: str, lo: int = 0, hi: int | None = None) -> list:
    """The quantities of each pair ``lo..hi`` on one side (the remembered
    records themselves: read, never changed)."""
    doc = adoc.doc
    if side == "source":
        text, lang, segs = doc.source or "", doc.source_lang or "en", adoc.source_segments
    else:
        text, lang, segs = doc.target, doc.target_lang, adoc.target_segments
    out = []
    for p in adoc.pairs[lo:hi]:
        parts = [extract_shared(text, lang, segs[i].start, segs[i].end) for i in (p.src if side == "source" else p.tgt)]
        out.append(parts[0] if len(parts) == 1 else [q for part in parts for q in part])
    return out


def pair_discrepancies(adoc: AlignedDocument, k: int) -> list[Discrepancy]:
    """What the numbers check compares in pair ``k`` alone (with its neighbours)."""
    doc = adoc.doc
    lo, hi = max(0, k - NEIGHBOURS), min(len(adoc.pairs), k + NEIGHBOURS + 1)
    src, tgt = pair_quantities(adoc, "source", lo, hi), pair_quantities(adoc, "target", lo, hi)
    j = k - lo
    return compare(src[j], tgt[j], _Near(src, 0, hi - lo, j), _Near(tgt, 0, hi - lo, j),
                   doc.target, doc.source, doc.target_lang, doc.source_lang or "en")


class NumberCheck(Check):
    name = "numbers"
    needs_source = True

    def run(self, adoc: AlignedDocument) -> Iterable[Finding]:
        doc = adoc.doc
        if doc.source is None:
            return []
        src_text, tgt_text = doc.source, doc.target
        sl, tl = doc.source_lang or "en", doc.target_lang
        pair_src = pair_quantities(adoc, "source")
        pair_tgt = pair_quantities(adoc, "target")
        findings: list[Finding] = []
        n = len(adoc.pairs)
        for k, p in enumerate(adoc.pairs):
            if p.furniture or (not pair_src[k] and not pair_tgt[k]):
                continue
            lo, hi = max(0, k - NEIGHBOURS), min(n, k + NEIGHBOURS + 1)
            # read by compare only when a figure is left unmatched
            src_near = _Near(pair_src, lo, hi, k)
            tgt_near = _Near(pair_tgt, lo, hi, k)
            for d in compare(pair_src[k], pair_tgt[k], src_near, tgt_near, tgt_text, src_text, tl, sl):
                findings.append(self._finding(adoc, d, tl, p))
        findings.sort(key=Finding.sort_key)
        return findings

    def _finding(self, adoc: AlignedDocument, d: Discrepancy, tgt_lang: str, pair=None) -> Finding:
        doc = adoc.doc
        st, tt = doc.source or "", doc.target
        with_qual = d.kind == "qualifier"
        src_span = _span(st, d.source, with_qual)
        tgt_span = _span(tt, d.target, with_qual)
        if d.kind == "year-amount" and d.target:
            first = min(d.target, key=lambda q: q.start)
            if first.details.get("year_context") and "context_start" in first.details:
                tgt_span = Span.of(tt, first.details["context_start"], tgt_span.end)
        if d.kind == "detached" and "stretch" in d.details:
            a, b = d.details["stretch"]
            tgt_span = Span.of(tt, min(a, tgt_span.start), max(b, tgt_span.end))
        # a figure on one side only: point at the whole aligned stretch opposite
        if tgt_span is None and pair is not None:
            tgt_span = adoc.span("target", pair)
        if src_span is None and pair is not None:
            src_span = adoc.span("source", pair)
        msg = _message(d, st, tt, tgt_lang)
        details = {
            "kind": d.kind,
            "source_values": [q.to_dict() for q in d.source],
            "target_values": [q.to_dict() for q in d.target],
        }
        if d.note:
            details["form"] = d.note
        return Finding(doc.id, self.name, "number", d.severity, msg, src_span, tgt_span, details)


def _span(text: str, qs: list[Quantity], with_qual: bool = False) -> Span | None:
    if not qs:
        return None
    a = min(q.start for q in qs)
    if with_qual:
        a = min([a] + [q.details["qualifier_start"] for q in qs if "qualifier_start" in q.details])
    return Span.of(text, a, max(q.end for q in qs))


_LANG = {"en": "English", "de": "German", "fr": "French"}


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _message(d: Discrepancy, st: str, tt: str, tgt_lang: str) -> str:
    S, T = d.source, d.target
    k = d.kind
    if k == "missing":
        return (f"The source says {_both(st, S)}; the target has no such figure, "
                f"neither here nor in the neighbouring sentences.")
    if k == "added":
        return f"The target says {_both(tt, T)}; the source has no such figure."
    if k == "value":
        return f"The source says {_both(st, S)}; the target says {_both(tt, T)}: a different figure."
    if k == "magnitude":
        s, t = S[0], T[0]
        ratio = (t.value / s.value) if s.value and t.value else None
        how = ""
        if ratio:
            how = f" {fmt_value(ratio)} times larger" if ratio > 1 else f" {fmt_value(1 / ratio)} times smaller"
        hint = ""
        if any(w in q.text.lower() for q in T for w in ("billion", "billionen")) and tgt_lang in ("de", "fr"):
            hint = f" ({_LANG.get(tgt_lang, tgt_lang)} 'Billion' means a million million, not a thousand million)"
        # a range whose magnitude word is wrong: one error, both figures off
        figure = "figures are" if len(T) > 1 else "figure is"
        return (f"The source says {_both(st, S)}; the target says {_both(tt, T)}: the target's {figure}"
                f"{how or ' off by a factor of a thousand or more'}{hint}.")
    if k == "currency":
        return (f"The source says {_both(st, S)}; the target says {_both(tt, T)}: the currency changed "
                f"from {S[0].unit} to {T[0].unit}.")
    if k == "currency-lost":
        return (f"The source says {_both(st, S)}; the target says '{T[0].text}' ({describe(T[0])}) "
                f"without the currency.")
    if k == "year-amount":
        years = [q for q in S if q.role == "year"]
        amounts = [q for q in S if q.role == "amount"]
        tail = ""
        if years and any(q.role == "amount" for q in T):
            y = int(years[0].value)
            tail = f": the year {y} stands where the amount stood"
            if amounts:
                if len(T) > 1:
                    tail += f", and the amount's figure {_fmt_num(amounts[0].details.get('number', 0))} stands where the year stood"
                else:
                    tail += f", and the amount {describe(amounts[0])} is gone"
        else:
            tail = ": a year stands where the amount stood"
        return f"The source says {_both(st, S)}; the target says {_both(tt, T)}{tail}."
    if k == "role":
        return (f"The source says {_both(st, S)}; the target says {_both(tt, T)}: the same figure, "
                f"but it is a {T[0].role} in the target and a {S[0].role} in the source.")
    if k == "order":
        return (f"The source says {_both(st, S)}; the target says {_both(tt, T)}: the two figures "
                f"have swapped places.")
    if k == "qualifier":
        a, b = QUAL_WORDS.get(S[0].qualifier) or "no qualifier", QUAL_WORDS.get(T[0].qualifier) or "no qualifier"
        return (f"The source says {_quote(st, S, True)} ({describe(S[0])}); the target says "
                f"{_quote(tt, T, True)} ({describe(T[0])}): the qualifier changed from '{a}' to '{b}'.")
    if k == "misread":
        t = T[0]
        return (f"The source says {_both(st, S)}; the target writes '{t.text}', which {_a(_LANG.get(tgt_lang, tgt_lang))} "
                f"reader takes as {describe(t)}.")
    if k == "format":
        return (f"The source says {_both(st, S)}; the target writes '{T[0].text}': {d.note}. "
                f"The value survives but the form is off.")
    if k == "detached":
        a, b = d.details.get("stretch", (T[0].start, T[0].end))
        return (f"The source says '{S[0].text}' counting the noun next to it; the target writes "
                f"'{tt[a:b]}', which cuts the count {_fmt_num(T[0].value or 0)} off from what it counted.")
    return f"The source says {_both(st, S)}; the target says {_both(tt, T)}."
