"""Language-independent anchors shared by the aligner and the lexical checks.

A sentence is turned into a bag of *anchor features*, strings that can be
equal across languages:

``#<n>``     a number, normalised across locale formats (``1'000``, ``1.000``,
             ``1,000`` and ``1 000`` are all ``#1000``; ``2,5`` and ``2.5`` are
             ``#2.5``; an ambiguous ``1.500`` yields both readings); number
             words (``drei``, ``trois``) and months (``#m3``) come from data.
``p:<key>``  a word's cognate key: lower-cased, accents stripped, light
             suffix stripping, first five letters (``Expedition`` and
             ``expédition`` share ``p:exped``).  Function words are left out.
``c:<id>``   a concept: from the language's ``align.yaml`` (matched by
             5-letter key) or the trilingual lexicon ``audit/data/lexicon/``
             (matched by stem; German compounds as head + tail): ``Berg``
             and ``montagne`` share ``c:mountain``.
``P:<ch>``   salient punctuation (``?``, ``!``, ``:``, quotes, brackets).

Besides the features, the shape of a line is read for the aligner:
:func:`join_scores` (how a line ends and the next starts: a split after
``:`` or an initial, or before a lower-case start, is probably inside a unit;
weights in ``boundary`` of the language's ``align.yaml``) and
:func:`sentence_like` (running text rather than page furniture).

:func:`lexical_similarity` scores one sentence pair from those anchors plus
their length ratio; the aligner (:mod:`audit.align.core`) uses the same
features with document-level weights.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .. import datacache
from ..lang import DATA_DIR, lang_data, load_yaml

__all__ = [
    "features",
    "lexical_similarity",
    "normalise_word",
    "number_keys",
    "words",
]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,'’\u00a0\u202f ]\d+)*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,'’\u00a0\u202f ]\d+)*")
_PUNCT = {"?": "?", "!": "!", ":": ":", "(": "(", ")": "(", "«": "\"", "»": "\"",
          "“": "\"", "”": "\"", "„": "\"", "\"": "\"", ";": ";"}

# Weights of feature kinds for the document-free similarity.
KIND_WEIGHT = {"#": 3.0, "p": 1.0, "c": 1.0, "P": 0.3, "L": 1.0}


def _lang(lang: str) -> dict:
    """The compiled anchor data of ``lang`` (stopwords, number words, concepts,
    lexicon by stem, ...)."""
    return _compiled(lang)["info"]


@lru_cache(maxsize=None)
def _compiled(lang: str) -> dict:
    """Everything this module derives from the language's data files, built
    once per process and kept on disk between runs (:mod:`audit.datacache`,
    keyed by the bytes of every file :func:`_data_files` lists)."""
    return datacache.load_or_build(f"align-{lang}", _data_files(lang), lambda: _build(lang))


def _data_files(lang: str) -> list[Path]:
    """The files :func:`_build` reads (and this module's source: a change to
    how the data is compiled must not return a stale cache either)."""
    folder = DATA_DIR / "lexicon"
    lexicon = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return [Path(__file__), DATA_DIR / lang / "align.yaml", *lexicon]


def _build(lang: str) -> dict:
    return {"info": _build_lang(lang), "boundary": _build_boundary_data(lang),
            "function_words": _build_function_words(lang)}


def _build_lang(lang: str) -> dict:
    data = lang_data(lang, "align") or {}
    stop = {_fold(w) for w in data.get("stopwords", []) or []}
    numbers = {_fold(k): v for k, v in (data.get("number_words") or {}).items()}
    months = {_fold(k): v for k, v in (data.get("months") or {}).items()}
    suffixes = tuple(sorted((_fold(s) for s in data.get("suffixes") or []), key=len, reverse=True))
    concepts: dict[str, list[str]] = {}
    for gloss, forms in (data.get("concepts") or {}).items():
        for form in forms or []:
            key = _stem(_fold(form), suffixes)[:5]
            if str(gloss) not in concepts.setdefault(key, []):
                concepts[key].append(str(gloss))
    lexicon: dict[str, list[str]] = {}
    for gloss, forms in _lexicon_forms(lang):
        for form in forms:
            f = _fold(form)
            if f in stop or len(f) < 2:
                continue
            key = _stem(f, suffixes)
            if gloss not in lexicon.setdefault(key, []):
                lexicon[key].append(gloss)
    elisions = tuple(_fold(e).replace("\u2019", "'") for e in data.get("elisions") or [])
    return {"stop": stop, "numbers": numbers, "months": months, "suffixes": suffixes,
            "concepts": concepts, "lexicon": lexicon, "elisions": elisions,
            "compound_part": int(data.get("compound_part") or 0),
            "spelled": _spelled_pattern(data),
            "number_suffixes": tuple(sorted((_fold(x) for x in data.get("number_word_suffixes") or []),
                                            key=len, reverse=True)),
            "linkers": tuple(_fold(x) for x in data.get("compound_linkers") or [])}


def _spelled_pattern(data: dict) -> re.Pattern | None:
    """Quick test for a word that may be a spelled compound number
    (``number_morphs`` of ``align.yaml``: "zig", "hundert", "vingt" ...)."""
    morphs = sorted({_fold(x) for x in data.get("number_morphs") or []}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, morphs))) if morphs else None


def _spelled_value(word: str, lang: str, info: dict) -> str | None:
    """The value of a spelled compound number word ("zweihundertfünfzig",
    "quatre-vingt-dix", "Achttausender" with a ``number_word_suffixes``
    ending), read by the numbers extractor; None unless the whole word is
    one whole number."""
    from ..numbers.extract import extract

    low = word.lower()
    cands = [word] + [word[: -len(x)] for x in info["number_suffixes"] if low.endswith(x) and len(low) > len(x) + 3]
    for cand in cands:
        qs = extract(cand, lang)
        if len(qs) == 1 and qs[0].start == 0 and qs[0].end == len(cand):
            v = qs[0].value
            if v is not None and v >= 1 and v == int(v):
                return str(int(v))
    return None


def _lexicon_forms(lang: str) -> list[tuple[str, list[str]]]:
    """(gloss, forms of ``lang``) of every entry of ``audit/data/lexicon/*.yaml``,
    files in name order."""
    return [(gloss, [str(x) for x in (langs or {}).get(lang) or []]) for gloss, langs in _lexicon_entries()]


@lru_cache(maxsize=None)
def _lexicon_entries() -> tuple[tuple[str, dict], ...]:
    folder = DATA_DIR / "lexicon"
    out: list[tuple[str, dict]] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        doc = load_yaml(path) or {}
        out.extend((str(g), langs) for g, langs in (doc.get("entries") or {}).items())
    return tuple(out)


def _fold(word: str) -> str:
    """Lower-case, strip accents, ß -> ss, œ -> oe."""
    w = str(word).lower().replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
    w = unicodedata.normalize("NFD", w)
    return "".join(ch for ch in w if not unicodedata.combining(ch))


def _stem(word: str, suffixes: tuple[str, ...]) -> str:
    for suf in suffixes:
        if len(word) - len(suf) >= 4 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def normalise_word(word: str, lang: str) -> str:
    """The folded, lightly stemmed form of ``word`` used for comparisons."""
    return _stem(_fold(word), _lang(lang)["suffixes"])


def number_keys(token: str) -> list[str]:
    """Normalised readings of one numeric token (``1'000`` -> ``['1000']``)."""
    parts = re.split(r"[.,'’\u00a0\u202f ]", token)
    seps = re.findall(r"[.,'’\u00a0\u202f ]", token)
    if not seps:
        return [str(int(token)) if len(token) < 30 else token]
    digits = "".join(parts)
    groups_ok = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3
    kinds = set(seps)
    out: list[str] = []
    if groups_ok and (len(seps) > 1 or kinds & {"'", "’", "\u00a0", "\u202f", " "}):
        if len(kinds) == 1:
            return [str(int(digits))]
    if len(seps) == 1 and kinds <= {".", ","}:
        dec = f"{int(parts[0])}.{parts[1]}".rstrip("0").rstrip(".")
        out.append(dec)
        if groups_ok:
            out.append(str(int(digits)))
        return out
    if len(kinds) == 2 and seps[-1] in ".," and seps[-1] not in seps[:-1]:
        whole = "".join(parts[:-1])
        return [f"{int(whole)}.{parts[-1]}".rstrip("0").rstrip(".")]
    # a list of numbers separated by spaces or commas: each on its own
    return [str(int(p)) for p in parts if p and len(p) < 30]


def words(text: str) -> list[str]:
    """Word and number tokens of ``text``, in order."""
    return _WORD.findall(text)


_TOKEN_CACHE: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
_PUNCT_RE = re.compile("[" + re.escape("".join(_PUNCT)) + "]")


def token_info(tok: str, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Anchor features of one token and its content stems (none for function
    words and numbers).  A French elided article (``l'arête``) is dropped.
    Cached: tokens repeat a lot."""
    key = (tok, lang)
    hit = _TOKEN_CACHE.get(key)
    if hit is not None:
        return hit
    info = _lang(lang)
    feats: list[str] = []
    stems: list[str] = []
    if tok[0].isdigit():
        if not re.search(r"[ \u00a0\u202f]", tok) or re.fullmatch(
            r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?", tok
        ):
            feats.extend("#" + k for k in number_keys(tok))
        else:
            for part in re.split(r"[ \u00a0\u202f]", tok):
                if part:
                    feats.extend("#" + k for k in number_keys(part))
    else:
        f = _fold(tok)
        if "'" in f or "\u2019" in f:
            f = f.replace("\u2019", "'")
            for e in info["elisions"]:
                if f.startswith(e) and len(f) > len(e):
                    f = f[len(e):]
                    break
        spelled = info["spelled"]
        value = None
        if spelled is not None and f not in info["numbers"] and len(f) > 4 and spelled.search(f):
            value = _spelled_value(tok, lang, info)
        if value is not None:
            feats.append("#" + value)
        else:
            _word_features(f, tok[0].isupper(), info, feats, stems)
    res = (tuple(feats), tuple(stems))
    if len(_TOKEN_CACHE) > 500_000:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[key] = res
    return res


def _word_features(f: str, upper: bool, info: dict, feats: list[str], stems: list[str]) -> None:
    """Features of one folded word (no hyphen) into ``feats``/``stems``."""
    if f in info["numbers"]:
        feats.append(f"#{info['numbers'][f]}")
    elif f in info["months"] and (f not in info["stop"] or upper):
        feats.append(f"#m{info['months'][f]}")
    elif f not in info["stop"] and len(f) >= 2:
        stem = _stem(f, info["suffixes"])
        feats.append("p:" + stem[:5])
        stems.append(stem)
        glosses = list(info["concepts"].get(stem[:5], ()))
        for g in _lexicon_glosses(stem, info):
            if g not in glosses:
                glosses.append(g)
        feats.extend("c:" + g for g in glosses)


def _lexicon_glosses(stem: str, info: dict) -> list[str]:
    """Lexicon glosses of a stem; for a language with compounds (German), a
    word not listed whole is read as head + tail when both parts are listed
    (``Gletscherbecken`` -> glacier, basin) or as a listed tail alone."""
    lex = info["lexicon"]
    hit = lex.get(stem)
    if hit is not None:
        return hit
    n = info["compound_part"]
    if not n or len(stem) < 2 * n:
        return []
    for k in range(n, len(stem) - n + 1):  # longest tail first
        tail = lex.get(stem[k:]) or lex.get(_stem(stem[k:], info["suffixes"]))
        if tail is None:
            continue
        head = stem[:k]
        out = list(tail)
        for h in (head, *(head[: -len(x)] for x in info["linkers"] if head.endswith(x))):
            if len(h) >= n and h in lex:
                out = [g for g in lex[h] if g not in out] + out
                break
        return out
    return []


def features(text: str, lang: str) -> list[str]:
    """Anchor features of one sentence (a list: repeated anchors repeat)."""
    out: list[str] = []
    for tok in _WORD.findall(text):
        out.extend(token_info(tok, lang)[0])
    for ch in _PUNCT_RE.findall(text):
        out.append("P:" + _PUNCT[ch])
    return out


_NGRAM_CACHE: dict[tuple[str, int], tuple[str, ...]] = {}


def name_ngrams(tok: str, n: int = 3) -> tuple[str, ...]:
    """Character n-grams (``g:`` features) of a name-like token: folded,
    ``h`` dropped and doubled letters collapsed, so that spelling variants
    across languages (``Kangchendzönga`` / ``Kanchenjunga``) share most."""
    key = (tok, n)
    hit = _NGRAM_CACHE.get(key)
    if hit is not None:
        return hit
    w = _fold(tok).replace("h", "")
    w = re.sub(r"(.)\1+", r"\1", w)
    w = f"^{w}$"
    res = tuple(sorted({"g:" + w[k:k + n] for k in range(len(w) - n + 1)}))
    if len(_NGRAM_CACHE) > 500_000:
        _NGRAM_CACHE.clear()
    _NGRAM_CACHE[key] = res
    return res


def features_and_stems(text: str, lang: str, ngrams: int = 0,
                       ngram_min_len: int = 5) -> tuple[list[str], set[str]]:
    """:func:`features` plus the set of content-word stems (for lexicon learning).

    With ``ngrams`` > 0, capitalised content words of at least
    ``ngram_min_len`` letters (names, mostly) also give their character
    n-grams (:func:`name_ngrams`)."""
    out: list[str] = []
    stems: set[str] = set()
    for k, tok in enumerate(_WORD.findall(text)):
        feats, tok_stems = token_info(tok, lang)
        out.extend(feats)
        for stem in tok_stems:
            if len(stem) >= 3:
                stems.add(stem)
        if ngrams and tok_stems and len(tok) >= ngram_min_len and tok[0].isupper() and (k > 0 or lang != "de"):
            out.extend(name_ngrams(tok, ngrams))
    for ch in _PUNCT_RE.findall(text):
        out.append("P:" + _PUNCT[ch])
    return out, stems


def _kind_weight(feat: str) -> float:
    return KIND_WEIGHT.get(feat[0], 1.0)


def _length_factor(a: str, b: str) -> float:
    la, lb = len(a.strip()), len(b.strip())
    if la == 0 and lb == 0:
        return 1.0
    if la == 0 or lb == 0:
        return 0.0
    r = min(la, lb) / max(la, lb)
    return math.sqrt(r)


def lexical_similarity(src_text: str, tgt_text: str, src_lang: str, tgt_lang: str) -> float:
    """How much two texts look like translations of each other, in [0, 1].

    Built from the aligner's anchors: weighted cosine of the anchor bags
    (numbers weigh most, then names/cognates and concepts, punctuation least),
    lifted towards 1 by shared anchors and multiplied by a length-ratio factor.
    No neural model; no document context (a single pair is scored alone).
    """
    fa = Counter(features(src_text, src_lang))
    fb = Counter(features(tgt_text, tgt_lang))
    lf = _length_factor(src_text, tgt_text)
    if not fa or not fb:
        # nothing to compare but the lengths: stay modest
        return round(0.3 * lf, 6) if (src_text.strip() and tgt_text.strip()) else 0.0
    dot = sum(min(fa[k], fb[k]) * _kind_weight(k) ** 2 for k in fa.keys() & fb.keys())
    na = math.sqrt(sum(v * v * _kind_weight(k) ** 2 for k, v in fa.items()))
    nb = math.sqrt(sum(v * v * _kind_weight(k) ** 2 for k, v in fb.items()))
    cos = dot / (na * nb) if na and nb else 0.0
    # Only part of any sentence has cross-lingual anchors: a cosine of 0.5 is
    # already strong evidence.  Map it to [0, 1] with a saturating curve.
    sim = 1.0 - math.exp(-3.0 * cos)
    sim = sim / (1.0 - math.exp(-3.0))
    return float(max(0.0, min(1.0, sim * (0.5 + 0.5 * lf))))


# ---------------------------------------------------------------- boundaries

_CLOSERS = ")]»”\"'’"


def _boundary_data(lang: str) -> dict:
    return _compiled(lang)["boundary"]


def _build_boundary_data(lang: str) -> dict:
    data = (lang_data(lang, "align") or {}).get("boundary") or {}
    return {
        "end": {str(k): float(v) for k, v in (data.get("end") or {}).items()},
        "start": {str(k): float(v) for k, v in (data.get("start") or {}).items()},
        "abbrev": {_fold(w) for w in data.get("abbreviations") or []},
    }


def end_class(text: str, lang: str) -> str:
    """How a sentence ends: ``strong`` (``.``, ``!``, ``?``, possibly before a
    closing quote or bracket), ``abbrev`` (a final ``.`` after an initial or a
    listed abbreviation: the splitter cut inside a sentence), the final mark
    itself (``:``, ``;``, ``,``, ...) or ``none`` (no punctuation: a heading)."""
    x = text.rstrip()
    if not x:
        return "none"
    last = x[-1]
    if last == ".":
        w = _last_word(x[:-1].rstrip())
        if w and ((len(w) <= 2 and w[0].isupper()) or _fold(w) in _boundary_data(lang)["abbrev"]):
            return "abbrev"
        return "strong"
    if last in "!?…":
        return "strong"
    if last in _CLOSERS:
        core = x.rstrip(_CLOSERS + " ")
        return "strong" if core and core[-1] in ".!?…" else "none"
    if last.isalnum():
        return "none"
    return last


def _last_word(x: str) -> str:
    """The letters at the very end of ``x`` (``'Nr. 293,S'`` -> ``'S'``)."""
    k = len(x)
    while k > 0 and x[k - 1].isalpha():
        k -= 1
    return x[k:]


def start_class(text: str) -> str:
    """How a sentence starts: ``lower`` (a continuation), ``digit``,
    ``close`` (a closing bracket or quote) or ``upper`` (anything else)."""
    x = text.lstrip()
    if not x:
        return "upper"
    c = x[0]
    if c.islower():
        return "lower"
    if c.isdigit():
        return "digit"
    if c in _CLOSERS:
        return "close"
    return "upper"


def join_scores(sentences: list[str], lang: str) -> list[float]:
    """Per sentence, evidence (from ``boundary`` in the language's
    ``align.yaml``; 0 = an ordinary sentence end) that the split after it lies
    inside a larger unit that a translation may keep whole: a sentence ending
    in ``:`` or ``;`` or an abbreviation, or followed by one starting in lower
    case.  The last sentence gets 0."""
    d = _boundary_data(lang)
    ew, sw = d["end"], d["start"]
    out = [0.0] * len(sentences)
    if not ew and not sw:
        return out
    open_w, close_w = ew.get("open", 0.0), sw.get("unopened", 0.0)
    for k in range(len(sentences) - 1):
        cur, nxt = sentences[k], sentences[k + 1]
        out[k] = ew.get(end_class(cur, lang), 0.0) + sw.get(start_class(nxt), 0.0)
        if open_w and _bracket_depth(cur)[1] > 0:  # a bracket left open
            out[k] += open_w
        if close_w and _bracket_depth(nxt)[0] < 0:  # closes a bracket it did not open
            out[k] += close_w
    return out


def _bracket_depth(text: str) -> tuple[int, int]:
    """(lowest, final) nesting depth of round and square brackets."""
    if "(" not in text and ")" not in text and "[" not in text and "]" not in text:
        return 0, 0
    d = low = 0
    for ch in _BRACKETS.findall(text):
        d += 1 if ch in "([" else -1
        low = min(low, d)
    return low, d


_BRACKETS = re.compile(r"[()\[\]]")


def sentence_like(text: str, lang: str, min_function_words: int = 2) -> bool:
    """A line that reads as running text (ends like a sentence and has at
    least ``min_function_words`` function words of two letters or more), not
    page furniture such as a caption, a credit or OCR debris."""
    if end_class(text, lang) not in ("strong", "abbrev"):
        return False
    stop = _function_words(lang)
    return sum(map(stop.__contains__, _WORDS_LOWER.findall(text.lower()))) >= min_function_words


_WORDS_LOWER = re.compile(r"[^\W\d_]+")


def _function_words(lang: str) -> frozenset[str]:
    """Stopwords of ``lang`` as written and folded; single letters are left
    out (as often initials, ``L. S.``, as words)."""
    return _compiled(lang)["function_words"]


def _build_function_words(lang: str) -> frozenset[str]:
    words = [str(w).lower() for w in (lang_data(lang, "align") or {}).get("stopwords") or []]
    return frozenset(w for w in words + [_fold(w) for w in words] if len(w) > 1)
