"""Names: find them in a source text and look for them in a target text.

A name is a capitalised token or run of tokens that is not at the start of a
sentence (or is, but is known to be a name), an acronym ("CCTV", "R&D"), a
word with inner capitals ("SenseTime", "iPhone") or a ticker in parentheses
("(BABA)").  German capitalises every noun: for a German text a capitalised
word is a name only when it is not in ``common_nouns`` and does not end like a
noun (``noun_suffixes``), and such names are weak.  A word that the trilingual
lexicon (``audit/data/lexicon/``) lists for the language, read with its
inflection ending stripped or, for a compound, by its tail ("Pionierarbeit":
"arbeit"; settings in ``noun_lexicon`` of ``stopwords.yaml``, see
:func:`common_word`), is a name only inside a run of names with something more
name-like ("Joschka Fischer"), or alone in a document that has it in such a run.

A title or office (``titles``: "Prime Minister", "Premier ministre",
"Bundeskanzler") is not a name, nor part of the name it leads ("Prime Minister
Rishi Sunak": "Rishi Sunak"); a month or weekday (``word_groups`` of
``exonyms.yaml``) is no name on its own.

Looking a name up in the other text allows exonyms (``audit/data/exonyms.yaml``:
Beijing / Peking / Pékin), declension (``name_suffixes``: "Qualcomms",
"Alibaba's"), spacing ("S&P" / "S & P"), adjective endings inside a
multi-word name (``name_word_endings``: "Deutsche Bank" / "Deutschen Bank") and, as a last resort, fuzzy matching
(a misspelling: "Goldman Sachs" / "Goldmann Sacks").

Public functions: :func:`find_names`, :func:`locate`, :func:`fuzzy_locate`,
:func:`variants`, :func:`common_word`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

import yaml

from .. import datacache
from ..lang import DATA_DIR, data_path, lang_data
from .cues import word_list, words

Range = tuple[int, int]

_ELISION = re.compile(r"^(?:d|l|qu|jusqu|lorsqu|puisqu|n|s|c|j|m|t)['’](?=\w)", re.IGNORECASE)
_CONNECTORS = {"of", "for", "de", "du", "des", "la", "le", "von", "der", "to"}
_OPENERS = set('.!?:;"“„«‹(‚‘[–—⁃•')
FUZZY_MIN = 85
# one typing slip (a letter wrong, missing, extra or two swapped: "Marcon")
# in a name of at least this many letters is a misspelling whatever its score
FUZZY_ONE_EDIT = 6


@dataclass(frozen=True)
class Name:
    """A name in a text: ``text == doc_text[start:end]``."""

    start: int
    end: int
    text: str
    parts: tuple[tuple[int, int, str], ...]  # distinctive tokens (checked one by one)
    kind: str  # "name", "acronym", "ticker"
    strong: bool  # False: a guess (German capitalised word, sentence-initial word)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    how: str  # "exact", "declension", "exonym", "fuzzy"
    score: float = 100.0


# ------------------------------------------------------------------ exonyms


@lru_cache(maxsize=None)
def _exonyms() -> tuple[dict[str, frozenset[str]], frozenset[str], frozenset[str]]:
    """(form key -> forms of its groups, adjective endings, keys of the forms
    of ``word_groups``: matched like exonyms but never a name on their own)."""
    node = data_path("exonyms.yaml")
    raw = yaml.safe_load(node.read_text(encoding="utf-8")) if node.is_file() else {}
    index: dict[str, set[str]] = {}
    lone: set[str] = set()
    for key in ("groups", "word_groups"):
        for group in raw.get(key) or []:
            forms = {str(f) for f in group}
            for f in forms:
                index.setdefault(_key(f), set()).update(forms)
                if key == "word_groups":
                    lone.add(_key(f))
    endings = frozenset(str(e) for e in raw.get("adjective_endings") or [])
    return {k: frozenset(v) for k, v in index.items()}, endings, frozenset(lone)


def _key(form: str) -> str:
    return form.lower().replace(".", "").replace(" ", "").replace("-", "")


def exonym_forms(form: str) -> frozenset[str]:
    """Every form of the exonym group(s) ``form`` belongs to (empty if none)."""
    return _exonyms()[0].get(_key(form), frozenset())


def _word_not_name(form: str) -> bool:
    """True for a form of ``word_groups`` ("März", "July"): no name on its own."""
    return _key(form) in _exonyms()[2]


@lru_cache(maxsize=None)
def _titles(lang: str) -> tuple[tuple[str, ...], ...]:
    """The ``titles`` of ``lang`` as lower-cased word sequences, longest first."""
    seqs = {tuple(str(t).lower().split()) for t in lang_data(lang, "stopwords").get("titles") or []}
    return tuple(sorted((q for q in seqs if q), key=len, reverse=True))


def _title_tokens(toks, lang: str) -> set[int]:
    """Indices of the tokens that make up a title ("Prime Minister",
    "Premier ministre", "Bundeskanzler"); only single spaces inside one."""
    titles = _titles(lang)
    out: set[int] = set()
    if not titles:
        return out
    low = [t[2].lower() for t in toks]
    i = 0
    while i < len(toks):
        for q in titles:
            k = len(q)
            if tuple(low[i : i + k]) == q and all(toks[j][1] + 1 == toks[j + 1][0] for j in range(i, i + k - 1)):
                out.update(range(i, i + k))
                i += k - 1
                break
        i += 1
    return out


# ------------------------------------------------------------------ tokens


def _is_acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _inner_caps(tok: str) -> bool:
    return any(c.isupper() for c in tok[1:]) and any(c.islower() for c in tok)


def variants(tok: str, lang: str) -> list[str]:
    """``tok`` and ``tok`` without a declension ending of ``lang`` ("Qualcomms")."""
    out = [tok]
    for suf in sorted(lang_data(lang, "stopwords").get("name_suffixes") or [], key=len, reverse=True):
        if tok.endswith(suf) and len(tok) - len(suf) >= 2:
            out.append(tok[: -len(suf)])
    return out


def _clean(text: str, s: int, e: int, lang: str) -> tuple[int, int]:
    """Strip a French elision ("d'Alibaba") and a possessive ("China's")."""
    tok = text[s:e]
    m = _ELISION.match(tok)
    if m:
        s += m.end()
        tok = text[s:e]
    for suf in ("'s", "’s", "'", "’"):
        if tok.endswith(suf) and len(tok) > len(suf) + 1:
            e -= len(suf)
            break
    return s, e


def _initial(text: str, lo: int, s: int) -> bool:
    """True when the token at ``s`` starts a sentence, quote or parenthesis."""
    i = s - 1
    while i >= lo and text[i] in " \t\u00a0":
        i -= 1
    if i < lo or text[i] in "\n\r":
        return True
    return text[i] in _OPENERS


_FULL_STOP_END = re.compile(r"[^.…]\.[\"'’”»)\]]*\s*$")


def _title_case(toks, lang: str, text: str = "") -> bool:
    """True for a line in title case (a headline): every word of four letters
    or more that is not a function word of ``lang`` is capitalised, and the
    line does not end in a full stop as running text does.  A sentence dense
    with names ("President Emmanuel Macron met Siemens chief Roland Busch",
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in
    Berlin.") is no headline."""
    if text and _FULL_STOP_END.search(text):
        return False
    function = word_list(lang, "function")
    alpha = [t for t in toks if t[2][:1].isalpha() and len(t[2]) > 3 and t[2].lower() not in function]
    return len(alpha) >= 4 and all(t[2][:1].isupper() for t in alpha)


@lru_cache(maxsize=64)
def _noninitial_caps(text: str, lang: str = "en") -> frozenset[str]:
    """Capitalised tokens that occur somewhere in ``text`` not sentence-initially."""
    out = set()
    for line in re.finditer(r"[^\n]+", text):
        toks = words(text, line.start(), line.end())
        if _title_case(toks, lang, line.group()):
            continue  # a headline in title case says nothing
        out.update(_caps_in(text, toks))
    return frozenset(out)


@lru_cache(maxsize=None)
def _honorifics(lang: str) -> frozenset[str]:
    """The ``honorifics`` of ``lang`` ("Dr", "Frau", "Mme"), as written."""
    return frozenset(str(x) for x in lang_data(lang, "stopwords").get("honorifics") or [])


_AFTER_HONORIFIC = re.compile(r"\.?[ \u00a0]+")


def _after_honorific(text: str, toks, i: int, lang: str) -> bool:
    """True when token ``i`` follows an honorific ("Dr. Fischer", "Herr Koch")."""
    if i == 0 or toks[i - 1][2] not in _honorifics(lang):
        return False
    return _AFTER_HONORIFIC.fullmatch(text, toks[i - 1][1], toks[i][0]) is not None


def _caps_in(text: str, toks) -> set[str]:
    out = set()
    for s, e, tok in toks:
        if tok[:1].isupper() and not _initial(text, 0, s):
            out.add(tok)
            for suf in ("'s", "’s"):
                if tok.endswith(suf):
                    out.add(tok[: -len(suf)])
    return out


def _nounish_de(tok: str) -> bool:
    low = tok.lower()
    if low in word_list("de", "common_nouns"):
        return True
    base = low.rsplit("-", 1)[-1]
    if base in word_list("de", "common_nouns"):
        return True
    return any(base.endswith(suf) and len(base) > len(suf) + 2 for suf in word_list("de", "noun_suffixes"))


def _noun_settings(lang: str) -> dict:
    return lang_data(lang, "stopwords").get("noun_lexicon") or {}


@lru_cache(maxsize=None)
def _lexicon_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-cased (nouns, other words) of ``lang``.  Nouns: its
    ``common_nouns`` and, when ``noun_lexicon`` is set, the capitalised
    ``lang`` forms of the lexicon entries that have a lower-case
    ``confirm_lower_in`` form; other words: the lower-case forms of those
    entries (adjectives, verbs) when ``nominalised`` is set.  Built on first
    use and kept on disk (:mod:`audit.datacache`)."""
    settings = _noun_settings(lang)
    if not settings:
        return word_list(lang, "common_nouns"), frozenset()
    folder = DATA_DIR / "lexicon"
    files = [Path(__file__), DATA_DIR / lang / "stopwords.yaml",
             *(sorted(folder.glob("*.yaml")) if folder.is_dir() else [])]
    return datacache.load_or_build(f"nouns-{lang}", files, lambda: _build_words(lang, settings))


def _build_words(lang: str, settings: dict) -> tuple[frozenset[str], frozenset[str]]:
    from ..align.anchors import _lexicon_entries  # the parsed lexicon (a light module)

    check = str(settings.get("confirm_lower_in") or "")
    nouns = set(word_list(lang, "common_nouns"))
    other: set[str] = set()
    for _gloss, langs in _lexicon_entries():
        langs = langs or {}
        if check and not any(str(o)[:1].islower() for o in langs.get(check) or []):
            continue  # a proper name in the other language too ("China", "Moskau")
        for form in langs.get(lang) or []:
            form = str(form)
            if " " in form or _is_acronym(form):
                continue
            if form[:1].isupper():
                nouns.add(form.lower())
            elif settings.get("nominalised"):
                other.add(form.lower())
    return frozenset(nouns), frozenset(other - nouns)


def _stems(low: str, endings: tuple[str, ...], min_stem: int) -> list[str]:
    return [low] + [low[: -len(x)] for x in endings if low.endswith(x) and len(low) - len(x) >= min_stem]


@lru_cache(maxsize=8192)
def common_word(tok: str, lang: str) -> int:
    """How ``tok`` (capitalised) reads as a common word of ``lang`` (settings in
    ``noun_lexicon`` of its ``stopwords.yaml``): 2 a listed noun, bare or with
    an inflection ending, or a compound ending in one ("Pionierarbeit"); 1
    another listed word, a nominalised adjective or verb ("Kriminellen"); 0 not
    a listed word."""
    settings = _noun_settings(lang)
    if not settings:
        return 0
    nouns, other = _lexicon_words(lang)
    endings = tuple(str(x) for x in settings.get("endings") or [])
    min_stem = int(settings.get("min_stem") or 4)
    low = tok.lower()
    stems = _stems(low, endings, min_stem)
    if any(x in nouns for x in stems):
        return 2
    min_tail = int(settings.get("min_tail") or 0)
    min_head = int(settings.get("min_head") or 3)
    name_tails = {str(x).lower() for x in settings.get("name_tails") or []}
    heads = [len(p) for p in {str(x).lower() for x in settings.get("prefixes") or []}
             if len(p) < min_head and low.startswith(p)]
    for i in [*sorted(heads), *range(min_head, len(low) - min_tail + 1)] if min_tail else ():
        if len(low) - i < min_tail:
            continue
        tails = _stems(low[i:], endings, max(min_stem, min_tail))
        if any(x in name_tails for x in tails):
            break  # "Frankenstein", "Saarbrücken": a name's tail (and not "rücken")
        if any(x in nouns for x in tails):
            return 2
    return 1 if any(x in other for x in stems) else 0


def _after_article(text: str, lo: int, s: int) -> bool:
    m = re.search(r"(\w+)\s+$", text[max(lo, s - 20):s])
    return bool(m) and m.group(1).lower() in word_list("de", "articles")


def _next_is_name(text: str, toks, e: int, end: int, function, not_names) -> bool:
    """True when the word right after ``e`` is a capitalised non-function word."""
    if e >= end or text[e] != " ":
        return False
    nxt = next((t for t in toks if t[0] == e + 1), None)
    if nxt is None:
        return False
    w = nxt[2]
    return w[:1].isupper() and w.lower() not in function and w not in not_names


def find_names(
    text: str,
    lang: str,
    start: int = 0,
    end: int | None = None,
    *,
    doc_text: str | None = None,
    strict: bool = False,
) -> list[Name]:
    """Names in ``text[start:end]`` (one sentence or a few), offsets into ``text``.

    ``doc_text`` (the whole document) lets a sentence-initial word count as a
    name when it also occurs capitalised inside a sentence, and a common noun
    of the lexicon count alone when it also occurs inside a run of names
    ("Ernst Schmied" ... "Schmied").  ``strict`` keeps only names with strong
    evidence (used for target texts).
    """
    anchored = frozenset()
    if doc_text and not strict and _noun_settings(lang):
        anchored = _anchored_nouns(doc_text, lang)
    return _find_names(text, lang, start, end, doc_text, strict, anchored)


@lru_cache(maxsize=64)
def _anchored_nouns(doc_text: str, lang: str) -> frozenset[str]:
    """Common nouns of the lexicon that ``doc_text`` uses inside a run of names."""
    found: set[str] = set()
    _find_names(doc_text, lang, 0, len(doc_text), doc_text, False, frozenset(), found)
    return frozenset(found)


def _find_names(
    text: str,
    lang: str,
    start: int,
    end: int | None,
    doc_text: str | None,
    strict: bool,
    anchored: frozenset[str],
    found: set[str] | None = None,
) -> list[Name]:
    end = len(text) if end is None else end
    toks = words(text, start, end)
    if not toks:
        return []
    function = word_list(lang, "function")
    not_names = word_list(lang, "not_names")
    generic = word_list(lang, "generic_name_words")
    known_caps = _noninitial_caps(doc_text, lang) if doc_text else frozenset()
    headline = lang != "de" and _title_case(toks, lang, text[start:end])

    titled = _title_tokens(toks, lang)
    # 1. classify every token: None (not a name), or (kind, strong, distinctive)
    # soft: a common word of the lexicon (see common_word), a name only inside a run of names
    marks: list[tuple[int, int, str, str, bool, bool, int] | None] = []
    for i, (s0, e0, _) in enumerate(toks):
        s, e = _clean(text, s0, e0, lang)
        tok = text[s:e]
        info = None
        soft = 0
        if not tok or not (tok[0].isalpha()):
            marks.append(None)
            continue
        parts = tok.split("-")
        if "-" in tok and tok not in not_names and not exonym_forms(tok):
            # hyphenated: "U.S.-based", "Series-C", "KI-Markt": keep its first part
            head = parts[0]
            if not head or not head[0].isalpha():
                marks.append(None)
                continue
            e = s + len(head)
            tok = head
        if tok in not_names or (tok.lower() in function and not _is_acronym(tok)):
            marks.append(None)
            continue
        initial = _initial(text, start, s)
        in_paren = s > 0 and text[s - 1] == "(" and e < len(text) and text[e] == ")"
        if in_paren and _is_acronym(tok) and len(tok) <= 6:
            info = ("ticker", True, True)
        elif _is_acronym(tok):
            info = ("acronym", True, True)
        elif tok[0].isupper() and i not in titled and _after_honorific(text, toks, i, lang):
            info = ("name", True, True)  # "Dr. Fischer", "Frau Bauer": a name, not a noun
        elif _inner_caps(tok) or (tok[0].islower() and any(c.isupper() for c in tok)):
            info = ("name", True, True)
        elif tok[0].isupper():
            if exonym_forms(tok):
                info = ("name", True, True)
            elif lang == "de":
                if _nounish_de(tok):
                    info = None
                elif initial or headline:
                    info = ("name", False, True) if tok in known_caps and not strict else None
                elif _after_article(text, start, s):
                    info = None  # "den Käufer": a common noun
                else:
                    info = None if strict else ("name", False, True)
                soft = common_word(tok, lang) if info is not None and tok not in anchored else 0
            elif initial or headline:
                if tok in known_caps and tok.lower() not in generic:
                    info = ("name", True, True)
                elif not headline and _next_is_name(text, toks, e, end, function, not_names):
                    info = ("name", True, tok.lower() not in generic)  # "Goldman Sachs advised"
                else:
                    info = None
            else:
                info = ("name", True, tok.lower() not in generic)
        if info is not None and len(tok) == 1:
            info = (info[0], info[1], False)
        marks.append(None if info is None else (s, e, tok, info[0], info[1], info[2], soft))
    title_starts = {marks[k][0] for k in titled if marks[k] is not None}

    # 2. group runs of name tokens ("Bank of China", "Alibaba Group Holding Limited")
    names: list[Name] = []
    i = 0
    n = len(toks)
    while i < n:
        m = marks[i]
        if m is None:
            i += 1
            continue
        run = [m]
        j = i + 1
        while j < n:
            gap = text[run[-1][1] : toks[j][0]]
            nm = marks[j]
            possessive = text[run[-1][1] : toks[j - 1][1]] != ""
            if possessive or run[-1][3] == "ticker":
                break
            if nm is not None and nm[3] != "ticker" and gap in (" ", "\u00a0"):
                run.append(nm)
                j += 1
                continue
            # a connector between two name tokens: "Bank of China"
            if (
                toks[j][2].lower() in _CONNECTORS
                and j + 1 < n
                and marks[j + 1] is not None
                and marks[j + 1][3] != "ticker"
                and marks[j + 1][4]
                and run[-1][4]
                and gap == " "
                and text[toks[j][1] : toks[j + 1][0]] == " "
                and toks[j][2][:1].islower()
            ):
                run.append(marks[j + 1])
                j += 2
                continue
            break
        # a title is no part of a name: "Prime Minister Rishi Sunak", "French
        # President Emmanuel Macron" ("French", "Emmanuel Macron")
        pieces: list[list] = [[]]
        for r in run:
            if r[0] in title_starts:
                if len(pieces[-1]) == 1 and exonym_forms(pieces[-1][0][2]):
                    # a country word qualifying the title ("German Chancellor" ->
                    # "Bundeskanzler", "chancelier allemand") is part of the title
                    pieces[-1] = []
                pieces.append([])
            else:
                pieces[-1].append(r)
        subs = []
        for piece in pieces:
            if len(piece) == 1 and _word_not_name(piece[0][2]):
                continue  # "im März"
            subs.extend(_without_soft(piece, found) if piece else ())
        for sub in subs:
            s, e = sub[0][0], sub[-1][1]
            full = text[s:e]
            parts = tuple((r[0], r[1], r[2]) for r in sub if r[5])
            kind = sub[0][3] if len(sub) == 1 else "name"
            strong = any(r[4] for r in sub)
            if parts or exonym_forms(full):
                if not parts:
                    parts = ((s, e, full),)
                names.append(Name(s, e, full, parts, kind, strong))
        i = j
    return names


def _without_soft(run: list, found: set[str] | None = None) -> list[list]:
    """The name(s) in a run of name tokens some of which are soft (common words).

    A run of two or more holding a token that is neither a common noun nor a
    known form (an exonym: "Juli", "Peking") is one name.  Its leading common
    nouns may be a title ("Forschungsleiter Xu Li") or part of the name ("Tiger
    Global"): they stay in the name but are not checked one by one.  Its other
    soft tokens are distinctive parts ("Ernst Schmied") and are added to
    ``found``.  Otherwise the name(s) are the stretches left when the soft
    tokens are dropped ("Juli Lager": "Juli")."""
    if not any(r[6] for r in run):
        return [run]
    if len(run) > 1 and any(r[6] < 2 and not exonym_forms(r[2]) for r in run):
        k = next(i for i, r in enumerate(run) if r[6] < 2)
        if found is not None:
            found.update(r[2] for r in run[k:] if r[6])
        return [[(*r[:5], False, r[6]) if i < k else r for i, r in enumerate(run)]]
    out: list[list] = []
    cur: list = []
    for r in run:
        if r[6]:
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(r)
    if cur:
        out.append(cur)
    return out


# ------------------------------------------------------------------ lookup


def _inner_endings(form: str, langs: tuple[str, ...]) -> tuple[str, str]:
    """(``re.escape(form)`` with a marker ``\\x01`` after each word but the
    last whose adjective ending (``name_word_endings`` of ``langs``) was cut
    off, the regex for any such ending): "Deutsche Bank" matches "Deutschen Bank"."""
    ends = sorted({str(x) for lg in langs for x in lang_data(lg, "stopwords").get("name_word_endings") or []},
                  key=len, reverse=True)
    words_ = form.split(" ")
    if len(words_) < 2 or not ends:
        return re.escape(form), ""
    out = []
    for w in words_[:-1]:
        x = next((x for x in ends if w.endswith(x) and len(w) - len(x) >= 3 and w[:1].isupper()), None)
        out.append(re.escape(w[: -len(x)]) + "\x01" if x else re.escape(w))
    out.append(re.escape(words_[-1]))
    return re.escape(" ").join(out), "(?:" + "|".join(re.escape(x) for x in ends) + ")?"


def _form_regex(form: str, lang: str, adjective: bool, src_lang: str | None = None) -> re.Pattern:
    esc, alt = _inner_endings(form, tuple(sorted({lang, src_lang or lang})))
    esc = esc.replace(r"\&", r"\s*&\s*").replace(r"\+\+", r"\s*\+\+")
    esc = esc.replace(r"\-", "\x00").replace(r"\ ", r"[\s\-]+").replace("\x00", r"[\s\-]?")
    esc = esc.replace("\x01", alt)
    if _is_acronym(form):
        esc = esc.replace(r"\.", r"\.?")
    sufs = set(lang_data(lang, "stopwords").get("name_suffixes") or [])
    if adjective:
        sufs |= set(_exonyms()[1])
    suf = "|".join(re.escape(x) for x in sorted(sufs, key=len, reverse=True))
    suf_part = f"(?:{suf})?" if suf else ""
    if _is_acronym(form) and not adjective:
        return re.compile(rf"(?<![^\W\d_]){esc}{suf_part}(?![^\W\d_a-zß-ÿ])", re.UNICODE)
    return re.compile(rf"(?<![^\W\d_]){esc}{suf_part}(?![^\W\d_])", re.UNICODE | re.IGNORECASE)


@lru_cache(maxsize=4096)
def _regexes(form: str, lang: str, src_lang: str | None = None) -> tuple[tuple[re.Pattern, str], ...]:
    out = [(_form_regex(form, lang, False, src_lang), "exact")]
    for alt in sorted(exonym_forms(form)):
        if alt == form:
            continue
        adjective = alt[:1].islower()
        out.append((_form_regex(alt, lang, adjective), "exonym"))
    return tuple(out)


def locate(form: str, text: str, lang: str, ranges: list[Range], src_lang: str | None = None) -> Hit | None:
    """Find ``form`` (a name or one of its parts) in ``text`` within ``ranges``.

    ``lang`` is the language of ``text`` (its declension endings apply);
    ``src_lang`` the language the form comes from (its endings are stripped).
    """
    forms = [form]
    if src_lang:
        forms = variants(form, src_lang)
    for f in forms:
        for rx, how in _regexes(f, lang, src_lang):
            for lo, hi in ranges:
                m = rx.search(text, lo, hi)
                if m:
                    kind = how
                    if how == "exact" and m.group().lower().replace(" ", "") != f.lower().replace(" ", ""):
                        kind = "declension"
                    return Hit(m.start(), m.end(), m.group(), kind)
    return _folded_locate(forms, text, lang, ranges)


def fold_name(form: str) -> str:
    """``form`` lower-cased without accents, apostrophes and hyphens and with
    single spaces: transliteration variants ("Xiao'ou" / "Xiaoou", "Zoë" /
    "Zoe") fold alike."""
    decomposed = unicodedata.normalize("NFKD", form.lower())
    out = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’-.")
    return " ".join(out.split())


def _windows(text: str, ranges: list[Range], sizes) -> list[tuple[int, int]]:
    """(start, end) of every run of ``sizes`` words in ``ranges``; a hyphenated
    word counts whole and by its parts ("Simens-Chef": "Simens", "Chef")."""
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        toks = words(text, lo, hi)
        split = []
        for s, e, w in toks:
            if "-" in w:
                k = s
                for part in w.split("-"):
                    if part:
                        split.append((k, k + len(part), part))
                    k += len(part) + 1
            else:
                split.append((s, e, w))
        for seq in (toks, split) if len(split) != len(toks) else (toks,):
            for size in sizes:
                for i in range(0, len(seq) - size + 1):
                    out.append((seq[i][0], seq[i + size - 1][1]))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=None)
def _folded_suffixes(lang: str) -> tuple[str, ...]:
    return tuple(fold_name(x) for x in lang_data(lang, "stopwords").get("name_suffixes") or [])


def _folded_locate(forms: list[str], text: str, lang: str, ranges: list[Range]) -> Hit | None:
    """A stretch of ``text`` equal to one of ``forms`` once both are folded
    (:func:`fold_name`), also with a declension ending of ``lang``."""
    keys = {fold_name(f) for f in forms if f}
    keys.discard("")
    if not keys:
        return None
    sufs = _folded_suffixes(lang)
    sizes = {len(k.split()) for k in keys}
    for s, e in _windows(text, ranges, sizes | {max(1, k - 1) for k in sizes}):
        cand = fold_name(text[s:e])
        if cand in keys or any(x and cand.endswith(x) and cand[: -len(x)] in keys for x in sufs):
            return Hit(s, e, text[s:e], "folded")
    return None


def fuzzy_locate(name: str, text: str, ranges: list[Range], min_score: float = FUZZY_MIN) -> Hit | None:
    """The stretch of ``text`` (within ``ranges``) most like ``name``, if ≥ ``min_score``."""
    target = " ".join(name.split()).lower()
    if len(target.replace(" ", "")) < 4:
        return None
    k = len(target.split())
    best: Hit | None = None
    for s, e in _windows(text, ranges, {max(1, k - 1), k, k + 1}):
        cand = " ".join(text[s:e].split()).lower()
        if abs(len(cand) - len(target)) > max(3, len(target) // 3):
            continue
        sc = fuzz.ratio(target, cand)
        slip = len(target) >= FUZZY_ONE_EDIT and OSA.distance(target, cand) == 1
        if (sc >= min_score or slip) and (best is None or sc > best.score):
            best = Hit(s, e, text[s:e], "fuzzy", sc)
    return best
