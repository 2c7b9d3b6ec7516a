"""Quantity extraction for English, German and French with exact offsets.

``extract(text, lang)`` returns :class:`~audit.numbers.model.Quantity`
records whose ``start``/``end`` index ``text`` (``text[q.start:q.end] ==
q.text``).  All language knowledge (separators, magnitude words, spelled
numbers, currencies, qualifiers, months ...) is read from
``audit/data/<lang>/numbers.yaml``, ``audit/data/<lang>/currencies.yaml`` and
``audit/data/currencies.yaml``; this module only holds the mechanics.

What the records carry beyond the contract fields, in ``details``:

``number``     the figure as written, before any magnitude (2017 for
               "$ 2017million"), used to spot a year standing for an amount;
``power``      the power of ten of an attached magnitude word (9 for "bn");
``currencies`` the ISO codes the currency may stand for (``$`` -> dollars);
``issues``     form problems: ``[(kind, plain-English explanation), ...]``;
``alt_values`` other readings of an ambiguous figure ("1.500" in English
               reads 1.5, but a writer may have meant 1500);
``qualifier_text``/``qualifier_start`` where the qualifier was written;
``vague``      True for a bare magnitude word ("billions of dollars");
``year_context`` True when a year word precedes the figure ("im Jahr 1.6");
``suffix``     the unit of an age/duration compound ("three-year-old").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from ..lang import data_path, lang_data
from .model import Quantity

_SP = " \u00a0\u202f\u2009"  # spaces that may sit inside or around a figure
_NBSP = "\u00a0\u202f\u2009"
_LETTER = r"[^\W\d_]"


def _trie(words, boundary: bool = True, spaces: bool = True, shy: bool = False) -> str:
    """A regex alternation of ``words``, escaped, factored as a trie: the
    engine follows one branch per letter instead of trying every word in
    turn.  Longer words are tried before their prefixes, so the match is the
    one a longest-first alternation gives.  ``boundary``: a word ending in a
    letter or digit may not run on into another; ``spaces``: a space stands
    for any run of spaces; ``shy``: a soft hyphen may sit between letters.
    """
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[None] = boundary and w[-1].isalnum()
    if not trie:
        return "(?!x)x"
    gap = "\u00ad?" if shy else ""

    def emit(node: dict) -> str:
        alts = []
        for c in sorted(k for k in node if k is not None):
            edge = r"[\s\u00a0]+" if spaces and c == " " else re.escape(c)
            child = node[c]
            more = any(k is not None for k in child)
            alts.append(edge + (gap if more else "") + emit(child))
        if None in node:
            alts.append(r"(?![^\W_])" if node[None] else "")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "(?:" + emit(trie) + ")"


def _alt(words, boundary: bool = True) -> str:
    """A regex alternation of ``words``, longest first, escaped."""
    return _trie(words, boundary)


@lru_cache(maxsize=1)
def _shared_currencies() -> dict[str, Any]:
    return yaml.safe_load(data_path("currencies.yaml").read_text(encoding="utf-8")) or {}


def _codes_of(value, families) -> tuple[str, ...] | None:
    if isinstance(value, str):
        fam = families.get(value)
        return tuple(fam) if fam else None
    if isinstance(value, list):
        return tuple(value)
    return None


@dataclass
class _Spec:
    lang: str
    dec: str
    groups: str
    mag: dict[str, tuple[int, bool, str | None]]
    vague: dict[str, int]
    words: dict[str, float]
    bound: set[str]
    excluded: set[str]
    ordinals: dict[str, int]
    months: dict[str, int]
    quals: dict[str, str]
    currency: dict[str, tuple[str, ...]]  # lower-cased expression -> codes
    suffixes: dict[str, str]
    multiplying_tens: set[int]
    res: dict[str, re.Pattern] = field(default_factory=dict)
    # fraction word -> (denominator, numerator must be one, words that must follow)
    fractions: dict[str, tuple[int, bool, frozenset]] = field(default_factory=dict)
    tails: dict[str, float] = field(default_factory=dict)  # "and a half" -> 0.5
    subunits: dict[str, int] = field(default_factory=dict)  # "cent" -> 100
    points: frozenset = frozenset()  # percentage-point words, lower-cased, spaces single
    # fraction phrase -> (denominator, guarded); and the guard's word lists
    frac_phrases: dict[str, tuple[int, bool]] = field(default_factory=dict)
    frac_ctx: dict[str, frozenset] = field(default_factory=dict)


def _mag_entry(v) -> tuple[int, bool, str | None]:
    if isinstance(v, dict):
        return int(v["power"]), bool(v.get("abbrev", False)), v.get("nonstandard")
    return int(v), False, None


_SPECS: dict[str, _Spec] = {}


def _spec(lang: str) -> _Spec:
    sp = _SPECS.get(lang)
    if sp is None:
        sp = _SPECS[lang] = _build_spec(lang)
    return sp


def _build_spec(lang: str) -> _Spec:
    d = lang_data(lang, "numbers") or lang_data("en", "numbers")
    cd = lang_data(lang, "currencies") or {}
    shared = _shared_currencies()
    families = shared.get("families", {})
    currency: dict[str, tuple[str, ...]] = {}
    symbols: dict[str, tuple[str, ...]] = {}
    for sym, v in (shared.get("symbols") or {}).items():
        codes = _codes_of(v, families)
        if codes:
            symbols[sym] = codes
    for code in shared.get("codes") or []:
        symbols[code] = tuple((shared.get("code_aliases") or {}).get(code, [code]))
    for w, v in (cd.get("words") or {}).items():
        codes = _codes_of(v, families)
        if codes:
            currency[str(w).lower()] = codes
    mag = {str(k).lower(): _mag_entry(v) for k, v in (d.get("magnitudes") or {}).items()}
    quals: dict[str, str] = {}
    for q, ws in (d.get("qualifiers") or {}).items():
        for w in ws:
            quals[str(w).lower()] = q
    ords: dict[str, int] = {}
    endings = d.get("ordinal_endings") or [""]
    for w, v in (d.get("ordinal_words") or {}).items():
        for e in endings:
            ords[str(w).lower() + e] = int(v)
    spec = _Spec(
        lang=lang,
        dec=d.get("decimal", "."),
        groups="".join(d.get("group") or []),
        mag=mag,
        vague={str(k).lower(): int(v) for k, v in (d.get("vague_magnitudes") or {}).items()},
        words={str(k).lower(): (int(v) if float(v) == int(v) else float(v)) for k, v in (d.get("number_words") or {}).items()},
        bound={str(x).lower() for x in d.get("bound_morphs") or []},
        excluded={str(x).lower() for x in d.get("standalone_excluded") or []},
        ordinals=ords,
        months={str(k).lower(): int(v) for k, v in (d.get("months") or {}).items()},
        quals=quals,
        currency=currency,
        suffixes={str(k): str(v) for k, v in (d.get("number_suffixes") or {}).items()},
        multiplying_tens={int(spec_v) for spec_v in [d.get("number_words", {}).get(w, 0) for w in d.get("multiplying_tens") or []]},
    )
    for key, one in (("fraction_words", False), ("fraction_words_one", True)):
        for w, v in (d.get(key) or {}).items():
            if isinstance(v, dict):
                spec.fractions[str(w).lower()] = (int(v["denominator"]), one,
                                                  frozenset(str(x).lower() for x in v.get("followed_by") or []))
            else:
                spec.fractions[str(w).lower()] = (int(v), one, frozenset())
    spec.tails = {" ".join(str(k).lower().split()): float(v) for k, v in (d.get("fraction_tails") or {}).items()}
    spec.subunits = {str(k).lower(): int(v) for k, v in (cd.get("subunits") or {}).items()}
    spec.points = frozenset(" ".join(str(w).lower().split()) for w in d.get("point_words") or [])
    for w, v in (d.get("fraction_phrases") or {}).items():
        if isinstance(v, dict):
            spec.frac_phrases[" ".join(str(w).lower().split())] = (int(v["denominator"]), bool(v.get("guarded")))
        else:
            spec.frac_phrases[" ".join(str(w).lower().split())] = (int(v), False)
    ctx = d.get("fraction_phrase_context") or {}
    spec.frac_ctx = {k: frozenset(str(x).lower() for x in ctx.get(k) or [])
                     for k in ("followed_by", "preceded_by", "not_after")}
    spec.res = _compile(spec, d, symbols)
    spec.res_symbols = symbols  # type: ignore[attr-defined]
    return spec


def _compile(spec: _Spec, d: dict, symbols: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern]:
    res: dict[str, re.Pattern] = {}
    I = re.IGNORECASE
    plain_space = " " in spec.groups
    grp = "".join(c for c in spec.groups if c not in " ")
    grp_cls = re.escape(grp + ".,")
    # a figure: digits with group/decimal marks; plain-space groups only in
    # languages that use them and only after a 1-3 digit head
    # (the first digit comes first, the look-behinds after it, so that the
    # engine can skip ahead to the next digit instead of trying every place)
    space_groups = r"(?:\d{0,2}(?: \d{3}(?!\d))+(?:[.,]\d+)?)|" if plain_space else ""
    res["digits"] = re.compile(
        r"\d(?<![\w.,'’]\d)(?<!" + _LETTER + r"-\d)"
        r"(?:" + space_groups + r"\d*(?:[" + grp_cls + r"'’]\d+)*)"
    )
    # magnitude after a figure: optional space or hyphen, then the word
    mag_alts = [_trie(spec.mag, spaces=False)]
    res["mag"] = re.compile(r"(?P<sp>[ \u00a0\u202f\u2009]?-?)(?P<m>" + "|".join(mag_alts) + ")", I)
    # currency words/codes/symbols after an amount
    links = d.get("currency_links") or []
    link = r"(?:(?P<link>" + _alt(links) + r")[ \u00a0]*)?" if links else ""
    words = list(spec.currency)
    sym_words = [s for s in symbols if not s.isalpha()]
    code_words = [s for s in symbols if s.isalpha()]
    res["cur_after"] = re.compile(
        r"(?P<sp>[ \u00a0\u202f\u2009]?-?)" + link
        + r"(?P<c>" + _alt(words) + "|" + _alt(code_words) + "|" + _alt(sym_words, False) + ")",
        I,
    )
    # the same, with case kept for codes (so "usd" in prose is not a code)
    res["cur_after_sym"] = re.compile(
        r"(?P<sp>[ \u00a0\u202f\u2009]?)(?P<c>" + _alt(sym_words, False) + "|"
        + _trie(code_words, False, False) + r"(?![^\W_]))"
    )
    res["cur_before"] = re.compile(
        r"(?:(?<![^\W\d_])(?P<code>" + _trie(code_words, False, False)
        + r")|(?P<sym>" + _alt(sym_words, False) + r"))[ \u00a0\u202f]?$"
    )
    pct = list(d.get("percent_words") or ["%"]) + list(d.get("point_words") or [])
    res["pct"] = re.compile(r"[ \u00a0\u202f\u2009]?-?(?P<p>" + _alt(pct) + ")", I)
    # qualifiers written just before a quantity
    res["qual"] = re.compile(r"(?<![^\W_])(?P<q>" + _alt(spec.quals) + r")[\s\u00a0]+$", I)
    res["yearctx"] = re.compile(r"(?<![^\W_])(?:" + _alt([str(x) for x in d.get("year_context") or []])
                                + r"|" + _alt(list(spec.months)) + r")[\s\u00a0]+$", I)
    res["month_after"] = re.compile(r"(?P<dot>\.)?(?:er|re|st|nd|rd|th)?[ \u00a0]+(?P<m>" + _alt(list(spec.months)) + ")", I)
    res["month_before"] = re.compile(r"(?<![^\W_])(?P<m>" + _alt(list(spec.months)) + r")[ \u00a0]+$", I)
    # spelled numbers: one word (German compounds built from morphs)
    morphs = sorted(spec.words, key=len, reverse=True)
    joiners = [str(j) for j in d.get("number_joiners") or []]
    suffix_words = [s for s in spec.suffixes if s[0].isalpha()]
    if d.get("compound_words"):
        inner = [m for m in morphs] + [j for j in joiners if j.isalpha()]
        # soft hyphens (U+00AD) may sit anywhere inside a long compound
        shy = lambda m: "\u00ad?".join(re.escape(c) for c in m)  # noqa: E731
        word = (r"(?<!" + _LETTER + r")(?:(?<=\w)\u00ad)?(?:" + "|".join(shy(m) for m in sorted(inner, key=len, reverse=True))
                + r")(?:\u00ad?(?:" + "|".join(shy(m) for m in sorted(inner, key=len, reverse=True)) + r"))*(?=" + (_alt(suffix_words, False) + "|" if suffix_words else "") + r"(?!" + _LETTER + r"))")
        sep = r"(?:[ \u00a0]+)"
    else:
        word = r"(?<!" + _LETTER + r")" + _alt(morphs)
        wj = [j for j in joiners if j.isalpha()]
        sep = r"(?:[ \u00a0]*-[ \u00a0]*|[ \u00a0]+(?:" + "|".join(wj) + r")(?:[ \u00a0]+|-)|-(?:" + "|".join(wj) + r")-|[ \u00a0]+)" if wj else r"(?:-|[ \u00a0]+)"
    decw = d.get("decimal_words") or []
    dec = (r"(?:[ \u00a0]+(?P<dw>" + _alt(decw) + r")[ \u00a0]+" + word + r"(?:[ \u00a0]+" + word + r")*)?") if decw else ""
    res["words"] = re.compile(word + r"(?:" + sep + word + r")*" + dec, I)
    res["word1"] = re.compile(word, I)
    res["compound"] = bool(d.get("compound_words"))  # type: ignore[assignment]
    spec.__dict__["_joiners"] = {j.lower() for j in joiners if j.isalpha()}
    spec.__dict__["_decwords"] = {w.lower() for w in decw}
    spec.__dict__["_qual_maxw"] = max([len(q.split()) for q in spec.quals] or [1])
    spec.__dict__["_yearctx"] = {str(x).lower() for x in d.get("year_context") or []} | set(spec.months)
    spec.__dict__["_cur_last"] = {c[-1] for c in symbols}
    res["ord"] = re.compile(r"(?<![^\W_])" + _alt(list(spec.ordinals)), I)
    ods = d.get("ordinal_digit_suffixes") or []
    spec.__dict__["_ord_first"] = frozenset(x[0] for x in ods if x)
    res["ord_digit"] = re.compile(r"(?:" + "|".join(re.escape(s) for s in sorted(ods, key=len, reverse=True)) + r")(?![^\W_])") if ods else None
    res["ord_dot"] = re.compile(r"\.(?=[ \u00a0]+(?:[a-zäöüß]|" + _alt(list(spec.months)) + "))") if d.get("ordinal_digit_dot") else None
    res["suffix"] = re.compile(_alt(list(spec.suffixes)), I) if spec.suffixes else None
    res["vague"] = re.compile(r"(?<![^\W_])(?P<v>" + _alt(list(spec.vague)) + ")", I) if spec.vague else None
    res["split_dec"] = re.compile(re.escape(spec.dec) + r"[ \u00a0](?P<f>\d{1,2})(?!\d)(?=(?P<rest>[ \u00a0]?-?(?:"
                                  + "|".join(mag_alts) + "|" + _alt(pct) + ")))", I)
    # fractions: "drei Zehntel", "two thirds"; "two and a half"; sub-units
    res["frac"] = (re.compile(r"[ \u00a0]+(?P<f>" + _alt(list(spec.fractions)) + r")(?:[ \u00a0]+(?P<nxt>" + _LETTER
                              + r"+))?", re.I) if spec.fractions else None)
    res["tail"] = re.compile(r"[ \u00a0]+(?P<t>" + _alt(list(spec.tails)) + ")", re.I) if spec.tails else None
    pj = [str(x) for x in d.get("part_joiners") or []]
    res["part_join"] = re.compile(r"[ \u00a0]+" + _alt(pj) + r"[ \u00a0]+", re.I) if pj else None
    res["part_gap"] = re.compile(r"[ \u00a0]+(?:" + _alt(pj) + r"[ \u00a0]+)?" if pj else r"[ \u00a0]+", re.I)
    res["subunit"] = re.compile(r"[ \u00a0]*(?P<u>" + _alt(list(spec.subunits)) + ")", re.I) if spec.subunits else None
    spec.__dict__["_decfused"] = bool(d.get("decimal_word_fused"))
    _compile_count_nouns(spec, d, res)
    # one test whether anything _attach reads may follow a figure at all
    # (most figures are followed by a plain word or punctuation)
    # (each alternative is a named group: the one that matched tells that
    # the ones before it do not match at that place)
    follow = [k for k in ("tail", "mag", "cur_after", "pct", "suffix") if res.get(k) is not None]
    res["follow"] = re.compile("|".join("(?P<" + k + ">" + re.sub(r"\(\?P<\w+>", "(?:", res[k].pattern) + ")"
                                        for k in follow), re.I)
    spec.__dict__["_follow_rank"] = {k: i for i, k in enumerate(follow)}
    res["frac_phrase"] = (re.compile(r"(?<![^\W_])(?P<f>" + _alt(list(spec.frac_phrases)) + ")", I)
                          if spec.frac_phrases else None)
    # the quick test before the scan: the last words of the phrases ("half", "moitié")
    spec.__dict__["_frac_keys"] = tuple(sorted({k.split()[-1] for k in spec.frac_phrases}))
    # the gap between the two figures of a range or a coordination whose
    # second figure lends its magnitude and currency to the first ("5 to 8
    # million"): a dash, or one of the language's range words
    rw = [str(w) for w in d.get("range_words") or []]
    res["range"] = re.compile(r"[ \u00a0]*(?:-|–|—" + (r"|(?<![^\W_])" + _alt(rw) if rw else "") + r")[ \u00a0]*", I)
    return res


def _compile_count_nouns(spec: _Spec, d: dict, res: dict) -> None:
    """Nouns that count a round figure ("une vingtaine de", "two dozen"),
    from the ``count_nouns`` block of the language's numbers data."""
    cn = d.get("count_nouns") or {}
    table: dict[str, tuple[float, str | None]] = {}
    default_q = cn.get("qualifier")
    for w, v in (cn.get("words") or {}).items():
        if isinstance(v, dict):
            table[str(w).lower()] = (float(v["value"]), v.get("qualifier", default_q))
        else:
            table[str(w).lower()] = (float(v), default_q)
    spec.__dict__["_cnouns"] = table
    # the quick test: the nouns that contain no other ("centaine" stands for
    # "centaines" too)
    spec.__dict__["_cn_keys"] = tuple(w for w in table if not any(o != w and o in w for o in table))
    if not table:
        res["count_noun"] = None
        return
    follow = [str(x) for x in cn.get("followed_by") or []]
    # the noun, then (when the language asks for one) the word linking it to
    # what it counts
    res["count_noun"] = re.compile(
        r"(?<![^\W_])(?P<n>" + _alt(list(table)) + r")"
        + (r"(?P<f>[ \u00a0]+" + _alt(follow) + r")" if follow else ""), re.I)
    arts = [str(x) for x in cn.get("articles") or []]
    # an article (also elided onto a preposition: "plus d'une vingtaine")
    res["count_article"] = (re.compile(r"(?<![^\W_'’])" + _alt(arts) + r"[ \u00a0]+$", re.I) if arts else None)
    res["count_word_before"] = re.compile(r"(?<![^\W_])(?P<w>" + _LETTER + r"+|\d+)[ \u00a0]+$")


# ---------------------------------------------------------------- figures


def _parse_figure(s: str, spec: _Spec) -> tuple[float, list[tuple[str, str]], list[float]] | None:
    """:func:`_read_figure`, remembered per language (the same figures come
    back again and again); callers copy the lists they change."""
    cache = spec.__dict__.get("_figures")
    if cache is None or len(cache) > 50_000:
        cache = spec.__dict__["_figures"] = {}
    r = cache.get(s, _MISSING)
    if r is _MISSING:
        r = _read_figure(s, spec)
        if r is not None and not math.isfinite(r[0]):
            r = None  # hundreds of digits: beyond a float, and no quantity a reader takes away
        cache[s] = r
    return r


_MISSING = object()


def _read_figure(s: str, spec: _Spec) -> tuple[float, list[tuple[str, str]], list[float]] | None:
    """Read a written figure the way a reader of ``spec.lang`` reads it.

    Returns (value, issues, alternative values) or None when the string is
    no number (a version, a date-like chain).
    """
    t = s
    for c in _NBSP + "'’":
        t = t.replace(c, " ")
    has_space = " " in t
    t = t.replace(" ", "")
    marks = [c for c in t if c in ".,"]
    issues: list[tuple[str, str]] = []
    alts: list[float] = []
    if not marks:
        return float(t), issues, alts
    parts = _MARKS.split(t)
    head, tail = parts[0], parts[1:]
    kinds = set(marks)
    if len(marks) == 1:
        c = marks[0]
        frac = tail[0]
        dec_val = float(head + "." + frac)
        grouped_ok = len(frac) == 3 and 1 <= len(head) <= 3 and head[0] != "0"
        if has_space:  # "1 500,5": spaces grouped, the mark is the decimal
            if c == spec.dec:
                return dec_val, issues, alts
            issues.append(("foreign-decimal", f"the decimal mark {c!r} is not the one {_LANG_NAME.get(spec.lang, spec.lang)} uses"))
            return dec_val, issues, alts
        if c == spec.dec:
            if grouped_ok:
                alts.append(float(head + frac))
                issues.append(("ambiguous-grouping",
                               f"{s!r} reads as {_fmt(dec_val)} in {_LANG_NAME.get(spec.lang, spec.lang)}, but looks like a thousands grouping ({_fmt(float(head + frac))})"))
            return dec_val, issues, alts
        if c in spec.groups and grouped_ok:
            return float(head + frac), issues, alts
        # a decimal written with the other language's mark ("4.5" in German)
        issues.append(("foreign-decimal",
                       f"{s!r} uses {c!r} as a decimal mark, which {_LANG_NAME.get(spec.lang, spec.lang)} does not"))
        return dec_val, issues, alts
    if len(kinds) == 1:
        c = marks[0]
        if not (1 <= len(head) <= 3) or any(len(p) != 3 for p in tail):
            return None  # "1.6.2018", "1.2.3": not one figure
        val = float(head + "".join(tail))
        if c == spec.dec:
            issues.append(("foreign-grouping",
                           f"{s!r} groups thousands with {c!r}, the decimal mark of {_LANG_NAME.get(spec.lang, spec.lang)}"))
        return val, issues, alts
    # both marks: the last one is the decimal mark
    last = marks[-1]
    if marks.count(last) != 1:
        return None
    int_parts, frac = parts[:-1], parts[-1]
    if not (1 <= len(int_parts[0]) <= 3) or any(len(p) != 3 for p in int_parts[1:]):
        return None
    val = float("".join(int_parts) + "." + frac)
    if last != spec.dec:
        issues.append(("foreign-format",
                       f"{s!r} is written the {'English' if last == '.' else 'continental'} way, not the {_LANG_NAME.get(spec.lang, spec.lang)} way"))
    return val, issues, alts


_LANG_NAME = {"en": "English", "de": "German", "fr": "French"}
_MARKS = re.compile(r"[.,]")
_SPACES = re.compile(r"[\s\u00a0]+")


def _fmt(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.6g}" if abs(v) >= 1e6 else f"{v:,.10g}"


# ------------------------------------------------------------ spelled numbers


def _split_morphs(word: str, spec: _Spec) -> list[str] | None:
    """Split a (German) compound number word into lexicon morphs (remembered
    per language; the list returned is shared, callers must not change it)."""
    cache = spec.__dict__.get("_morphs")
    if cache is None or len(cache) > 50_000:
        cache = spec.__dict__["_morphs"] = {}
    r = cache.get(word, _MISSING)
    if r is _MISSING:
        r = cache[word] = _split_morphs_uncached(word, spec)
    return r


def _split_morphs_uncached(word: str, spec: _Spec) -> list[str] | None:
    w = word.lower().replace("\u00ad", "")
    n = len(w)
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - 1, -1, -1):
        for j in range(n, i, -1):
            piece = w[i:j]
            if (piece in spec.words or piece == "und") and best[j] is not None:
                best[i] = [piece] + best[j]  # type: ignore[operator]
                break
    return best[0]


def _eval_morphs(morphs: list[tuple[str, int]], spec: _Spec) -> list[tuple[int, int, float]]:
    """Evaluate a run of number words.

    ``morphs`` is a list of (morph, word index); returns numbers as (first
    word index, last word index, value); a run that does not parse as one
    number is cut where it stops making sense ("two three" -> 2, 3).
    """
    out: list[tuple[int, int, float]] = []
    total = 0.0
    cur = 0.0
    last_scale = None
    first = None
    last_w = None
    joined = False
    prev_unit = None
    bad_words: set[int] = set()

    def flush():
        nonlocal total, cur, last_scale, first, prev_unit
        if first is not None:
            out.append((first, last_w, total + cur))
        total, cur, last_scale, first, prev_unit = 0.0, 0.0, None, None, None

    for m, wi in morphs:
        if wi in bad_words:
            continue
        if m == "und":
            joined = True
            continue
        v = spec.words[m]
        ok = True
        if v < 1:  # "einhalb": a fraction closes the number
            if first is None or cur % 1:
                ok = False
            else:
                cur += v
                last_w = wi
                continue
        if v == 100:
            if cur % 1000 >= 100:
                ok = False
        elif v >= 1000:
            if last_scale is not None and v >= last_scale:
                ok = False
        else:
            low = cur % 100
            if prev_unit is not None and v in spec.multiplying_tens and 2 <= prev_unit <= 9 and low == prev_unit:
                pass
            elif low == 0:
                pass
            elif joined and low < 10 and v >= 20 and v % 10 == 0:
                pass
            elif low >= 10 and low % 10 == 0 and v < 10 and low != 10 or low == 10 and 7 <= v <= 9:
                pass
            elif low >= 60 and low % 20 == 0 and 10 <= v < 20:
                pass
            else:
                ok = False
        joined = False
        if not ok:
            if first is not None and wi == last_w:
                # inside one word: the word is no number; drop it
                bad_words.add(wi)
                total, cur, last_scale, first, prev_unit = 0.0, 0.0, None, None, None
                continue
            flush()
        if first is None:
            first = wi
        last_w = wi
        if v == 100:
            cur = (cur or 1) * 100
            prev_unit = None
        elif v >= 1000:
            total += (cur or 1) * v
            cur = 0.0
            last_scale = v
            prev_unit = None
        else:
            low = cur % 100
            if prev_unit is not None and v in spec.multiplying_tens and low == prev_unit and 2 <= prev_unit <= 9:
                cur = cur - prev_unit + prev_unit * v
                prev_unit = None
            else:
                cur += v
                prev_unit = v if v < 10 else None
    flush()
    return [o for o in out if not (set(range(o[0], o[1] + 1)) & bad_words)]


# ------------------------------------------------------------------ extract


class _Q:
    """A quantity while it is being read (a plain slotted record: one is
    made for every figure and number word)."""

    __slots__ = ("start", "end", "value", "role", "number", "unit", "currencies", "power", "issues", "alts",
                 "extra", "qual_at")

    def __init__(self, start: int, end: int, value: float | None, role: str, number: float | None = None,
                 unit: str | None = None, currencies: tuple[str, ...] | None = None, power: int = 0,
                 issues: list | None = None, alts: list | None = None, extra: dict | None = None) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.role = role
        self.number = number
        self.unit = unit
        self.currencies = currencies
        self.power = power
        self.issues = [] if issues is None else issues
        self.alts = [] if alts is None else alts
        self.extra = {} if extra is None else extra
        self.qual_at = None  # (offset, qualifier phrase before it) once looked up


def extract(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``; offsets index ``text``.

    Remembered per (text, lang, start, end) within a run: the numbers check
    and the claim ledger read the same sentences.  The records are shared
    between callers, who must not change them."""
    return list(_extract_cached(text, lang, start, end))


def extract_shared(text: str, lang: str, start: int = 0, end: int | None = None) -> tuple[Quantity, ...]:
    """:func:`extract` without the copy: the remembered tuple itself."""
    return _extract_cached(text, lang, start, end)


@lru_cache(maxsize=65_536)
def _extract_cached(text: str, lang: str, start: int, end: int | None) -> tuple[Quantity, ...]:
    return tuple(_extract(text, lang, start, end))


def clear_cache() -> None:
    """Forget remembered extractions and the per-language memos of figures,
    words and runs (compiled patterns stay); for benchmarks and tests."""
    _extract_cached.cache_clear()
    for spec in _SPECS.values():
        for k in ("_figures", "_morphs", "_runs", "_cls_cache", "_cur_memo"):
            spec.__dict__.pop(k, None)


def _extract(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    if not text:
        return []
    if end is None or end > len(text):
        end = len(text)
    start = max(0, start)
    if start >= end:
        return []
    spec = _spec(lang if lang in ("en", "de", "fr") or lang_data(lang, "numbers") else "en")
    found: list[_Q] = []
    _digits(text, spec, start, end, found)
    _scan_words(text, spec, start, end, found, found[:])
    # fractions and counting nouns are rare: a substring test comes before their scans
    frac, cnoun = spec.res["frac_phrase"] is not None, spec.res["count_noun"] is not None
    low = text[start:end].lower() if frac or cnoun else ""
    if frac and any(k in low for k in spec.__dict__["_frac_keys"]):
        _fraction_phrases(text, spec, start, end, found)
    if cnoun and any(k in low for k in spec.__dict__["_cn_keys"]):
        _count_nouns(text, spec, start, end, found)
    if len(found) > 1:
        found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[_Q] = []
    last_end = -1
    for q in found:
        if q.start >= last_end and q.end <= end:
            kept.append(q)
            last_end = q.end
    if len(kept) > 1:
        kept = _merge_parts(text, spec, kept, end)
        kept = _merge_additive(text, spec, kept)
        _share_ranges(text, spec, kept)
    return [_finish(text, spec, q, start) for q in kept]


def _attach(text: str, spec: _Spec, q: _Q, pos: int, end: int, fused_ok: bool = True) -> None:
    """Attach what follows a number: magnitude, currency, percent, unit."""
    res = spec.res
    # currency before
    if q.currencies is None:
        k = q.start - 1
        if k > 0 and text[k] in " \u00a0\u202f":
            k -= 1
        m = (res["cur_before"].search(text, max(0, q.start - 8), q.start)
             if k >= 0 and text[k] in spec.__dict__["_cur_last"] else None)
        if m:
            q.currencies = _cur_codes(spec, m.group("code") or m.group("sym"))
            q.start = m.start()
    mf = res["follow"].match(text, pos, end)
    if not mf:
        if q.currencies is not None:
            q.role = "amount"
            q.unit = q.currencies[0]
        return
    # at ``pos0`` the alternatives of "follow" before the one that matched
    # are known not to match: their own patterns need not be tried there
    rank = spec.__dict__["_follow_rank"]
    first = rank[mf.lastgroup]
    pos0 = pos
    tail = res["tail"]
    if tail is not None and q.number is not None and q.power == 0 and q.number == int(q.number) \
            and "fraction" not in q.extra:
        # "two and a half (million)"
        mt = tail.match(text, pos, end) if rank["tail"] >= first else None
        if mt:
            f = spec.tails[" ".join(mt.group("t").lower().split())]
            q.value = (q.value or 0) + f
            q.number += f
            q.extra["fraction"] = True
            pos = mt.end()
    m = res["mag"].match(text, pos, end) if pos != pos0 or rank["mag"] >= first else None
    if m and not (m.group("sp") == "" and m.group("m")[0].isalpha() and pos > 0 and text[pos - 1].isalpha()):
        power, abbrev, nonstd = spec.mag[m.group("m").lower()]
        fused = m.group("sp") == ""
        keep = True
        if abbrev:
            after_cur = res["cur_after_sym"].match(text, m.end(), end)
            keep = q.currencies is not None or bool(after_cur) or (fused and power >= 9)
        if keep and q.number is not None and q.power == 0:
            q.power = power
            q.value = (q.value or 0) * 10 ** power
            if nonstd:
                q.issues.append(("nonstandard-magnitude", f"{m.group('m')!r}: {nonstd}"))
            pos = m.end()
            m2 = res["mag"].match(text, pos, end)
            if m2 and m2.group("sp") and not spec.mag[m2.group("m").lower()][1]:
                p2 = spec.mag[m2.group("m").lower()][0]
                q.power += p2
                q.value = q.value * 10 ** p2
                pos = m2.end()
    if (tail is not None and q.power and "fraction" not in q.extra and q.value is not None
            and q.number is not None and q.number == int(q.number)):
        # "deux millions et demi": half a million more
        mt = tail.match(text, pos, end) if pos != pos0 or rank["tail"] >= first else None
        if mt:
            f = spec.tails[" ".join(mt.group("t").lower().split())]
            q.number = q.number + f if q.number != q.value else q.value + f * 10 ** q.power
            q.value += f * 10 ** q.power
            q.extra["fraction"] = True
            pos = mt.end()
    # currency after
    m = res["cur_after"].match(text, pos, end) if pos != pos0 or rank["cur_after"] >= first else None
    if m:
        c = m.group("c")
        is_code = c.isalpha() and c.isupper() and c in getattr(spec, "res_symbols", {})
        if c.isalpha() and c.upper() == c and not is_code and c.lower() not in spec.currency:
            m = None
    if m:
        c = m.group("c")
        codes = _cur_codes(spec, c)
        if codes and (q.currencies is None):
            q.currencies = codes
            pos = m.end()
        elif codes and set(codes) & set(q.currencies or ()):
            pos = m.end()  # "$600 million dollars"
    if q.currencies is None:
        m = res["pct"].match(text, pos, end) if pos != pos0 or rank["pct"] >= first else None
        if m:
            if " ".join(m.group("p").lower().split()) in spec.points:
                q.unit = "pp"
                q.role = "percentage point"
            else:
                q.unit = "%"
                q.role = "percent"
            pos = m.end()
    if q.currencies is None and q.unit is None and res["suffix"] is not None and q.power == 0:
        m = res["suffix"].match(text, pos, end)
        if m and (m.end() >= end or not text[m.end()].isalpha() or spec.lang == "de"):
            q.unit = spec.suffixes.get(m.group(0)) or spec.suffixes.get(m.group(0).lower()) or _suffix_unit(spec, m.group(0))
            q.extra["suffix"] = q.unit
            pos = m.end()
            # a German compound goes on to the word's end ("dreijährigen")
            while pos < end and text[pos].isalpha():
                pos += 1
    if q.currencies is not None:
        q.role = "amount"
        q.unit = q.currencies[0]
    q.end = max(q.end, pos)


def _suffix_unit(spec: _Spec, s: str) -> str:
    for k, v in spec.suffixes.items():
        if k.lower() == s.lower():
            return v
    return "unit"


def _cur_codes(spec: _Spec, c: str) -> tuple[str, ...] | None:
    """The currency codes a symbol, code or word stands for (remembered)."""
    cache = spec.__dict__.setdefault("_cur_memo", {})
    r = cache.get(c, _MISSING)
    if r is _MISSING:
        r = cache[c] = _cur_codes_uncached(spec, c)
    return r


def _cur_codes_uncached(spec: _Spec, c: str) -> tuple[str, ...] | None:
    syms = getattr(spec, "res_symbols", {})
    if c in syms:
        return syms[c]
    if c.upper() in syms and c.isalpha() and c.isupper():
        return syms[c.upper()]
    key = _SPACES.sub(" ", c.lower())
    return spec.currency.get(key)


def _digits(text: str, spec: _Spec, start: int, end: int, out: list[_Q]) -> None:
    res = spec.res
    sd = spec.__dict__
    dec = spec.dec
    split_dec, month_after, month_before = res["split_dec"], res["month_after"], res["month_before"]
    ord_digit, ord_dot = res["ord_digit"], res["ord_dot"]
    ord_first = sd["_ord_first"]
    english = spec.lang == "en"
    for m in res["digits"].finditer(text, start, end):
        raw = m.group()
        # a trailing mark is punctuation, not part of the figure
        parsed = _parse_figure(raw, spec)
        if parsed is None:
            continue
        s, e = m.span()
        value, issues, alts = parsed
        plain = raw.isdigit()  # (no "." or "," then)
        q = _Q(s, e, value, "count", value, None, None, 0, list(issues), list(alts))
        # "4, 5 Milliarden": a decimal split apart by MT
        if plain and len(raw) <= 3 and text.startswith(dec, e, end):
            sm = split_dec.match(text, e, end)
            if sm:
                q.value = q.number = float(raw + "." + sm.group("f"))
                q.issues.append(("split-decimal", f"the decimal {raw}{dec}{sm.group('f')} is split by a space"))
                q.end = e = sm.end("f")
        # what follows: letters glued to the figure that are no magnitude,
        # ordinal or unit mark an identifier ("5G", "A4") -> skip
        nxt = text[e] if e < end else ""
        # dates: "1. Juni", "1er juin", "1 June", "June 1"
        if plain and 1 <= value <= 31 and value == int(value):
            # (the pattern starts with a dot, a space or a letter)
            mm = (month_after.match(text, e, end)
                  if e < end and (nxt in ". \u00a0" or nxt.isalpha()) else None)
            if mm and (spec.lang != "de" or mm.group("dot")):
                q.role = "date"
                q.value = spec.months[mm.group("m").lower().replace("\u00a0", " ")] * 100 + value
                q.end = mm.end()
                q.extra["day"] = int(value)
                out.append(q)
                continue
            mb = (month_before.search(text, max(0, s - 12), s)
                  if english and s > 0 and text[s - 1] in " \u00a0" else None)
            if mb and not (e < end and text[e].isdigit()):
                q.role = "date"
                q.value = spec.months[mb.group("m").lower()] * 100 + value
                q.start = mb.start()
                q.extra["day"] = int(value)
                out.append(q)
                continue
        if ord_digit is not None and nxt in ord_first:
            om = ord_digit.match(text, e, end)
            if om and value == int(value) and plain:
                q.role = "ordinal"
                q.end = om.end()
                out.append(q)
                continue
        # (the same order of tests as ever: int() of an endless figure raises)
        if ord_dot is not None and value == int(value) and nxt == "." and value < 1000 and plain:
            if ord_dot.match(text, e, end) and not _sentence_end_before_dot(text, e, s):
                q.role = "ordinal"
                q.end = e + 1
                out.append(q)
                continue
        _attach(text, spec, q, q.end, end)
        if q.end == e and nxt.isalpha():
            continue  # "5G", "2014gekauft": no quantity we can read
        _year_role(text, spec, q, raw)
        out.append(q)


def _sentence_end_before_dot(text: str, e: int, s: int) -> bool:
    """German "2014. Die": a four-digit year closing a sentence is no ordinal."""
    return e - s >= 4


def _year_role(text: str, spec: _Spec, q: _Q, raw: str) -> None:
    # the year word and the qualifier before the figure, in one look
    ctx, qual = _phrases_at(text, q.start, spec)
    q.qual_at = (q.start, qual)
    if ctx:
        q.extra["year_context"] = True
        q.extra["context_start"] = ctx[1]
    if (q.role == "count" and q.power == 0 and q.unit is None and raw.isdigit() and len(raw) == 4
            and 1100 <= q.value <= 2100 and (ctx or 1800 <= q.value <= 2100)):
        q.role = "year"


_TOKEN = re.compile(r"[^\W\d_]+(?:\u00ad[^\W\d_]+)*")


def _classify(spec: _Spec, lw: str) -> tuple[int, int, bool, bool, bool, bool] | None:
    """What one lower-cased word is: (number prefix length or 0, ordinal value
    or 0, vague, joiner, decimal word, -); None when it is none of these."""
    cache = spec.__dict__.setdefault("_cls_cache", {})
    if lw in cache:
        return cache[lw]
    num = 0
    if lw in spec.words and lw not in spec.bound:
        num = len(lw)
    elif spec.res.get("compound"):
        ms = _split_morphs(lw, spec)
        if ms and not all(x == "und" for x in ms):
            num = len(lw)
        else:
            for suf in spec.__dict__.setdefault("_alpha_suffixes", [k.lower() for k in spec.suffixes if k[0].isalpha()]):
                if lw.endswith(suf) and len(lw) > len(suf):
                    ms = _split_morphs(lw[: -len(suf)], spec)
                    if ms and not all(x == "und" for x in ms) and not (len(ms) == 1 and ms[0] in spec.bound):
                        num = len(lw) - len(suf)
                        break
    if not num and spec.__dict__.get("_decfused"):
        split = _fused_decimal(spec, lw)
        if split:
            r = cache[lw] = (0, 0, False, False, False, split)
            return r
    ordv = spec.ordinals.get(lw, 0)
    vague = lw in spec.vague
    join = lw in spec.__dict__.setdefault("_joiners", set())
    dec = lw in spec.__dict__.setdefault("_decwords", set())
    r = (num, ordv, vague, join, dec, False) if (num or ordv or vague or join or dec) else None
    cache[lw] = r
    return r


# the gap between two words of a run; empty between the pieces of a word
# split at a fused decimal word ("sechs|komma|acht")
def _fused_decimal(spec: _Spec, lw: str) -> tuple[tuple[int, int], ...] | None:
    """The pieces of a word with a decimal word inside ("sechskommaacht",
    "kommaacht", "sechskomma"), as (start, end) offsets, or None."""
    for d in spec.__dict__["_decwords"]:
        i = lw.find(d)
        if i < 0:
            continue
        left, right = lw[:i], lw[i + len(d):]
        if not left and not right:
            return None
        for part in (left, right):
            if part:
                ms = _split_morphs(part, spec)
                if not ms or all(x == "und" for x in ms) or (len(ms) == 1 and ms[0] in spec.bound):
                    return None
        pieces = ((0, i), (i, i + len(d)), (i + len(d), len(lw)))
        return tuple(p for p in pieces if p[1] > p[0])
    return None


_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_]+)")


def _fused_connects(text: str, spec: _Spec, pieces, lw: str, s: int, e: int, end: int, toks, cls) -> bool:
    """A fused decimal word open on one side ("Kommaacht", "sechskomma")
    needs a number word on that side."""
    decwords = spec.__dict__["_decwords"]
    if lw[pieces[0][0]:pieces[0][1]] in decwords:
        # no whole part: the word before must be a number
        if not toks or not toks[-1][4] or toks[-1][4][0] != len(toks[-1][3]) or text[toks[-1][1]:s].strip(" \u00a0"):
            return False
    if lw[pieces[-1][0]:pieces[-1][1]] in decwords:
        # no decimals: the word after must be a number
        m = _NEXT_WORD.match(text, e, end)
        if not m:
            return False
        nxt = m.group(1).lower()
        c = cls[nxt] if nxt in cls else _classify(spec, nxt)
        if not c or c[0] != len(nxt):
            return False
    return True


_RUN_GAP = re.compile(r"[ \u00a0]*|[ \u00a0]*-[ \u00a0]*")


_LOWER_WORDS = re.compile(r"[^\W\d_]+")
_LETTERS = _LOWER_WORDS


def _slow_prefilter(spec: _Spec) -> tuple[frozenset, tuple]:
    pre = spec.__dict__.get("_prefilter")
    if pre is None:
        vocab = set(spec.words) | set(spec.ordinals) | set(spec.vague)
        starts = tuple(sorted(w for w in spec.words if w not in spec.bound)) if spec.res.get("compound") else ()
        pre = spec.__dict__["_prefilter"] = (frozenset(vocab), starts)
    return pre


def _latin1(s: str) -> bool:
    """Whether every character of ``s`` is in Latin-1."""
    if s.isascii():
        return True
    try:
        s.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _rest_trie(rests: set[str], shy: bool = False) -> str:
    """The alternation of what follows a first letter ("" among ``rests``
    for a one-letter word)."""
    ne = {r for r in rests if r}
    t = _trie(ne, False, False, shy=shy) if ne else ""
    if shy and t:
        t = "\u00ad?" + t
    if "" in rests:
        return "(?:" + t + "|)" if t else ""
    return t


def _pre_pattern_low(vocab: set[str], starts: set[str]) -> str:
    """The quick test of :func:`_word_scanner` (a word of ``vocab`` standing
    alone, or a word starting with one of ``starts``), for lower-cased text,
    first letter first: the same places match."""
    by: dict[str, tuple[set, set]] = {}
    for w in vocab:
        by.setdefault(w[0], (set(), set()))[0].add(w[1:])
    for w in starts:
        by.setdefault(w[0], (set(), set()))[1].add(w[1:])
    if not by:
        return "(?!x)x"
    alts = []
    for c in sorted(by):
        v, st = by[c]
        parts = []
        if v:
            parts.append(_rest_trie(v) + r"(?![^\W\d_])")
        if st:
            parts.append(_rest_trie(st))
        alts.append(re.escape(c) + r"(?<!" + _LETTER + re.escape(c) + r")(?:" + "|".join(parts) + ")")
    return "(?:" + "|".join(alts) + ")"


def _cand_pattern_low(keys: set[str]) -> str:
    """The candidate words of :func:`_word_scanner`, for lower-cased text,
    first letter first: the same words match.  (A key starting with no
    letter can start no word.)"""
    by: dict[str, set] = {}
    for w in keys:
        if w and _LETTERS.fullmatch(w[0]):
            by.setdefault(w[0], set()).add(w[1:])
    if not by:
        return "(?!x)x"
    alts = []
    for c in sorted(by):
        rest = _rest_trie(by[c], shy=True)
        alts.append(re.escape(c) + r"(?<!" + _LETTER + re.escape(c) + r")(?<!" + _LETTER + "\u00ad" + re.escape(c) + ")"
                    + ("(?=" + rest + ")" if rest else ""))
    return "(?:" + "|".join(alts) + r")[^\W\d_]*(?:\u00ad[^\W\d_]+)*"


def _word_scanner(spec: _Spec) -> tuple[re.Pattern, re.Pattern]:
    """Two compiled patterns per language, built from the data:

    ``pre``   the quick test whether a stretch holds any number word at all
              (a word of the vocabulary, or in compounding languages a word
              starting with a number word);
    ``cand``  the words worth classifying: every word that may be a number
              word, an ordinal, a bare magnitude, a joiner or a decimal word
              (and the halves of hyphenated ordinals).  Other words can only
              end a run of number words, which the gap between two
              candidates shows as well.
    """
    sc = spec.__dict__.get("_scanner")
    if sc is None:
        compound = bool(spec.res.get("compound"))
        # the test reads letter runs, so only all-letter entries can hit
        vocab = {w for w in set(spec.words) | set(spec.ordinals) | set(spec.vague) if _LETTERS.fullmatch(w)}
        starts = {w for w in spec.words if w not in spec.bound and _LETTERS.fullmatch(w)} if compound else set()
        pre = re.compile(r"(?<![^\W\d_])(?:" + _trie(vocab, False, False) + r"(?![^\W\d_])|"
                         + _trie(starts, False, False) + ")", re.I)
        keys = set(spec.words) | set(spec.ordinals) | set(spec.vague) | spec.__dict__.get("_joiners", set()) | spec.__dict__.get("_decwords", set())
        if compound:
            keys.add("und")  # _split_morphs reads "und" inside compounds
        for k in spec.ordinals:
            if k.count("-") == 1:
                keys.update(k.split("-"))
        cand = re.compile(r"(?<![^\W\d_])(?<![^\W\d_]\u00ad)(?=" + _trie(keys, False, False, shy=True) + r")"
                          r"[^\W\d_]+(?:\u00ad[^\W\d_]+)*", re.I)
        sc = spec.__dict__["_scanner"] = (pre, cand)
        # the same patterns without IGNORECASE, for a lower-cased stretch of
        # Latin-1 text (where IGNORECASE and str.lower() agree letter for
        # letter, and lower-casing keeps every offset): the engine then
        # tests plain characters instead of folding every one
        # Both are written first letter first (each first letter followed by
        # the look-behind, then the rest of the words it starts), so that
        # the engine skips ahead to the letters that may start a hit.
        spec.__dict__["_scanner_low"] = (re.compile(_pre_pattern_low(vocab, starts)),
                                         re.compile(_cand_pattern_low(keys)))
        # scanning may start at the first word the quick test finds when
        # every hyphenated ordinal starts with a word that test knows
        # and no word before the hit may be a compound of a joiner and
        # number words ("undzwanzig"), which that test does not see
        ok = all(k.split("-")[0] in vocab for k in spec.ordinals if k.count("-") == 1)
        joins = sorted(spec.__dict__.get("_joiners", set()) | ({"und"} if compound else set()))
        spec.__dict__["_skip_guard"] = (re.compile(_trie(joins, False, False) if compound and joins else "(?!x)x", re.I)
                                        if ok else None)
        # (None as well when there is nothing to guard against: no joiners)
        spec.__dict__["_skip_guard_low"] = (re.compile(spec.__dict__["_skip_guard"].pattern)
                                            if ok and compound and joins else None)
        spec.__dict__["_skip_ok"] = ok
        # a word that starts with a joiner ("undzwanzig"), which the quick
        # test does not see either: anywhere in the stretch, it must be read
        # (first letter first, as above)
        spec.__dict__["_joined_low"] = (re.compile("|".join(
            re.escape(j[0]) + r"(?<![^\W\d_]" + re.escape(j[0]) + ")" + re.escape(j[1:]) + r"(?=[^\W\d_])"
            for j in joins)) if compound and joins else None)
    return sc


def _scan_words(text: str, spec: _Spec, start: int, end: int, out: list[_Q], figures: list[_Q] = ()) -> None:
    """Spelled numbers, ordinal words and bare magnitude words, by tokens.
    ``figures``: the quantities read from digits (their magnitude words need
    no reading of their own)."""
    cls = spec.__dict__.get("_cls_cache")
    if cls is None:
        cls = spec.__dict__["_cls_cache"] = {}
    toks = []
    low = None  # the lower-cased stretch, when it may stand for the text
    if start > 0 and not text[start - 1].isspace():
        # the stretch starts inside a word (the patterns below would look
        # behind it): test and tokenise the slice word by word
        vocab, prefixes = _slow_prefilter(spec)
        if not any(w in vocab or w.startswith(prefixes) for w in _LOWER_WORDS.findall(text[start:end].lower())):
            return
        spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
    else:
        pre, cand = _word_scanner(spec)
        win = text[start:end]
        low = win.lower()
        if len(low) == len(win) and _latin1(win):
            pre, cand = spec.__dict__["_scanner_low"]
            guard = spec.__dict__["_skip_guard_low"]
            # most sentences have none: one quick search first
            hit = pre.search(low)
            if hit is None:
                return
            # no hit can start a quantity that survives (and no word hides
            # from the quick test): nothing to tokenise
            if (spec.__dict__["_skip_ok"] and "\u00ad" not in low
                    and _nothing_to_read(text, spec, low, hit, figures, start, end, cls)):
                joined = spec.__dict__["_joined_low"]
                if joined is None or not joined.search(low):
                    return
            pos0 = hit.start() + start
            if spec.__dict__["_skip_ok"] and (guard is None or not guard.search(low, 0, pos0 - start)):
                while pos0 > start and (text[pos0 - 1] == "\u00ad" or _LETTERS.match(text, pos0 - 1)):
                    pos0 -= 1
            else:
                pos0 = start
            spans = [(a + start, b + start) for a, b in (m.span() for m in cand.finditer(low, pos0 - start))]
        else:
            low = None
            # most sentences have none: one quick search first
            hit = pre.search(text, start, end)
            if hit is None:
                return
            # the words before the first number word can start no quantity
            # (joiners, decimal words): tokens from the word holding the hit on
            pos0 = hit.start()
            guard = spec.__dict__["_skip_guard"]
            if guard is not None and not guard.search(text, start, pos0):
                while pos0 > start and (text[pos0 - 1] == "\u00ad" or _LETTERS.match(text, pos0 - 1)):
                    pos0 -= 1
            else:
                pos0 = start
            spans = [m.span() for m in cand.finditer(text, pos0, end)]
    for ms, me in spans:
        w = text[ms:me]
        lw = w.lower() if low is None else low[ms - start:me - start]
        if "\u00ad" in lw:
            lw = lw.replace("\u00ad", "")
        c = cls[lw] if lw in cls else _classify(spec, lw)
        if c is not None and c[5]:
            # "sechskommaacht": the pieces as words of their own; "Kommaacht"
            # and "sechskomma" only next to a number word ("sieben Kommaacht")
            if "\u00ad" in w or not _fused_connects(text, spec, c[5], lw, ms, me, end, toks, cls):
                continue
            for a, b in c[5]:
                sub = lw[a:b]
                toks.append((ms + a, ms + b, w[a:b], sub, cls[sub] if sub in cls else _classify(spec, sub)))
            continue
        toks.append((ms, me, w, lw, c))
    compound = bool(spec.res.get("compound"))
    n = len(toks)
    i = 0
    runs = []
    while i < n:
        s, e, w, lw, c = toks[i]
        # hyphenated ordinals: "dix-septième"
        if i + 1 < n and text[e:toks[i + 1][0]] == "-":
            combo = lw + "-" + toks[i + 1][3]
            if combo in spec.ordinals:
                out.append(_Q(s, toks[i + 1][1], float(spec.ordinals[combo]), "ordinal",
                              number=float(spec.ordinals[combo]), extra={"spelled": True}))
                i += 2
                continue
        if c is None:
            i += 1
            continue
        num, ordv, vague, join, dec, _ = c
        if not num:
            if ordv:
                out.append(_Q(s, e, float(ordv), "ordinal", number=float(ordv), extra={"spelled": True}))
            elif vague:
                _vague_at(text, spec, s, e, lw, end, out)
            i += 1
            continue
        # a run of number words
        words = [(s, s + num if num < len(lw) and "\u00ad" not in w else e, w if num == len(lw) else w[:num])]
        dec_start = None
        dec_words: list[str] = []
        j = i + 1
        last_e = words[-1][1]
        while j < n and num == len(lw):
            s2, e2, w2, lw2, c2 = toks[j]
            gap = text[last_e:s2]
            if c2 is None or not _RUN_GAP.fullmatch(gap) or (compound and "-" in gap):
                break
            if c2[3] and not compound:  # "and", "et": only between number words
                if j + 1 < n and toks[j + 1][4] and toks[j + 1][4][0] and _RUN_GAP.fullmatch(text[e2:toks[j + 1][0]]):
                    j += 1
                    last_e = e2
                    if dec_start is not None:
                        dec_words.append(lw2)
                    continue
                break
            if c2[4] and dec_start is None:  # "komma", "point", "virgule"
                if j + 1 < n and toks[j + 1][4] and toks[j + 1][4][0] and _RUN_GAP.fullmatch(text[e2:toks[j + 1][0]]):
                    dec_start = s2
                    j += 1
                    last_e = e2
                    continue
                break
            if not c2[0] or c2[0] != len(lw2):
                break
            if dec_start is None:
                words.append((s2, e2, w2))
            else:
                dec_words.append(lw2)
            last_e = e2
            j += 1
        runs.append((words[0][0], last_e if dec_start is not None else words[-1][1], dec_start, words, dec_words))
        i = j
    _words(text, spec, runs, end, out, _kept_figures(figures, toks) if figures and runs else ())


def _nothing_to_read(text: str, spec: _Spec, low: str, hit: re.Match, figures, start: int, end: int,
                     cls: dict) -> bool:
    """Whether no hit of the quick test in ``low`` (the lower-cased stretch
    from ``start``) can start a word quantity that survives: each one lies
    inside a figure after its first character ("$410 million": it loses to
    the figure when overlaps are resolved, and the figures do not overlap),
    or is a word that is no number at all ("einzige", "einfach" read as
    nothing), or an article ("ein", "one", "une") that no number word,
    magnitude, fraction or "and a half" follows.  (Only for a stretch
    without soft hyphens: a word broken by one escapes the quick test.)"""
    pre = hit.re
    res = spec.res
    prev_end = -1
    for f in figures:
        if f.start < prev_end:
            return False
        prev_end = f.end
    i, n = 0, len(figures)
    while hit is not None:
        h = hit.start() + start
        while i < n and figures[i].end <= h:
            i += 1
        if i < n and figures[i].start < h:
            hit = pre.search(low, figures[i].end - start)
            continue
        tok = _TOKEN_PLAIN.match(low, hit.start())
        lw = tok.group()
        e = tok.end() + start
        if e < end and text[e] in "-\u00ad":
            return False  # "dix-septième", a soft hyphen: read it in full
        c = cls[lw] if lw in cls else _classify(spec, lw)
        if c is not None:
            k = c[0]
            if not k or any(c[1:]) or lw[:k] not in spec.excluded:
                return False
            # an article, or a word that starts with one ("einfach"):
            # nothing may follow that makes it a number
            a = h + k
            if res["mag"].match(text, a, end) or (res["tail"] is not None and res["tail"].match(text, a, end)) \
                    or (res["frac"] is not None and res["frac"].match(text, a, end)):
                return False
            nxt = _NEXT_WORD.match(low, tok.end()) if a == e else None
            if nxt is not None:
                w2 = nxt.group(1)
                if (cls[w2] if w2 in cls else _classify(spec, w2)) is not None:
                    return False
        hit = pre.search(low, tok.end())
    return True


_TOKEN_PLAIN = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"[ \u00a0]*(?:-[ \u00a0]*)?([^\W\d_]+)")  # a gap of _RUN_GAP, the word after it


_REACH = 64  # more than a spelled quantity can reach past its last word


def _kept_figures(figures: list[_Q], toks) -> list[tuple[int, int]]:
    """Spans of figures that no word quantity can overlap from the left, so
    that they survive the overlap resolution in :func:`_extract`: a word
    starting inside one of them is dropped there, and need not be read.
    None when figures overlap each other (the resolution may then go
    either way)."""
    if len(figures) > 1:
        fs = sorted(figures, key=_by_start)
        prev_end = fs[0].end
        for b in fs[1:]:
            if b.start < prev_end:
                return []
            prev_end = b.end
    else:
        fs = figures
    out = []
    for q in fs:
        qs = q.start
        lo = qs - _REACH
        for t in toks:
            if lo <= t[0] < qs:
                break
        else:
            out.append((qs, q.end))
    return out


def _by_start(q: _Q) -> int:
    return q.start


def _vague_at(text: str, spec: _Spec, s: int, e: int, lw: str, end: int, out: list[_Q]) -> None:
    before = text[max(0, s - 3):s].rstrip(" \u00a0-")
    if before and before[-1].isdigit():
        return  # "600 Millionen": the figure takes the magnitude
    q = _Q(s, e, None, "count", number=None, power=spec.vague[lw])
    q.extra["vague"] = True
    _attach_currency_only(text, spec, q, end)
    out.append(q)


def _fraction_after(text: str, spec: _Spec, v: float, qe: int, end: int):
    """The fraction word closing a spelled numerator ("drei Zehntel"), as
    (denominator, end offset), or None."""
    m = spec.res["frac"].match(text, qe, end)
    if not m or v != int(v) or v <= 0:
        return None
    den, one, after = spec.fractions[m.group("f").lower()]
    if one and v != 1:
        return None
    if after and (m.group("nxt") or "").lower() not in after:
        return None
    return den, m.end("f")


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\u00a0]*$")
_WORD_AFTER = re.compile(r"[ \u00a0]*([^\W\d_]+)")


def _fraction_phrases(text: str, spec: _Spec, start: int, end: int, out: list[_Q]) -> None:
    """Fractions written with an article or alone ("a third", "by half",
    "die Hälfte", "la moitié"), from the language's ``fraction_phrases``.  A
    guarded phrase counts only before a word of ``followed_by`` or before
    punctuation, or after a word of ``preceded_by``; none after a word of
    ``not_after``."""
    ctx = spec.frac_ctx
    for m in spec.res["frac_phrase"].finditer(text, start, end):
        s, e = m.span()
        den, guarded = spec.frac_phrases[" ".join(m.group("f").lower().split())]
        mb = _WORD_BEFORE.search(text, max(start, s - 40), s)
        prev = mb.group(1).lower() if mb else ""
        if prev in ctx["not_after"]:
            continue
        if e < end and text[e] in "-\u00ad" and e + 1 < end and text[e + 1].isalpha():
            continue  # "half-year", "a quarter-final": a compound
        if guarded:
            ma = _WORD_AFTER.match(text, e, end)
            ok = ma is None or ma.group(1).lower() in ctx["followed_by"] or prev in ctx["preceded_by"]
            if not ok:
                continue
        q = _Q(s, e, 1.0 / den, "count", number=1.0 / den)
        q.extra["fraction"] = den
        q.extra["spelled"] = True
        out.append(q)


def _words(text: str, spec: _Spec, runs, end: int, out: list[_Q], kept=()) -> None:
    res = spec.res
    compound = bool(res.get("compound"))
    for run_s, run_e, dec_start, words, dec_words in runs:
        key = tuple(w for _, _, w in words)
        ncache = spec.__dict__.get("_runs")
        if ncache is None or len(ncache) > 50_000:
            ncache = spec.__dict__["_runs"] = {}
        nums = ncache.get(key)
        if nums is None:
            nums = ncache[key] = _run_numbers(words, spec)
        for k, (a, b, v) in enumerate(nums):
            qs, qe = words[a][0], words[b][1]
            if kept and any(fs <= qs < fe for fs, fe in kept):
                continue  # "$410 million": the figure has the word
            text_lower = text[qs:qe].lower()
            has_dec = k == len(nums) - 1 and dec_start is not None
            # "drei Zehntel": a fraction word after the last number of the
            # run; German writes a numerator as one word ("dreißig zwei
            # Hundertstel" is no reading of 0.32).  After a spoken decimal
            # ("komma sechs Zehntel") the word only repeats the decimal.
            frac = (_fraction_after(text, spec, v, qe, end)
                    if res["frac"] is not None and k == len(nums) - 1 and not has_dec
                    and (a == b or not compound) else None)
            if a == b and text_lower in spec.excluded and not has_dec and not frac:
                # "one", "ein", "un": an article unless a magnitude or a
                # fraction follows ("one and a half")
                mm = res["mag"].match(text, qe, end)
                if not (mm and mm.group("sp")) and not (res["tail"] is not None and res["tail"].match(text, qe, end)):
                    continue
            if a == b and text_lower in spec.vague and text_lower not in ("tausend", "hundert"):
                _vague_at(text, spec, qs, qe, text_lower, end, out)
                continue  # "Millionen" alone: vague
            if a == b and v >= 1000 and text_lower.rstrip("s") != text_lower and text_lower in spec.vague:
                continue
            q = _Q(qs, qe, float(v), "count", number=float(v))
            q.extra["spelled"] = True
            if k == len(nums) - 1 and dec_start is not None:
                dfrac = _spelled_fraction(spec, dec_words)
                if dfrac is not None:
                    q.value = q.number = float(f"{int(v)}.{dfrac[0]}")
                    if dfrac[1]:
                        q.power = dfrac[1]
                        q.value = q.number * 10 ** dfrac[1]
                    q.end = qe = run_e
            if frac:
                # the numerator over the denominator
                q.value = q.number = q.number / frac[0]
                q.extra["fraction"] = frac[0]
                q.end = qe = frac[1]
            # magnitudes written out as words already sit in the run
            if not frac and v >= 1000 and any(w[2].lower() in spec.mag for w in words[a:b + 1]):
                q.power = max(spec.mag[w[2].lower()][0] for w in words[a:b + 1] if w[2].lower() in spec.mag)
            _attach(text, spec, q, qe, end)
            if q.power == 0 and v >= 1000 and any(spec.mag.get(w[2].lower(), (0,))[0] >= 6 for w in words[a:b + 1]):
                q.power = 6
            out.append(q)


def _run_numbers(words, spec: _Spec) -> list[tuple[int, int, float]]:
    """The numbers a run of number words spells, as (first word, last word,
    value); the words cut where no number word stands."""
    morphs: list[tuple[str | None, int]] = []
    for wi, (ws, we, w) in enumerate(words):
        lw = w.lower().replace("\u00ad", "")
        if lw in spec.words:
            ms = [lw]
        else:
            ms = _split_morphs(lw, spec) or []
        if not ms or (len(ms) == 1 and ms[0] in spec.bound) or all(x == "und" for x in ms):
            ms = [None]  # no number word: it cuts the run
        morphs.extend((x, wi) for x in ms)
    nums = []
    chunk: list[tuple[str, int]] = []
    for mo in morphs + [(None, -1)]:
        if mo[0] is None:
            if chunk:
                nums.extend(_eval_morphs(chunk, spec))
            chunk = []
        else:
            chunk.append(mo)
    return nums


def _spelled_fraction(spec: _Spec, dec_words: list[str]) -> tuple[str, int] | None:
    """The digits after a spoken decimal mark ("komma acht neun" -> "89"),
    and the power of a scale word closing the run ("Komma eins Billionen").
    ``dec_words``: the lower-cased words after the decimal word."""
    digits = []
    power = 0
    decwords = spec.__dict__["_decwords"]
    for w in dec_words:
        if w in decwords:
            continue
        if power:
            return None
        if w in spec.mag and spec.words.get(w, 0) >= 1000:
            power = spec.mag[w][0]
            continue
        ms = [w] if w in spec.words else (_split_morphs(w, spec) or [])
        if not ms:
            return None
        vals = _eval_morphs([(x, 0) for x in ms], spec)
        if len(vals) != 1 or vals[0][2] != int(vals[0][2]):
            return None
        digits.append(str(int(vals[0][2])))
    return ("".join(digits), power) if digits else None


def _ordinal_words(text: str, spec: _Spec, start: int, end: int, out: list[_Q]) -> None:
    for m in spec.res["ord"].finditer(text, start, end):
        v = spec.ordinals[m.group(0).lower()]
        out.append(_Q(m.start(), m.end(), float(v), "ordinal", number=float(v), extra={"spelled": True}))


def _vague(text: str, spec: _Spec, start: int, end: int, out: list[_Q]) -> None:
    if spec.res["vague"] is None:
        return
    for m in spec.res["vague"].finditer(text, start, end):
        s = m.start()
        # preceded by a figure or a number word: not vague
        before = text[max(0, s - 12):s].rstrip(" \u00a0-")
        if before and (before[-1].isdigit() or spec.res["word1"].search(before + " ") and re.search(r"(?:" + spec.res["word1"].pattern + r")$", before, re.I)):
            continue
        q = _Q(s, m.end(), None, "count", number=None, power=spec.vague[m.group("v").lower()])
        q.extra["vague"] = True
        _attach_currency_only(text, spec, q, end)
        out.append(q)


def _count_nouns(text: str, spec: _Spec, start: int, end: int, out: list[_Q]) -> None:
    """"une vingtaine de magasins" (about 20), "deux centaines de" (about
    200), "zwei Dutzend" (24): a counting noun after an article or a number
    (which multiplies it).  With no article or number before it ("mis en
    quarantaine", "des dizaines de") the noun is left unread; nor is it read
    when a figure follows its link word ("une quarantaine de 14 jours")."""
    res = spec.res
    table = spec.__dict__["_cnouns"]
    for m in res["count_noun"].finditer(text, start, end):
        s = m.start()
        lo = max(start, s - 24)
        mult = None
        qs = s
        ma = res["count_article"].search(text, lo, s) if res["count_article"] is not None else None
        if ma:
            mult, qs = 1, ma.start()
        else:
            mw = res["count_word_before"].search(text, lo, s)
            if mw:
                w = mw.group("w")
                v = int(w) if w.isdigit() else spec.words.get(w.lower())
                if v is not None and v == int(v) and v >= 1 and (w.isdigit() or w.lower() not in spec.excluded):
                    mult, qs = int(v), mw.start()
        if mult is None:
            continue
        if "f" in m.groupdict():
            # what follows the link word must not be a figure: then the noun
            # names a thing ("une quarantaine de 14 jours")
            k = m.end()
            while k < end and text[k] in " \u00a0":
                k += 1
            if k < end and (text[k].isdigit() or res["word1"].match(text, k, end)):
                continue
        value, qual = table[m.group("n").lower()]
        total = mult * value
        q = _Q(qs, m.end("n"), float(total), "count", number=float(total),
               extra={"count_noun": m.group("n").lower()})
        if qual:
            q.extra["noun_qualifier"] = qual
        _attach_currency_only(text, spec, q, end)
        # the count noun replaces what was read of its words ("deux", "un
        # millier", the bare "centaines")
        out[:] = [o for o in out if o.end <= qs or o.start >= q.end]
        out.append(q)


def _attach_currency_only(text: str, spec: _Spec, q: _Q, end: int) -> None:
    m = spec.res["cur_after"].match(text, q.end, end)
    if m and m.group("link"):
        codes = _cur_codes(spec, m.group("c"))
        if codes:
            q.currencies = codes
            q.unit = codes[0]
            q.role = "amount"
            q.end = m.end()


def _merge_parts(text: str, spec: _Spec, qs: list[_Q], end: int) -> list[_Q]:
    """A whole and its part written apart: "zwölf und drei Zehntel" (12.3),
    "12 Euro 50 Cent", "1,5 Mio. 50 Cent", "12 euros 50" (12.50)."""
    res = spec.res
    out: list[_Q] = []
    for q in qs:
        if out:
            a = out[-1]
            gap = text[a.end:q.start]
            whole = (a.value is not None and a.role in ("count", "amount") and a.value == int(a.value)
                     and "fraction" not in a.extra)
            plain_b = (q.role == "count" and q.power == 0 and q.currencies is None and q.unit is None
                       and q.value is not None and not q.issues)
            if (whole and q.extra.get("fraction") and q.value is not None and q.value < 1 and q.power == 0
                    and q.currencies is None and q.role in ("count", "percent") and not q.issues
                    and a.role == "count" and a.power == 0 and a.unit is None and res["part_join"] is not None
                    and res["part_join"].fullmatch(gap)):
                # "zwölf und drei Zehntel (Prozent)", "two and three tenths"
                a.value += q.value
                a.number = a.value
                a.end = q.end
                a.role, a.unit = q.role, q.unit
                a.extra["fraction"] = q.extra["fraction"]
                continue
            if whole and plain_b and "fraction" not in q.extra and q.value == int(q.value) and res["part_gap"].fullmatch(gap):
                cents = None
                mu = res["subunit"].match(text, q.end, end) if res["subunit"] is not None else None
                if mu and (a.currencies is not None or a.power):
                    # the whole is money ("12 Euro", "1,5 Mio."): its cents
                    cents = (spec.subunits[mu.group("u").lower()], mu.end())
                elif (a.currencies is not None and not text[a.end - 1].isdigit() and gap.strip(" \u00a0") == ""
                      and (q.end - q.start == 2 and text[q.start:q.end].isdigit() or q.extra.get("spelled"))):
                    # "12 Euro 50": the figure after the currency word, and
                    # nothing after it but punctuation
                    k = q.end
                    while k < end and text[k] in " \u00a0":
                        k += 1
                    if k >= end or not text[k].isalnum():
                        cents = (100, q.end)
                if cents and q.value < cents[0]:
                    a.value += q.value / cents[0]
                    a.number = a.value
                    a.power = 0
                    a.end = cents[1]
                    a.extra["subunit"] = cents[0]
                    continue
        out.append(q)
    return out


def _merge_additive(text: str, spec: _Spec, qs: list[_Q]) -> list[_Q]:
    """"3 Millionen 750 Tausend", "eine Mio. fünfhunderttausend": one number."""
    out: list[_Q] = []
    for q in qs:
        if out:
            a = out[-1]
            gap = text[a.end:q.start]
            if (a.power >= 3 and a.currencies is None and a.role == "count" and a.value is not None
                    and q.value is not None and q.role in ("count", "amount") and q.power < a.power
                    and q.value < 10 ** a.power and gap.strip(" \u00a0") == "" and 0 < len(gap) <= 2
                    and not q.extra.get("vague") and not (q.currencies and q.start < q.end and not text[q.start].isalnum())):
                a.value += q.value
                a.end = q.end
                a.number = a.value
                a.power = 0
                a.currencies, a.unit, a.role = q.currencies, q.unit, q.role
                a.issues += q.issues
                a.extra["additive"] = True
                continue
        out.append(q)
    return out


def _share_ranges(text: str, spec: _Spec, qs: list[_Q]) -> None:
    """"1.5 to 2 billion dollars": the first figure shares magnitude and currency."""
    for a, b in zip(qs, qs[1:]):
        if a.power or a.currencies or a.role not in ("count", "year") or a.value is None:
            continue
        if not (b.power or b.currencies) or b.value is None or b.role not in ("amount", "count"):
            continue
        gap = text[a.end:b.start]
        if len(gap) > 8 or not spec.res["range"].fullmatch(gap):
            continue
        if b.currencies and b.start < b.end and not b.power and text[b.start] in "$£€¥":
            continue  # "$5 to $10": each has its own
        if a.role == "year" and not 0.5 <= a.value / ((b.value / 10 ** b.power) or 1) <= 2:
            continue  # "stieg 2019 auf 3 Millionen": a year, then the amount it reached
        a.power = b.power
        a.value = a.value * 10 ** b.power
        if b.currencies:
            a.currencies = b.currencies
            a.unit = b.unit
            a.role = "amount"
        elif a.role == "year":
            a.role = "count"
        a.extra["range_shared"] = True


_OPEN = "([{„“\"«‹'‚‘"


_LASTS: dict[int, tuple[Any, set[str]]] = {}


_WINDOW = 48  # how far back a phrase before a quantity may start


def _rev_pattern(spec: _Spec, name: str, table, maxw: int) -> re.Pattern:
    """The phrases of ``table`` (up to ``maxw`` words) reversed, for one
    anchored match on the reversed stretch before a quantity: whitespace,
    the phrase, then (its start) opening marks and a whitespace or the
    sentinel that stands for a word boundary at the window's start."""
    key = "_rev_" + name
    pat = spec.__dict__.get(key)
    if pat is None:
        phrases = [p[::-1] for p in table if p and len(p.split()) <= maxw]
        pat = spec.__dict__[key] = re.compile(
            r"\s+(?P<p>" + _trie(phrases, boundary=False) + r")(?=[" + re.escape(_OPEN) + r"]*\s)", re.I)
    return pat


_ASCII = [chr(i) for i in range(128)]


def _ascii_variants(c: str) -> list[str]:
    """The ASCII characters that ``c`` matches case-insensitively."""
    pat = re.compile(re.escape(c), re.I)
    return [a for a in _ASCII if pat.fullmatch(a)]


def _rev_ends(spec: _Spec, name: str, table, maxw: int) -> tuple[frozenset, frozenset]:
    """What the last two characters before the spaces must be for some
    phrase of ``table`` to end there: (pairs of ASCII characters, ASCII
    characters that suffice alone: one-letter phrases and phrases whose
    second-to-last character is a space).  Built with the same
    case-insensitive matching as :func:`_rev_pattern`."""
    key = "_ends_" + name
    r = spec.__dict__.get(key)
    if r is None:
        variants = _ascii_variants
        two: set[str] = set()
        one: set[str] = set()
        for p in table:
            if not p or len(p.split()) > maxw:
                continue
            if len(p) < 2 or p[-2].isspace():
                one.update(variants(p[-1]))
            else:
                two.update(a + b for a in variants(p[-2]) for b in variants(p[-1]))
        r = spec.__dict__[key] = (frozenset(two), frozenset(one))
    return r


def _phrase_at(text: str, pos: int, spec: _Spec, name: str, table, maxw: int) -> tuple[str, int] | None:
    """:func:`_phrase_before` by one regex match on the reversed window."""
    if pos == 0 or not text[pos - 1].isspace():
        return None
    rev = _reversed_window(text, pos, *_rev_ends(spec, name, table, maxw))
    m = None if rev is None else _rev_pattern(spec, name, table, maxw).match(rev)
    return None if m is None else _phrase_found(text, pos, m, "p", table, maxw)


def _phrases_at(text: str, pos: int, spec: _Spec) -> tuple[tuple[str, int] | None, tuple[str, int] | None]:
    """``(_phrase_at(..., "yearctx", ...), _phrase_at(..., "quals", ...))``
    with one match on the reversed window for both."""
    if pos == 0 or not text[pos - 1].isspace():
        return None, None
    cfg = spec.__dict__.get("_both")
    if cfg is None:
        cfg = spec.__dict__["_both"] = _both_config(spec)
    two, one, pat, ytable, ymaxw, qtable, qmaxw = cfg
    rev = _reversed_window(text, pos, two, one)
    m = None if rev is None else pat.match(rev)
    if m is None:
        return None, None
    return (_phrase_found(text, pos, m, "y", ytable, ymaxw),
            _phrase_found(text, pos, m, "q", qtable, qmaxw))


def _reversed_window(text: str, pos: int, two: frozenset, one: frozenset) -> str | None:
    """The text before ``pos`` (a space precedes it), reversed, at most
    ``_WINDOW`` characters and closed by a boundary character; None when the
    two characters before the spaces end no phrase (``two``/``one`` from
    :func:`_rev_ends`: the quick exit)."""
    lo = pos - _WINDOW
    k = pos - 2
    while k > lo and text[k].isspace():
        k -= 1
    if k - 1 >= lo and k >= 1:
        last2 = text[k - 1:k + 1]
        if last2.isascii() and last2 not in two and last2[1] not in one:
            return None
    if lo <= 0:
        return text[pos - 1::-1] + " "
    return text[pos - 1:lo - 1:-1] + (" " if text[lo - 1].isspace() else "x")


def _both_config(spec: _Spec) -> tuple:
    """What :func:`_phrases_at` reads: the quick-exit sets of both tables
    together, the pattern, the tables and their longest phrases."""
    ytable, ymaxw = spec.__dict__["_yearctx"], 3
    qtable, qmaxw = spec.quals, spec.__dict__["_qual_maxw"]
    two, one = _rev_ends(spec, "yearctx", ytable, ymaxw)
    two2, one2 = _rev_ends(spec, "quals", qtable, qmaxw)

    def look(g: str, table, maxw: int) -> str:
        phrases = [p[::-1] for p in table if p and len(p.split()) <= maxw]
        return (r"(?:(?=(?P<" + g + ">" + _trie(phrases, boundary=False) + r")(?=[" + re.escape(_OPEN)
                + r"]*\s))|)")
    pat = re.compile(r"\s+" + look("y", ytable, ymaxw) + look("q", qtable, qmaxw), re.I)
    return two | two2, one | one2, pat, ytable, ymaxw, qtable, qmaxw


def _phrase_found(text: str, pos: int, m: re.Match, g: str, table, maxw: int) -> tuple[str, int] | None:
    a, b = m.span(g)
    if a < 0:
        return None
    start = pos - b
    phrase = " ".join(text[start:pos - a].split()).lower()
    if phrase not in table:  # a case folding that str.lower() does not share
        return _phrase_before(text, pos, table, maxw)
    return phrase, start


def _phrase_before(text: str, pos: int, table, maxw: int) -> tuple[str, int] | None:
    """The longest phrase of ``table`` ending just before ``pos`` (whitespace
    between), as (lower-cased phrase, start offset)."""
    if pos == 0 or not text[pos - 1].isspace():
        return None
    # quick exit: the word just before must end some phrase of the table
    lasts = _LASTS.get(id(table))
    if lasts is None or lasts[0] is not table:
        lasts = _LASTS[id(table)] = (table, {p.split()[-1] for p in table if p.split()})
    # the common case first: one plain space, a short word before it
    e = pos - 1
    if text[e] == " " and e > 0 and text[e - 1] != " ":
        k = text.rfind(" ", max(0, e - 40), e)
        last = text[k + 1:e]
        if (k >= 0 or e <= 40) and last.isprintable():  # no other space inside
            if last.lstrip(_OPEN).lower() not in lasts[1]:
                return None
    lo = max(0, pos - 48)
    chunk = text[lo:pos]
    words = chunk.split()
    if not words:
        return None
    last = words[-1]
    if len(words) == 1 and lo > 0 and not text[lo - 1].isspace() and not chunk[0].isspace():
        # the word before runs on past the window: take it whole
        j = lo + chunk.rstrip().__len__()
        k = lo
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        last = text[k:j]
    if last.lstrip(_OPEN).lower() not in lasts[1]:
        return None
    chunk = chunk.rstrip()
    if lo > 0 and not text[lo - 1].isspace() and len(words) <= maxw:
        words = words[1:]  # cut mid-word
    words = words[-maxw:]
    for k in range(len(words), 0, -1):
        ws = words[-k:]
        first = ws[0].lstrip(_OPEN)
        if not first:
            continue
        phrase = " ".join([first] + ws[1:]).lower()
        if phrase in table:
            idx = len(chunk)
            for w in reversed(ws):
                idx = chunk.rfind(w, 0, idx)
            return phrase, lo + idx + (len(ws[0]) - len(first))
    return None


def _finish(text: str, spec: _Spec, q: _Q, start: int) -> Quantity:
    qual = None
    details: dict[str, Any] = {}
    qa = q.qual_at
    noun_qual = q.extra.pop("noun_qualifier", None) if q.extra else None
    m = (qa[1] if qa is not None and qa[0] == q.start
         else _phrase_at(text, q.start, spec, "quals", spec.quals, spec.__dict__["_qual_maxw"]))
    if m:
        qual = spec.quals[m[0]]
        details["qualifier_text"] = text[m[1]:m[1] + len(m[0])] if len(text) >= m[1] + len(m[0]) else m[0]
        details["qualifier_start"] = m[1]
    elif noun_qual:
        qual = noun_qual  # "une vingtaine": about 20
    if q.number is not None:
        details["number"] = q.number
    if q.power:
        details["power"] = q.power
    if q.currencies:
        details["currencies"] = q.currencies
    if q.issues:
        details["issues"] = q.issues
    if q.alts:
        details["alt_values"] = [a * 10 ** q.power for a in q.alts]
    details.update(q.extra)
    # the record made without the frozen dataclass's field-by-field
    # __init__ (the same fields, the same instance dictionary)
    r = _new(Quantity)
    r.__dict__.update(value=q.value, role=q.role, start=q.start, end=q.end, text=text[q.start:q.end], unit=q.unit,
                      qualifier=qual, details=details)
    return r


_new = object.__new__
