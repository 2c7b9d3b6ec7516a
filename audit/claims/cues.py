"""Compiled claim cues of one language, read from ``audit/data/<lang>/claims.yaml``.

Everything language-specific the claim extractor knows comes from there:
predicate triggers, attribution cues, anaphora, month names, time words,
round ordinals, aliases and capitalised words that are not names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang import lang_data

# Predicates the ledger knows: which quantity roles each accepts and how it
# reads in an English message.  Triggers for them live in the data files.
MONEY = ("amount", "count")  # "plus de 3 milliards" has no currency: count
PREDICATES: dict[str, dict] = {
    "funding": {"roles": MONEY, "label": "funding"},
    "valuation": {"roles": MONEY, "label": "valuation"},
    "market": {"roles": MONEY, "label": "market size"},
    "acquisition": {"roles": MONEY, "label": "acquisition price"},
    "stake": {"roles": MONEY, "label": "stake"},
    "fund_size": {"roles": MONEY, "label": "fund size"},
    "founded": {"roles": ("year", "date", "count", "amount"), "label": "founding year"},
    "employees": {"roles": ("count",), "label": "number of employees"},
    "cameras": {"roles": ("count",), "label": "number of cameras"},
    "municipalities": {"roles": ("count",), "label": "number of municipalities / local governments"},
}
# Money predicates a market-context word turns into a market-size claim.
MARKET_REINTERPRETS = ("valuation", "funding")


def phrase_pattern(phrase: str) -> str:
    """A regex for one cue: whole words, ``*`` at either end = part of a word."""
    pre = suf = ""
    if phrase.startswith("*"):
        pre, phrase = r"[\w-]*", phrase[1:]
    if phrase.endswith("*"):
        suf, phrase = r"\w*", phrase[:-1]
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    return rf"(?<![\w-]){pre}{body}{suf}(?![\w-])"


def alternation(phrases, flags=re.IGNORECASE) -> re.Pattern | None:
    """One regex matching any of ``phrases``, the longest alternative first."""
    pats = sorted({phrase_pattern(p) for p in phrases if p}, key=len, reverse=True)
    if not pats:
        return None
    return re.compile("|".join(f"(?:{p})" for p in pats), flags)


@dataclass
class Cues:
    lang: str
    triggers: list[tuple[re.Pattern, str]] = field(default_factory=list)  # (pattern, predicate)
    trigger_any: re.Pattern | None = None
    trigger_of: dict[str, str] = field(default_factory=dict)  # lower-cased phrase -> predicate
    market_context: re.Pattern | None = None
    cue_then_source: re.Pattern | None = None  # "according to" Bloomberg
    source_then_cue: re.Pattern | None = None  # Bloomberg "reported"
    anaphora: re.Pattern | None = None  # "the company", "das Unternehmen": the document's topic
    pronouns: re.Pattern | None = None  # "it", "son": the subject of this or the previous sentence
    generic: re.Pattern | None = None
    beneficiary: re.Pattern | None = None
    investor: re.Pattern | None = None
    agent: re.Pattern | None = None  # "by", "von", "par" before the doer of a passive verb
    not_names: frozenset[str] = frozenset()
    name_suffixes: frozenset[str] = frozenset()
    aliases: dict[str, str] = field(default_factory=dict)  # folded spelling -> canonical
    months: dict[str, int] = field(default_factory=dict)
    month_re: re.Pattern | None = None
    time: dict[str, re.Pattern] = field(default_factory=dict)  # now/past/future/since/by
    ordinals: dict[str, int] = field(default_factory=dict)
    ordinal_round_re: re.Pattern | None = None
    series_re: re.Pattern | None = None
    previous_re: re.Pattern | None = None


def fold(s: str) -> str:
    """Case- and accent-insensitive key of a word or name."""
    import unicodedata

    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip().casefold()


@lru_cache(maxsize=None)
def cues(lang: str | None) -> Cues:
    data = lang_data(lang, "claims") if lang else {}
    c = Cues(lang or "")
    trig: list[tuple[str, str]] = []
    for pred, phrases in (data.get("predicates") or {}).items():
        if pred not in PREDICATES:
            continue
        for p in phrases or []:
            trig.append((str(p), pred))
    # one alternation with a named group per predicate would be long; keep a
    # list of (pattern, predicate) and one combined pattern for scanning
    trig.sort(key=lambda t: len(t[0]), reverse=True)
    c.triggers = [(re.compile(phrase_pattern(p), re.IGNORECASE), pred) for p, pred in trig]
    c.market_context = alternation(data.get("market_context") or [])
    c.cue_then_source = alternation(data.get("cue_then_source") or [])
    c.source_then_cue = alternation(data.get("source_then_cue") or [])
    ana = data.get("anaphora") or []
    if ana:
        c.anaphora = re.compile("|".join(rf"(?<![\w-])(?:{a})(?![\w-])" for a in ana), re.IGNORECASE)
    c.pronouns = alternation(data.get("pronouns") or [])
    c.generic = alternation(data.get("generic_subjects") or [])
    c.beneficiary = alternation(data.get("beneficiary_preps") or [])
    c.investor = alternation(data.get("investor_preps") or [])
    c.agent = alternation(data.get("agent_preps") or [])
    c.not_names = frozenset(fold(str(w)) for w in data.get("not_names") or [])
    c.name_suffixes = frozenset(fold(str(w)).rstrip(".") for w in data.get("name_suffixes") or [])
    for canon, spellings in (data.get("aliases") or {}).items():
        for s in [canon, *(spellings or [])]:
            c.aliases[fold(str(s))] = str(canon)
    c.months = {fold(str(k)): int(v) for k, v in (data.get("months") or {}).items()}
    if c.months:
        flags = 0 if data.get("months_case_sensitive") else re.IGNORECASE
        names = [str(k) for k in (data.get("months") or {})]
        c.month_re = alternation(names, flags)
    for kind, phrases in (data.get("time") or {}).items():
        pat = alternation(phrases or [])
        if pat is not None:
            c.time[kind] = pat
    rounds = data.get("rounds") or {}
    c.ordinals = {fold(str(k)): int(v) for k, v in (rounds.get("ordinals") or {}).items()}
    nouns = [str(n) for n in rounds.get("nouns") or []]
    if c.ordinals and nouns:
        ords = "|".join(re.escape(str(k)) for k in sorted(rounds["ordinals"], key=lambda s: -len(str(s))))
        noun_alt = "|".join(phrase_pattern(n)[len("(?<![\\w-])"):] for n in sorted(nouns, key=len, reverse=True))
        # "second round", "zweiten Finanzierungsrunde", "première levée", "first funding round"
        c.ordinal_round_re = re.compile(
            rf"(?<![\w-])(?P<ord>{ords})\s+(?:[\w-]+\s+){{0,2}}?(?:{noun_alt})", re.IGNORECASE)
    series = [str(s) for s in rounds.get("series") or []]
    if series:
        alt = "|".join(re.escape(s) for s in sorted(series, key=len, reverse=True))
        # "Series C", "Series-C", "Serie C", "C-Runde", "Round C", "série B"
        c.series_re = re.compile(
            rf"(?<![\w-])(?:(?:{alt})[\s-]?(?P<a>[A-H])(?![\w-])|(?P<b>[A-H])-(?:{alt}|Runde|round|tour)(?![\w-]))",
            re.IGNORECASE if False else 0)
    return c


def match_triggers(c: Cues, text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """Non-overlapping trigger matches in ``text[start:end]``: (start, end, predicate, text)."""
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for pat, pred in c.triggers:  # longest phrases first
        for m in pat.finditer(text, start, end):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, pred, m.group(0)))
    found.sort()
    return found
