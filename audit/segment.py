"""Split texts into sentences with exact character offsets.

A sentence never crosses a line break; every non-empty line starts a new
paragraph.  Inside a line, a sentence ends at ``.``, ``!``, ``?`` or ``…``
(with any closing quotes or brackets, also one set off by a space as in
French "« Je viens. »" when it closes a mark opened earlier in the line)
followed by white space, unless the language's data
(``audit/data/<lang>/segment.yaml``) says the word before the full stop is
an abbreviation, the stop follows an initial ("Z. B.", "A.I.", "S & P."), a
German-style ordinal ("am 3. Mai"), or the next word starts in lower case.
After an abbreviation that may also end a sentence (``may_end``: "U.S.",
"Inc.", "usw.") or an ordinal, a word listed in ``starters`` ("The", "Dann")
begins a new sentence: "based in the U.S. The CEO said ...".

Why not a library: on the German and French news this tool is for, pysbd
(0.3) split "4,5 Md. / d'euros" and ran at ~750 sentences/s here, and spaCy's
blank pipeline with its sentencizer split "Approx. / 300", "No. / 1",
"Ca. / 600 m" and missed "2018. / Z. B."; both cost seconds of import time.
The rules below are a page of code and the abbreviations are data.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lang import lang_data
from .model import Segment

# Terminal punctuation, then closing quotes/brackets, then white space.
_END = re.compile(r"(?:[.!?…]+)[\"'”“»«’)\]]*(?=\s)")
_LINE = re.compile(r"[^\r\n]+")
_WORD_AT = re.compile(r"\w+")
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.)*[A-ZÀ-Þ]$")  # "Z", "A.I", "U.S"
_SPACE = " \t\f\v\u00a0\u2009\u202f\ufeff"
# A closing quote or bracket -> its opening mark (a straight quote is its own).
_OPENER = {"»": "«", "«": "»", "”": "“", "“": "„", "’": "‘", '"': '"', ")": "(", "]": "["}


class _Rules(NamedTuple):
    abbr: frozenset[str]
    before_num: frozenset[str]
    ordinal_dot: bool
    may_end: frozenset[str]  # abbreviations that can also end a sentence ...
    starters: frozenset[str]  # ... when one of these words comes next


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    data = lang_data(lang, "segment") or {}
    shared = lang_data("common", "segment") or {}

    def words(key: str) -> frozenset[str]:
        # An entry written in lower case matches in any case ("ca" matches
        # "Ca."), one with capitals only as written ("No" is not "no").
        return frozenset(str(a).rstrip(".") for a in (data.get(key) or []) + (shared.get(key) or []))

    return _Rules(words("abbreviations"), words("before_number"), bool(data.get("ordinal_dot", False)),
                  words("may_end"), words("starters"))


def _listed(word: str, entries: frozenset[str]) -> bool:
    return word in entries or word.lower() in entries


def _no_break(line: str, punct_start: int, punct: str, after: int, lang: str) -> bool:
    """True when the stop at ``line[punct_start]`` does not end a sentence."""
    nxt = after
    while nxt < len(line) and line[nxt] in _SPACE:
        nxt += 1
    if nxt >= len(line):
        return False
    first = line[nxt]
    if first.islower():
        return True
    if punct != ".":
        return False
    # the word before the stop, without opening quotes or brackets
    ws = punct_start
    while ws > 0 and not line[ws - 1].isspace():
        ws -= 1
    word = line[ws:punct_start].lstrip("\"'„“«‚‘([")
    if not word:
        return False
    rules = _rules(lang)
    if first.isdigit() and _listed(word, rules.before_num):
        return True
    ordinal = rules.ordinal_dot and word.isdigit() and len(word) <= 2
    if not (ordinal or _listed(word, rules.abbr) or _INITIALS.match(word)):
        return False
    # "based in the U.S. The CEO ...", "Platz 3. Dann ...": a word that starts
    # sentences after an abbreviation that may end one
    if ordinal or _listed(word, rules.may_end):
        m = _WORD_AT.match(line, nxt)
        return not (m and m.group() in rules.starters)
    return True


def _spaced_closer(line: str, end: int) -> int:
    """Where a sentence ending at ``end`` really ends: after a closing quote
    or bracket set off by a space (French « Je viens. » Puis ...), when that
    mark closes one opened earlier in the line; else ``end`` itself."""
    k = end
    while k < len(line) and line[k] in _SPACE:
        k += 1
    if k == end or k >= len(line) or line[k] not in _OPENER:
        return end
    if k + 1 < len(line) and not line[k + 1].isspace():
        return end  # an opening mark of the next sentence: « Je ...
    mark, opener, before = line[k], _OPENER[line[k]], line[:end]
    is_open = before.count(mark) % 2 == 1 if mark == opener else before.count(opener) > before.count(mark)
    return k + 1 if is_open else end


def segment(text: str, lang: str) -> list[Segment]:
    """Sentences of ``text`` with offsets: ``text[s.start:s.end] == s.text``."""
    segs: list[Segment] = []
    para = -1
    for m in _LINE.finditer(text):
        line = m.group()
        if not line.strip(_SPACE + " "):
            continue
        para += 1
        base = m.start()
        start = 0
        for e in _END.finditer(line):
            if e.start() < start:  # inside a closing quote already taken
                continue
            stop = e.group()
            end = _spaced_closer(line, e.end())
            if _no_break(line, e.start(), stop.rstrip("\"'”“»«’)]")[-1:], end, lang):
                continue
            _add(segs, text, base + start, base + end, para)
            start = end
        _add(segs, text, base + start, base + len(line), para)
    return segs


def _add(segs: list[Segment], text: str, start: int, end: int, para: int) -> None:
    while start < end and (text[start].isspace() or text[start] in _SPACE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _SPACE):
        end -= 1
    if end > start:
        segs.append(Segment(len(segs), start, end, text[start:end], para))


def sentences_in(text: str, lang: str) -> list[str]:
    """The sentences of one given string, ``[text]`` when it holds one (or
    none).  The aligner uses it to look inside presegmented lines that hold
    several sentences; a string without a stop before white space is returned
    as it is without running the rules."""
    if not _END.search(text.rstrip()):
        return [text]
    parts = [s.text for s in segment(text, lang)]
    return parts if len(parts) > 1 else [text]


def presegmented(text: str) -> list[Segment]:
    """One segment per non-empty line."""
    segs: list[Segment] = []
    for para, m in enumerate(_LINE.finditer(text)):
        _add(segs, text, m.start(), m.end(), para)
    return segs
