"""Names in texts and one spelling per name across languages.

A name is a run of capitalised words.  German capitalises every noun, so a
German capitalised word only counts as a name when it looks like one
(``SenseTime``, ``CDH``) or when the same name occurs in an English or French
text of the corpus.  Spellings are merged by folding case and accents,
dropping possessives (``SenseTime's``, ``Megviis``) and company suffixes
(``Alibaba Group Holding Limited``), the aliases of the data files
(``Pékin`` -> ``China``) and a fuzzy comparison (``Wall Steet Journal``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues import Cues, cues, fold

_WORD = r"(?:[A-Z][\w&+.'’-]*[\w+]|[A-Z]|[A-Z][\w]*\+\+)"
_NAME_RE = re.compile(
    rf"(?<![\w-]){_WORD}(?:(?:\s+|\s*&\s*)(?:(?:of|for|de|du|von|der)\s+)?{_WORD})*(?![\w])"
)
# connecting words that may sit inside a name but not at its end
_CONNECT = {"of", "for", "de", "du", "von", "der"}


def _strip_possessive(word: str) -> str:
    for suf in ("'s", "’s", "'", "’"):
        if word.endswith(suf) and len(word) > len(suf) + 1:
            return word[: -len(suf)]
    return word


def _shape_is_name(word: str) -> bool:
    """Looks like a name in any language: inner capital, digit, or acronym.

    Only the last part of a hyphenated word counts: ``SK-Gruppe``,
    ``KI-Spezialist`` and ``Moscow-based`` are not names by their shape.
    """
    core = word.strip(".").split("-")[-1]
    if not core:
        return False
    if len(core) >= 2 and core.isupper() and core.isalpha():
        return True
    return (core[0].isupper() and any(ch.isupper() for ch in core[1:])) or any(
        ch.isdigit() for ch in core) or "+" in core


_ELISION = re.compile(r"^(?:[LlDdJjSs]|[Qq]u)['’](?=[A-Z])")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class NameMention:
    start: int
    end: int
    text: str
    key: str  # folded spelling before canonicalisation


@dataclass
class NameBook:
    """Every name of a corpus, with one canonical spelling per name."""

    known: set[str] = field(default_factory=set)  # folded keys seen as names in en/fr (non-initial)
    known_words: set[str] = field(default_factory=set)  # the words of those names
    lower_words: set[str] | None = None  # words written in lower case somewhere in the corpus
    canon: dict[str, str] = field(default_factory=dict)  # folded key -> canonical display
    counts: dict[str, int] = field(default_factory=dict)

    def canonical(self, key: str) -> str:
        return self.canon.get(key, key)


def _clean(text: str, c: Cues) -> tuple[str, list[str]]:
    words = _strip_possessive(text).split()
    while words and (fold(words[-1]) in _CONNECT or fold(words[-1]) in c.not_names or words[-1] == "&"):
        words.pop()
    while words and (fold(words[0]) in c.not_names or fold(_strip_possessive(words[0])) in c.not_names):
        words.pop(0)
    return " ".join(words), words


def raw_mentions(text: str, lang: str, start: int = 0, end: int | None = None,
                 book: NameBook | None = None, sentence_start: int | None = None) -> list[NameMention]:
    """Candidate name mentions in ``text[start:end]`` (offsets into ``text``)."""
    c = cues(lang)
    end = len(text) if end is None else end
    out: list[NameMention] = []
    for m in _NAME_RE.finditer(text, start, end):
        # the words of the run with their offsets, elisions (qu'Alibaba) removed
        words: list[tuple[int, int, str]] = []
        for t in _TOKEN.finditer(m.group(0)):
            s, w = m.start() + t.start(), t.group(0)
            el = _ELISION.match(w)
            if el:
                s, w = s + el.end(), w[el.end():]
            words.append((s, s + len(w), w))
        initial_pos = None
        if sentence_start is not None and text[sentence_start:m.start()].strip(" \"'“„«(") == "":
            initial_pos = m.start()
        run: list[tuple[int, int, str]] = []
        runs: list[list[tuple[int, int, str]]] = []
        for s, e, w in words:
            fw = fold(w)
            base = _strip_possessive(w)
            ok = True
            if fw in _CONNECT or w == "&":
                ok = bool(run)
            elif fold(base) in c.not_names or fw in c.not_names:
                ok = False
            elif c.series_re is not None and c.series_re.fullmatch(base):
                ok = False
            elif "-" in base and base.split("-")[-1][:1].islower():
                ok = False  # "Hong Kong-based", "Moscow-based"
            elif lang == "de":
                ok = _shape_is_name(base) or (book is not None and (
                    fold(base) in book.known_words or fold(base).rstrip("s") in book.known_words))
            if ok:
                run.append((s, e, w))
            if not ok or base != w:  # a possessive ends a name
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        for run in runs:
            while run and (fold(run[-1][2]) in _CONNECT or run[-1][2] == "&"):
                run.pop()
            if not run:
                continue
            s, e = run[0][0], run[-1][1]
            raw = text[s:e]
            cleaned = _strip_possessive(raw)
            e = s + len(cleaned)
            key = name_key(cleaned, c)
            if not key or len(key) < 2:
                continue
            initial = initial_pos is not None and s == initial_pos
            looks = any(_shape_is_name(_strip_possessive(w)) for _, _, w in run)
            known = book is not None and key in book.known
            if lang == "de":
                ok = looks or known or key in c.aliases or (
                    book is not None and key.endswith("s") and key[:-1] in book.known)
            else:
                ok = looks or not initial or known or key in c.aliases
                if not ok and book is not None and book.lower_words is not None:
                    # "Acme raised ...": a sentence-initial word never written in lower case
                    first = fold(_strip_possessive(run[0][2]))
                    ok = first not in book.lower_words
            if ok:
                out.append(NameMention(s, e, cleaned, key))
    return out


def name_key(name: str, c: Cues) -> str:
    """Folded key of a name: no possessive, no company suffix, no trailing dots."""
    words = [_strip_possessive(w) for w in name.split()]
    while len(words) > 1 and fold(words[-1]).rstrip(".") in c.name_suffixes:
        words.pop()
    key = fold(" ".join(words)).strip(" .,;:()\"'")
    key = re.sub(r"\s*&\s*", "&", key)
    # "(BABA)" tickers and the like
    key = re.sub(r"\s*\(.*$", "", key)
    return key


def build_book(texts: list[tuple[str, str]], segments: list[list[tuple[int, int]]]) -> NameBook:
    """Collect names from ``texts`` [(text, lang)] with their sentence spans."""
    book = NameBook()
    lower: set[str] = set()
    for text, _lang in texts:
        lower.update(fold(w) for w in re.findall(r"(?<![\w'’-])[a-zà-ÿ][\w'’-]*", text))
    book.lower_words = lower
    # 1. names English and French texts show by capitals
    for (text, lang), segs in zip(texts, segments):
        if lang == "de":
            continue
        for s0, e0 in segs:
            for m in raw_mentions(text, lang, s0, e0, book, sentence_start=s0):
                book.known.add(m.key)
    for (text, lang), segs in zip(texts, segments):
        for s0, e0 in segs:
            for m in raw_mentions(text, lang, s0, e0, None, sentence_start=s0):
                if any(_shape_is_name(w) for w in m.text.split()):
                    book.known.add(m.key)
    for key in book.known:
        book.known_words.update(key.split())
    # 2. one canonical spelling per name
    mentions: list[tuple[str, str, str]] = []  # (key, display, lang)
    for (text, lang), segs in zip(texts, segments):
        for s0, e0 in segs:
            for m in raw_mentions(text, lang, s0, e0, book, sentence_start=s0):
                mentions.append((m.key, m.text, lang))
    for key, display, lang in mentions:
        book.counts[key] = book.counts.get(key, 0) + 1
    keys = sorted(book.counts, key=lambda k: (-book.counts[k], len(k), k))
    for key in keys:
        if key in book.canon:
            continue
        book.canon[key] = _canonical_for(key, book, mentions)
    return book


def _alias(key: str) -> str | None:
    for lang in ("en", "de", "fr"):
        a = cues(lang).aliases.get(key)
        if a:
            return a
    return None


def _canonical_for(key: str, book: NameBook, mentions) -> str:
    alias = _alias(key)
    if alias:
        return alias
    # genitive -s of German ("Megviis", "Qualcomms")
    if key.endswith("s") and key[:-1] in book.counts:
        return book.canonical(key[:-1]) if key[:-1] in book.canon else _display(key[:-1], mentions)
    from rapidfuzz import fuzz

    for other in list(book.canon):
        if other == key:
            continue
        short, long_ = sorted((key, other), key=len)
        if len(short) >= 4 and (long_.startswith(short + " ") or long_.startswith(short + ".")):
            return book.canon[other]
        if len(short) >= 6 and fuzz.ratio(key, other) >= 92:
            return book.canon[other]
    return _display(key, mentions)


def _display(key: str, mentions) -> str:
    """The most frequent spelling of ``key``, English texts preferred."""
    spellings: dict[str, int] = {}
    for k, display, lang in mentions:
        if k == key:
            w = spellings.get(display, 0) + (2 if lang == "en" else 1)
            spellings[display] = w
    if not spellings:
        return key
    best = max(spellings.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
    words = [_strip_possessive(w) for w in best.split()]
    c = cues("en")
    while len(words) > 1 and fold(words[-1]).rstrip(".") in c.name_suffixes:
        words.pop()
    return " ".join(words)
