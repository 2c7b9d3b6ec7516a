"""Misspelled well-known names in documents without a source.

Target-only: with a source, the entities check compares every name against
the source's.  Without one, a name can still be checked against the names
news text cites (``audit/data/known_names.yaml``: outlets, agencies,
companies, banks, institutions, exchanges ...).  A stretch of the target that
covers a name the name finder reports and is, as a whole phrase, one or two
typing slips (Damerau/OSA edits, a number that grows with the length) away
from a known form, without being a known form itself, is reported:
"Wall Steet Journal" for "Wall Street Journal".

Inflection is not a slip: a word of the target equals a word of a known form
also with an inflection ending of the target language (``name_suffixes`` and
``name_word_endings`` of ``<lang>/stopwords.yaml``: "des Wall Street
Journals", "der Süddeutschen Zeitung").  Forms are compared folded
(:func:`audit.sense.names.fold_name`: case, accents, hyphens, dots).  Short
forms and ``exact_only`` forms (ordinary words: "Fortune") are never matched
fuzzily.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rapidfuzz.distance import OSA

from .. import datacache
from ..lang import data_path, lang_data, load_yaml
from ..model import AlignedDocument, Finding, Span
from ..sense.cues import words
from ..sense.names import common_word, find_names, fold_name
from .base import TargetOnlyCheck, target_text_segments

DATA_FILE = "known_names.yaml"
# a lower-case elided article or preposition glued to the next word ("d'Apple")
_GLUED = re.compile(r"[^\W\d_]{1,6}['’](?=\w)")


@dataclass(frozen=True)
class Gazetteer:
    exact: frozenset[str]  # folded forms (and not_misspellings): never reported
    fuzzy: tuple[tuple[str, tuple[str, ...], str, int], ...]  # (folded, its words, display form, max edits)
    sizes: frozenset[int]  # word counts of the fuzzy forms
    same_first: bool
    min_letters: int  # a shorter stretch of the target is never matched fuzzily


def _build() -> Gazetteer:
    raw = load_yaml(data_path(DATA_FILE)) or {}
    settings = raw.get("settings") or {}
    min_letters = int(settings.get("min_letters", 6))
    steps = sorted((int(a), int(b)) for a, b in settings.get("max_edits") or [[6, 1]])
    exact_only = {fold_name(str(f)) for f in raw.get("exact_only") or []}
    exact: set[str] = {fold_name(str(f)) for f in raw.get("not_misspellings") or []}
    fuzzy: dict[str, tuple[str, tuple[str, ...], str, int]] = {}
    for entries in (raw.get("names") or {}).values():
        for entry in entries or []:
            forms = [str(f) for f in (entry if isinstance(entry, list) else [entry])]
            exact.update(fold_name(f) for f in forms)
            for f in forms:
                key = fold_name(f)
                letters = sum(c.isalnum() for c in key)
                if key in exact_only or letters < min_letters or key in fuzzy:
                    continue
                edits = max((b for a, b in steps if letters >= a), default=0)
                if edits:
                    fuzzy[key] = (key, tuple(key.split()), forms[0], edits)
    exact.discard("")
    return Gazetteer(frozenset(exact), tuple(fuzzy.values()),
                     frozenset(len(v[1]) for v in fuzzy.values()), bool(settings.get("same_first", True)),
                     min_letters)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The compiled gazetteer (built once per process, cached on disk)."""
    return datacache.load_or_build("known-names", [Path(__file__), data_path(DATA_FILE)], _build)


@lru_cache(maxsize=None)
def _endings(lang: str) -> tuple[str, ...]:
    sw = lang_data(lang, "stopwords")
    ends = {fold_name(str(x)) for x in [*(sw.get("name_suffixes") or []), *(sw.get("name_word_endings") or [])]}
    ends.discard("")
    return tuple(sorted(ends, key=len, reverse=True))


def _stems(word: str, endings: tuple[str, ...]) -> set[str]:
    return {word} | {word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= 3}


def _same_word(a: str, b: str, endings: tuple[str, ...]) -> bool:
    """``a`` and ``b`` are one word, maybe inflected differently ("journals"/"journal")."""
    return a == b or bool(_stems(a, endings) & _stems(b, endings))


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for s, e, w in words(text, start, end):
        m = _GLUED.match(w)
        if m and w[0].islower():
            s, w = s + m.end(), w[m.end():]
        out.append((s, e, w))
    return out


def match(phrase: str, lang: str) -> tuple[str, int] | None:
    """``(known form, edits)`` when ``phrase`` reads as a misspelling of a
    well-known name, else None (also for a known form, inflected or not)."""
    gaz = gazetteer()
    key = fold_name(phrase)
    if not key or key in gaz.exact or sum(c.isalnum() for c in key) < gaz.min_letters:
        return None
    ends = _endings(lang)
    caps = phrase.isupper()
    cand = key.split()
    # the last word without an inflection ending: "journals" -> "journal"
    if any(" ".join([*cand[:-1], st]) in gaz.exact for st in _stems(cand[-1], ends)):
        return None
    best: tuple[str, int] | None = None
    for folded, fwords, display, limit in gaz.fuzzy:
        if len(fwords) != len(cand) or abs(len(folded) - len(key)) > limit + 3:
            continue
        if gaz.same_first and folded[0] != key[0]:
            continue
        if caps and not display.isupper():
            continue  # an acronym or ticker ("GOOGL") is no misspelt word
        # a word that is the known word inflected counts as that word
        norm = [f if _same_word(c, f, ends) else c for c, f in zip(cand, fwords)]
        if norm == list(fwords):
            return None  # an inflected known form
        if any(OSA.distance(c, f) >= min(len(c), len(f)) for c, f in zip(norm, fwords)):
            continue  # a word replaced whole ("Institute for Technology"): no typing slip
        d = OSA.distance(" ".join(norm), folded, score_cutoff=limit)
        if d <= limit and (best is None or d < best[1]):
            best = (display, d)
    return best


class KnownNamesCheck(TargetOnlyCheck):  # with a source, EntityCheck compares against its names
    name = "known-names"

    def run(self, adoc: AlignedDocument) -> Iterable[Finding]:
        doc = adoc.doc
        text, lang = doc.target, doc.target_lang
        gaz = gazetteer()
        if not gaz.fuzzy:
            return []
        sizes = sorted(gaz.sizes, reverse=True)
        out: list[Finding] = []
        for seg in target_text_segments(adoc):
            toks = _tokens(text, seg.start, seg.end)
            names = find_names(text, lang, seg.start, seg.end, doc_text=text)
            taken: list[tuple[int, int]] = []
            for size in sizes:
                for i in range(len(toks) - size + 1):
                    run = toks[i:i + size]
                    s, e = run[0][0], run[-1][1]
                    if any(s < te and ts < e for ts, te in taken):
                        continue
                    if not _candidate(text, run, names, lang):
                        continue
                    phrase = text[s:e]
                    if fold_name(phrase) in gaz.exact:
                        taken.append((s, e))  # a known name: its words are no candidates
                        continue
                    hit = match(phrase, lang)
                    if hit is None:
                        continue
                    known, edits = hit
                    taken.append((s, e))
                    msg = (f"Possible misspelling of a well-known name: '{phrase}' (known: '{known}'). "
                           "The document has no source to compare against; check the spelling.")
                    out.append(Finding(doc.id, self.name, "entity", "minor", msg, None, Span.of(text, s, e),
                                       {"kind": "known-name", "known": known, "edits": edits}))
        out.sort(key=Finding.sort_key)
        return out


def _candidate(text: str, run, names, lang: str) -> bool:
    """A run of words that can be a name: one stretch (only spaces between its
    words), capitalised at both ends, covering a found name whole, and not a
    lone common word of the language."""
    s, e = run[0][0], run[-1][1]
    if any(text[a[1]:b[0]].strip() for a, b in zip(run, run[1:])):
        return False
    if not (run[0][2][:1].isupper() and run[-1][2][:1].isupper()):
        return False
    if len(run) == 1 and common_word(run[0][2], lang):
        return False
    for n in names:
        parts = n.parts or ((n.start, n.end, n.text),)
        inside = [p for p in parts if s <= p[0] and p[1] <= e]
        if not inside:
            continue
        outside = [p for p in parts if p[1] <= s or p[0] >= e]
        # the run must not cut a name: every distinctive word of it is inside
        # (a common word leading it, "Gesichterkennungsspezialist SenseTime", may stay out)
        if not any(common_word(p[2], lang) < 1 for p in outside):
            return True
    return False
