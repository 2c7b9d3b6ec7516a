"""Cue words read from data: hedges, negation, page furniture, stopwords.

Everything a language knows lives in ``audit/data/<lang>/{hedges,negation,
furniture,stopwords}.yaml``; this module compiles it and finds cues in a
stretch of text with offsets into that text.

Public functions:

- :func:`find_cues` (``kind`` "hedge" or "negation") -> list of :class:`Cue`
- :func:`is_furniture` -> bool (share prompts, comment widgets, credits ...)
- :func:`has_claim` -> bool (a figure or a verb of raising/valuing nearby)
- :func:`words` -> word tokens with offsets
- :func:`word_list` -> a list from ``stopwords.yaml``
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..lang import lang_data

HEDGE_CLASSES = ("evidential", "modal", "prospective", "approximate", "estimate")

# Which target hedge classes may stand in for a source hedge class.
COMPATIBLE: dict[str, tuple[str, ...]] = {
    "evidential": ("evidential", "modal"),
    "modal": ("modal", "prospective", "evidential", "estimate"),
    "prospective": ("prospective", "modal"),
    "approximate": ("approximate", "estimate"),
    "estimate": ("estimate", "approximate", "modal"),
}

_WORD = re.compile(r"\w+(?:[.&'’+\-]\w+)*(?:\+\+)?", re.UNICODE)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Cue:
    """A hedge or negation cue: ``text == doc_text[start:end]``."""

    start: int
    end: int
    text: str
    kind: str  # "hedge" or "negation"
    cls: str = ""  # hedge class ("modal" ...); "" for negation
    strong: bool = True  # weak hedges only count as a counterpart


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Word tokens of ``text[start:end]`` as (start, end, word), offsets into text."""
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


@lru_cache(maxsize=None)
def word_list(lang: str, key: str) -> frozenset[str]:
    """A word list of ``stopwords.yaml`` (lower-cased unless ``not_names``)."""
    items = lang_data(lang, "stopwords").get(key) or []
    if key == "not_names":
        return frozenset(str(x) for x in items)
    return frozenset(str(x).lower() for x in items)


def _compile(patterns) -> list[re.Pattern]:
    out = []
    for p in patterns or []:
        out.append(re.compile(p, re.IGNORECASE | re.UNICODE))
    return out


@lru_cache(maxsize=None)
def _hedge_patterns(lang: str) -> list[tuple[re.Pattern, str, bool]]:
    data = lang_data(lang, "hedges")
    out: list[tuple[re.Pattern, str, bool]] = []
    for strength in ("strong", "weak"):
        for cls, pats in (data.get(strength) or {}).items():
            for rx in _compile(pats):
                out.append((rx, cls, strength == "strong"))
    return out


@lru_cache(maxsize=None)
def _negation_patterns(lang: str) -> tuple[list[re.Pattern], list[re.Pattern]]:
    data = lang_data(lang, "negation")
    return _compile(data.get("cues")), _compile(data.get("exclude"))


@lru_cache(maxsize=None)
def _claim_patterns(lang: str) -> list[re.Pattern]:
    return _compile(lang_data(lang, "hedges").get("claim_words"))


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _trimmed(m: re.Match) -> tuple[int, int]:
    s, e = m.start(), m.end()
    while e > s and m.string[e - 1].isspace():
        e -= 1
    while s < e and m.string[s].isspace():
        s += 1
    return s, e


def find_cues(text: str, lang: str, kind: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Hedge or negation cues in ``text[start:end]``, sorted, without overlaps.

    Offsets are into ``text``.  Negation cues inside an ``exclude`` stretch
    ("not only", "nicht nur", "n'est pas seulement") are left out.
    """
    end = len(text) if end is None else end
    found: list[Cue] = []
    if kind == "hedge":
        for rx, cls, strong in _hedge_patterns(lang):
            for m in rx.finditer(text, start, end):
                s, e = _trimmed(m)
                if e > s:
                    found.append(Cue(s, e, text[s:e], "hedge", cls, strong))
    elif kind == "negation":
        cues, excl = _negation_patterns(lang)
        banned = [(m.start(), m.end()) for rx in excl for m in rx.finditer(text, start, end)]
        for rx in cues:
            for m in rx.finditer(text, start, end):
                s, e = _trimmed(m)
                if e > s and not _overlaps((s, e), banned):
                    found.append(Cue(s, e, text[s:e], "negation"))
    else:
        raise ValueError(f"unknown cue kind {kind!r}")
    # strong before weak, longer before shorter; then drop overlapping ones
    found.sort(key=lambda c: (not c.strong, -(c.end - c.start), c.start))
    kept: list[Cue] = []
    for c in found:
        if not _overlaps((c.start, c.end), [(k.start, k.end) for k in kept]):
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def has_claim(text: str, lang: str, start: int = 0, end: int | None = None) -> bool:
    """True when ``text[start:end]`` carries a figure or a verb of raising/valuing."""
    end = len(text) if end is None else end
    if _DIGIT.search(text, start, end):
        return True
    return any(rx.search(text, start, end) for rx in _claim_patterns(lang))


# ---------------------------------------------------------------- furniture


def _norm_line(text: str) -> str:
    t = unicodedata.normalize("NFC", text).lower()
    t = re.sub(r"[\d\W_]+", " ", t, flags=re.UNICODE)
    return " ".join(t.split())


@lru_cache(maxsize=None)
def _furniture(lang: str) -> tuple[frozenset[str], list[re.Pattern], int]:
    data = lang_data(lang, "furniture")
    lines = frozenset(_norm_line(x) for x in data.get("lines") or [])
    pats = _compile(data.get("patterns"))
    return lines, pats, int(data.get("max_chars") or 160)


def is_furniture(text: str, lang: str | None) -> bool:
    """True when ``text`` (one segment) is page furniture in ``lang``.

    Share prompts, comment widgets, image credits, "Read the full story",
    "Leave a reply" ... as listed in ``audit/data/<lang>/furniture.yaml``.
    Unknown languages fall back to every known language's list.
    """
    t = " ".join(text.split())
    if not t:
        return False
    langs = [lang] if lang and lang_data(lang, "furniture") else ["en", "de", "fr"]
    for lg in langs:
        lines, pats, max_chars = _furniture(lg)
        if len(t) > max_chars:
            continue
        if _norm_line(t) in lines:
            return True
        if any(rx.fullmatch(t) for rx in pats):
            return True
    return False
