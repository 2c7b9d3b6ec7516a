"""Comparing the quantities of a source stretch with those of its translation.

``compare(src_qs, tgt_qs, ...)`` pairs quantities up and returns
:class:`Discrepancy` records (no document knowledge: the check turns them
into findings).  Kinds:

``missing`` / ``added``  a quantity on one side only (after looking at the
                         neighbouring stretches, for numbers that moved);
``value``                a different figure in the same place;
``magnitude``            the same figure, a factor of 1,000 (or more) off;
``currency``             the currency changed; ``currency-lost`` it vanished;
``year-amount``          a year standing where an amount stood, or the reverse;
``role``                 the same figure in another role (percent lost ...);
``qualifier``            about / nearly / more than ... drifted;
``misread``              the target's figure reads as another value in the
                         target language ("1.500" in English is 1.5);
``format``               the value survives but the form is broken;
``detached``             a count cut off from the noun it counted;
``order``                the two figures of a score or vote changed places.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from .model import Quantity

_AMOUNTISH = {"amount", "count"}


@dataclass
class Discrepancy:
    kind: str
    severity: str  # "major" | "minor"
    source: list[Quantity] = field(default_factory=list)
    target: list[Quantity] = field(default_factory=list)
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------ helpers


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def currencies(q: Quantity) -> tuple[str, ...] | None:
    c = q.details.get("currencies")
    return tuple(c) if c else None


def currency_ok(a: Quantity, b: Quantity) -> bool:
    ca, cb = currencies(a), currencies(b)
    if ca is None or cb is None:
        return True
    return bool(set(ca) & set(cb))


def role_ok(a: Quantity, b: Quantity) -> bool:
    ra, rb = a.role, b.role
    if ra == rb:
        return True
    if {ra, rb} <= _AMOUNTISH:
        return True
    if {ra, rb} == {"year", "count"}:
        return True
    if {ra, rb} == {"year", "amount"}:
        # a year against an amount only agrees when neither has a currency
        return currencies(a) is None and currencies(b) is None
    return False


def values_of(q: Quantity) -> list[float]:
    return [q.value] if q.value is not None else []


def alt_values(q: Quantity) -> list[float]:
    return list(q.details.get("alt_values") or [])


def same(a: Quantity, b: Quantity) -> bool:
    """The two quantities say the same thing (value, role, currency)."""
    if a.value is None or b.value is None:
        return (a.value is None and b.value is None and a.details.get("power") == b.details.get("power")
                and currency_ok(a, b))
    if fraction_as_percent(a, b) or fraction_as_percent(b, a):
        return True
    return (close(a.value, b.value) or rounded(a, b) or rounded(b, a)) and role_ok(a, b) and currency_ok(a, b)


def _word_share(a: Quantity, b: Quantity) -> bool:
    """``a`` a fraction in words ("a third", "die Hälfte"), ``b`` a percent."""
    return (bool(a.details.get("fraction")) and a.role == "count" and a.value is not None and 0 < a.value < 1
            and b.role == "percent")


def _share_pair(a: Quantity, b: Quantity) -> bool:
    """``a`` a fraction in words, ``b`` a plain percent: both say a share."""
    return _word_share(a, b) and not b.details.get("power")


def fraction_as_percent(a: Quantity, b: Quantity) -> bool:
    """``a`` is a fraction in words and ``b`` the same share as a percent
    ("33 %", "50 percent"), rounded to the unit at most."""
    if not _word_share(a, b) or b.value is None:
        return False
    return close(a.value * 100, b.value) or abs(a.value * 100 - b.value) < 0.5 or (
        b.value != int(b.value) and abs(a.value * 100 - b.value) < 0.05)


def _decimals(q: Quantity) -> int | None:
    n = q.details.get("number")
    if n is None:
        return None
    s = repr(float(n))
    if "e" in s:
        return None
    frac = s.split(".")[1].rstrip("0")
    return len(frac)


def rounded(a: Quantity, b: Quantity) -> bool:
    """``b`` is ``a`` rounded (or cut) to the precision ``b`` is written with:
    "2,34 Mio." for 2,335,987.44.  Only with a magnitude word on ``b``."""
    p = b.details.get("power")
    if not p or a.value is None or b.value is None or (a.details.get("power") or 0) >= p:
        return False
    d = _decimals(b)
    if d is None:
        return False
    unit = 10 ** (p - d)
    return abs(a.value - b.value) < unit and abs(a.value) >= unit


def is_vague(q: Quantity) -> bool:
    return q.value is None


def number_of(q: Quantity) -> float | None:
    return q.details.get("number", q.value)


QUAL_WORDS = {
    None: "",
    "about": "about",
    "nearly": "nearly",
    "more-than": "more than",
    "up-to": "up to",
    "less-than": "less than",
    "at-least": "at least",
}

# qualifier drift that a reader hardly notices
_SOFT_QUAL = {frozenset({None, "about"}), frozenset({"about", "nearly"}), frozenset({"more-than", "at-least"}),
              frozenset({"less-than", "up-to"})}


def qualifier_severity(a: str | None, b: str | None) -> str | None:
    if a == b:
        return None
    return "minor" if frozenset({a, b}) in _SOFT_QUAL else "major"


# ------------------------------------------------------------------ compare


def compare(
    src: Sequence[Quantity],
    tgt: Sequence[Quantity],
    src_near: Iterable[Quantity] = (),
    tgt_near: Iterable[Quantity] = (),
    tgt_text: str | None = None,
    src_text: str | None = None,
    tgt_lang: str | None = None,
    src_lang: str | None = None,
) -> list[Discrepancy]:
    """Discrepancies between the quantities of one aligned stretch.

    ``src_near``/``tgt_near`` are the quantities of the neighbouring
    stretches: a number missing here but present there moved, it was not
    lost.  ``tgt_text``/``src_text`` (the texts the offsets index) let the
    detached-count test look at the words around a figure.
    """
    out: list[Discrepancy] = []
    S = [q for q in src if q.value is not None]
    T = [q for q in tgt if q.value is not None]
    ms: dict[int, int] = {}  # src index -> tgt index
    used_t: set[int] = set()

    def pair(pred) -> list[tuple[int, int]]:
        got = []
        for i, s in enumerate(S):
            if i in ms:
                continue
            best = None
            for j, t in enumerate(T):
                if j in used_t or not pred(s, t):
                    continue
                # prefer the target at a similar relative position
                best = j
                break
            if best is not None:
                ms[i] = best
                used_t.add(best)
                got.append((i, best))
        return got

    exact = pair(same)
    # the common case: every figure found its equal on the other side, so
    # nothing is left for the looser pairings below
    misread = [] if len(exact) == len(S) == len(T) else _unmatched(S, T, ms, used_t, pair, out, src_near, tgt_near)

    # a score or a vote whose two figures changed places: "320 votes to 280"
    # against "280 voix contre 320"
    if src_text is not None and tgt_text is not None and src_lang and tgt_lang and len(exact) >= 2:
        out.extend(_swapped(S, T, dict(exact), src_text, tgt_text, src_lang, tgt_lang))

    # matched pairs: qualifier, currency lost, form, detached count
    for i, j in exact + misread:
        s, t = S[i], T[j]
        sev = qualifier_severity(s.qualifier, t.qualifier)
        if sev:
            out.append(Discrepancy("qualifier", sev, [s], [t]))
        if currencies(s) and not currencies(t):
            out.append(Discrepancy("currency-lost", "minor", [s], [t]))
        if (i, j) in exact:
            # the reading is right: a grouping look-alike is no problem here
            issues = [x for x in t.details.get("issues") or [] if x[0] != "ambiguous-grouping"]
            if issues:
                kind0 = issues[0][0]
                out.append(Discrepancy("format", "minor", [s], [t], note="; ".join(m for _, m in issues),
                                       details={"issue": kind0}))
        if (tgt_text is not None and tgt_lang and t.role == "count" and not t.unit and not t.details.get("power")
                and not s.unit):
            det = detached(tgt_text, t, tgt_lang)
            if det and not (src_text is not None and src_lang and detached(src_text, s, src_lang)):
                out.append(Discrepancy("detached", "major", [s], [t], details={"stretch": det}))

    # vague magnitudes: "billions" against "Billionen"
    VS = [q for q in src if is_vague(q)]
    VT = [q for q in tgt if is_vague(q)]
    for s in VS:
        for t in VT:
            ps, pt = s.details.get("power"), t.details.get("power")
            if ps and pt and ps != pt and abs(ps - pt) >= 3 and currency_ok(s, t):
                out.append(Discrepancy("magnitude", "major", [s], [t]))
                break
    return out


def _unmatched(S, T, ms, used_t, pair, out, src_near, tgt_near) -> list[tuple[int, int]]:
    """The figures :func:`compare` left unpaired after the exact pairing:
    misread, changed currency or role, year/amount swaps, magnitude, moved,
    changed, missing and added.  Returns the misread pairs."""
    # a figure the target writes so that its reader takes another value
    misread = pair(lambda s, t: any(close(s.value, a) for a in alt_values(t)) and currency_ok(s, t))
    for i, j in misread:
        out.append(Discrepancy("misread", "major", [S[i]], [T[j]]))
    # the same value with its currency changed, or in another role
    cur = pair(lambda s, t: close(s.value, t.value) and not currency_ok(s, t))
    for i, j in cur:
        out.append(Discrepancy("currency", "major", [S[i]], [T[j]]))
    role = pair(lambda s, t: close(s.value, t.value) and not role_ok(s, t)
                and not ({s.role, t.role} & {"year"} and ({s.role, t.role} & {"amount"})))
    for i, j in role:
        out.append(Discrepancy("role", "major", [S[i]], [T[j]]))

    # year/amount swaps: "$410million in 2017" -> "$ 2017million"
    for i, s in enumerate(S):
        if i in ms or s.role != "year":
            continue
        for j, t in enumerate(T):
            if j in used_t or t.role != "amount" or t.details.get("number") is None:
                continue
            if not close(number_of(t), s.value):
                continue
            # the amount of the source that the target lost
            amount_i = None
            for k, s2 in enumerate(S):
                if k not in ms and k != i and s2.role == "amount" and currency_ok(s2, t):
                    amount_i = k
                    break
            srcs = [s] + ([S[amount_i]] if amount_i is not None else [])
            tgts = [t]
            # the amount's figure may stand where the year stood
            if amount_i is not None:
                for k, t2 in enumerate(T):
                    if k not in used_t and k != j and close(t2.value, number_of(S[amount_i])) and t2.role != "amount":
                        tgts.append(t2)
                        used_t.add(k)
                        break
                ms[amount_i] = j
            ms[i] = j
            used_t.add(j)
            out.append(Discrepancy("year-amount", "major", srcs, sorted(tgts, key=lambda q: q.start)))
            break
    # the reverse: an amount of the source written as a year in the target
    for i, s in enumerate(S):
        if i in ms or s.role != "amount":
            continue
        for j, t in enumerate(T):
            if j in used_t or t.role != "year":
                continue
            if close(t.value, number_of(s)) or any(close(t.value, number_of(s2)) for s2 in S if s2.role == "year"):
                pass
            else:
                continue
            if not close(t.value, number_of(s)):
                continue
            ms[i] = j
            used_t.add(j)
            out.append(Discrepancy("year-amount", "major", [s], [t]))
            break

    # magnitude off by a power of 1,000 (the billion trap)
    def mag_off(s: Quantity, t: Quantity) -> bool:
        if s.value is None or t.value is None or not s.value or not t.value:
            return False
        if not currency_ok(s, t) or not role_ok(s, t):
            return False
        r = t.value / s.value
        for k in (1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9):
            if math.isclose(r, k, rel_tol=1e-6):
                return True
        return False

    mags = pair(mag_off)
    # "von 5 auf 8 Milliarden" for "from 5 to 8 million": the first figure of
    # the target's range only borrows the second one's magnitude word, so the
    # two are one error, reported once
    folded: dict[int, int] = {}  # index in mags -> index of the partner it joins
    for a, (i, j) in enumerate(mags):
        if not T[j].details.get("range_shared"):
            continue
        r = T[j].value / S[i].value
        for b, (i2, j2) in enumerate(mags):
            if (b != a and b not in folded and 0 <= T[j2].start - T[j].end <= 12
                    and math.isclose(T[j2].value / S[i2].value, r, rel_tol=1e-6)):
                folded[a] = b
                break
    joined: dict[int, list[int]] = {}
    for a, b in folded.items():
        joined.setdefault(b, []).append(a)
    for b, (i, j) in enumerate(mags):
        if b in folded:
            continue
        parts = [mags[a] for a in joined.get(b, [])] + [(i, j)]
        out.append(Discrepancy("magnitude", "major", sorted((S[x] for x, _ in parts), key=lambda q: q.start),
                               sorted((T[y] for _, y in parts), key=lambda q: q.start)))

    # what is left: moved to a neighbour, changed, missing or added
    # (the neighbours are read only when something is left)
    left_s = [i for i in range(len(S)) if i not in ms]
    if left_s:
        tgt_near = [q for q in tgt_near if q.value is not None]
        left_s = [i for i in left_s if not any(same(S[i], t) for t in tgt_near)]
    left_t = [j for j in range(len(T)) if j not in used_t]
    if left_t:
        src_near = [q for q in src_near if q.value is not None]
        left_t = [j for j in left_t if not any(same(s, T[j]) for s in src_near)]
    # a figure with different value at the same place: value changed
    for i in list(left_s):
        s = S[i]
        cands = [j for j in left_t if role_ok(s, T[j]) and currency_ok(s, T[j]) and T[j].role == s.role]
        if not cands and s.role in _AMOUNTISH:
            cands = [j for j in left_t if role_ok(s, T[j]) and currency_ok(s, T[j])]
        if not cands:
            # a share in words against a share in percent: "a third" / "25 %"
            cands = [j for j in left_t if _share_pair(s, T[j]) or _share_pair(T[j], s)]
        if not cands:
            continue
        j = cands[0]
        left_s.remove(i)
        left_t.remove(j)
        ms[i] = j
        used_t.add(j)
        sev = "major" if s.role != "ordinal" else "minor"
        out.append(Discrepancy("value", sev, [s], [T[j]]))
    for i in left_s:
        s = S[i]
        if s.role in ("ordinal",):
            continue
        out.append(Discrepancy("missing", _presence_severity(s), [s], []))
    for j in left_t:
        t = T[j]
        if t.role in ("ordinal",):
            continue
        out.append(Discrepancy("added", _presence_severity(t), [], [t]))
    return misread


def _presence_severity(q: Quantity) -> str:
    if q.role in ("amount", "percent", "percentage point") or q.details.get("power"):
        return "major"
    return "minor"


_VERSUS: dict[str, frozenset] = {}


def _versus(text: str, a: Quantity, b: Quantity, lang: str) -> bool:
    """``a`` and ``b`` are the two figures of a score or a vote ("320 votes
    to 280"): a short gap closed by one of the language's ``versus_words``."""
    words = _VERSUS.get(lang)
    if words is None:
        from ..lang import lang_data

        words = _VERSUS[lang] = frozenset(str(w).lower() for w in
                                          (lang_data(lang, "numbers") or {}).get("versus_words") or [])
    if not words or b.qualifier or a.end > b.start:
        return False
    gap = text[a.end:b.start]
    if len(gap) > 24 or any(c in gap for c in ",;()") or any(c.isdigit() for c in gap):
        return False
    toks = gap.lower().split()
    if not toks:
        return gap in words
    return toks[-1] in words


def _swapped(S, T, pairs: dict[int, int], src_text: str, tgt_text: str, src_lang: str,
             tgt_lang: str) -> list[Discrepancy]:
    out = []
    for i in range(len(S) - 1):
        a, b = S[i], S[i + 1]
        if i not in pairs or i + 1 not in pairs or close(a.value, b.value):
            continue
        if a.role in ("ordinal", "date") or not _versus(src_text, a, b, src_lang):
            continue
        ta, tb = T[pairs[i]], T[pairs[i + 1]]
        if tb.end <= ta.start and _versus(tgt_text, tb, ta, tgt_lang):
            out.append(Discrepancy("order", "major", [a, b], [tb, ta], note="the two figures changed places"))
    return out


_DETACHED: dict[str, tuple[frozenset, frozenset]] = {}


def _detached_words(lang: str) -> tuple[frozenset, frozenset]:
    """The words around a detached count, from the language data (read once)."""
    r = _DETACHED.get(lang)
    if r is None:
        from ..lang import lang_data

        d = (lang_data(lang, "numbers") or {}).get("detached_count") or {}
        r = _DETACHED[lang] = (frozenset(w.lower() for w in d.get("before") or []),
                               frozenset(w.lower() for w in d.get("after") or []))
    return r


def detached(text: str, q: Quantity, lang: str) -> tuple[int, int] | None:
    """``(start, end)`` of "von 40 in" when a count stands cut off from its noun."""
    before, after = _detached_words(lang)
    if not before or not after:
        return None
    # word before
    k = q.start
    while k > 0 and text[k - 1] in " \u00a0":
        k -= 1
    b = k
    while b > 0 and text[b - 1].isalpha():
        b -= 1
    if text[b:k].lower() not in before:
        return None
    e = q.end
    while e < len(text) and text[e] in " \u00a0":
        e += 1
    if e >= len(text):
        return None
    f = e
    while f < len(text) and text[f].isalpha():
        f += 1
    nxt = text[e:f] if f > e else text[e]
    if nxt.lower() not in after:
        return None
    return (b, max(f, e + 1) if f == e else f)
