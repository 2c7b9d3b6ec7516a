"""Inflection- and word-order-tolerant matching of lexicon patterns.

A *pattern* is plain data (a string or a small dict from a YAML file), never a
regular expression.  The string form is a sequence of *items* separated by
spaces; neighbouring items must be adjacent unless a gap marker stands between
them:

``..``      up to 3 other words in between
``...``     any number of words in between (within the same sentence)

An item is one or more alternatives separated by ``|``.  An alternative is a
*term* (one word) or a German-style separable verb ``particle+verb``:

``aktuell``        every form the language's inflection data generates
                   (aktuelle, aktuellen, aktuellster ...); case is ignored
``=also``          exactly this word (case ignored)
``eventual*``      any word starting with ``eventual``
``*spendenaktion`` any word ending in a form of the term: compounds
                   (Charity-Spendenaktion, Spendenaktionen)
``*gift*``         any word containing the text
``!Lokal``         as ``Lokal`` but the word must start with the same capital
                   (German noun ``Lokal``, not adjective ``lokal``)
``fallen+lassen``  the separable verb: ``fallen lassen``, ``fallenlassen``,
                   ``fallengelassen``, ``fallen zu lassen`` and the split main-
                   clause form ``ließ ... fallen`` where the particle closes
                   the clause; the match spans the verb through the particle.

The dict form ``{any_order: "Sinn machen", window: 8}`` requires every item
somewhere within ``window`` words, in any order (German verb-second and
verb-final clauses put the same words in different orders).  An optional
``also: "beißen"`` lists items that, when found within the window, widen the
match span without being required.

What a language knows about inflection lives in
``audit/data/<lang>/inflection.yaml``; this module is generic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from ..lang import lang_data

TOKEN_RE = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*")
CLAUSE_PUNCT = set(".,;:!?)]\"»«“”„()–—")
GAP_SHORT = 3
GAP_ANY = 10_000
MAX_SPLIT = 40  # words between a finite verb and its separated particle
DEFAULT_WINDOW = 12


def norm(s: str) -> str:
    """Casefolded comparison form (ß == ss, hyphen variants unified)."""
    s = str(s)  # YAML may hand over a bool for words like "on", "no"
    return s.replace("\u2010", "-").replace("\u2011", "-").replace("’", "'").casefold()


@dataclass(frozen=True)
class Token:
    text: str
    norm: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of ``text``; offsets are ``offset`` + position in ``text``.

    Hyphenated compounds stay one token (``E-Commerce-Unternehmen``);
    apostrophes split (``l'actuel`` -> ``l``, ``actuel``).
    """
    return [
        Token(m.group(), norm(m.group()), offset + m.start(), offset + m.end())
        for m in TOKEN_RE.finditer(text)
    ]


# --------------------------------------------------------------------------
# Morphology: word forms from the language's inflection data
# --------------------------------------------------------------------------


class Morphology:
    """Word-form generation for one language, read from ``inflection.yaml``."""

    def __init__(self, lang: str):
        data = lang_data(lang, "inflection") or {}
        self.lang = lang
        self.suffixes = [norm(s) for s in data.get("suffixes", []) or []]
        self.rules = list(data.get("rules", []) or [])
        self.deinflect_rules = list(data.get("deinflect", []) or [])
        self.irregular = {
            norm(k): frozenset(norm(f) for f in v or []) for k, v in (data.get("irregular") or {}).items()
        }
        # reverse map: irregular form -> lemmas
        self.lemma_of: dict[str, set[str]] = {}
        for lemma, fs in self.irregular.items():
            for f in fs:
                self.lemma_of.setdefault(f, set()).add(lemma)
        self.inseparable = tuple(norm(p) for p in data.get("inseparable_prefixes", []) or [])
        self.clause_end_words = frozenset(norm(w) for w in data.get("clause_end_words", []) or [])
        self.function_words = frozenset(norm(w) for w in data.get("function_words", []) or [])

    @staticmethod
    def _apply(rule: dict, word: str) -> list[str]:
        ends = norm(str(rule.get("ends", "")))
        strip = int(rule.get("strip", 0))
        if not word.endswith(ends) or len(word) - strip < 2:
            return []
        base = word[: len(word) - strip] if strip else word
        out = []
        for a in rule.get("add", []) or []:
            a = "" if a is None else str(a)
            if "{}" in a:
                out.append(a.replace("{last}", word[-1]).replace("{}", base))
            else:
                out.append(base + norm(a))
        return out

    @lru_cache(maxsize=None)
    def forms(self, term: str) -> frozenset[str]:
        """Every form of ``term`` (as written in the data: case is a hint)."""
        low = norm(term)
        lowercase = term[:1].islower()
        head, sep, word = low.rpartition("-")
        prefix = head + sep
        out = {low}
        for s in self.suffixes:
            out.add(low + s)
        for rule in self.rules:
            if rule.get("lowercase") and not lowercase:
                continue
            out.update(prefix + f for f in self._apply(rule, word))
        for lemma, fs in self.irregular.items():
            if word == lemma:
                out.update(prefix + f for f in fs)
            elif len(lemma) >= 3 and word.endswith(lemma):
                p = word[: -len(lemma)]
                insep = p.endswith(self.inseparable) if self.inseparable else False
                for f in fs:
                    out.add(prefix + p + f)
                    if insep and f.startswith("ge"):
                        out.add(prefix + p + f[2:])
        return frozenset(out)

    @lru_cache(maxsize=None)
    def lemmas(self, word: str) -> frozenset[str]:
        """Candidate base forms of an inflected word (the word itself included)."""
        w = norm(word)
        out = {w}
        out.update(self.lemma_of.get(w, ()))
        for rule in self.deinflect_rules:
            for f in self._apply(rule, w):
                if len(f) >= 3:
                    out.add(f)
        return frozenset(out)


@lru_cache(maxsize=None)
def morphology(lang: str) -> Morphology:
    return Morphology(lang)


# --------------------------------------------------------------------------
# Terms, items, patterns
# --------------------------------------------------------------------------


class Term:
    """One word of a pattern (see the module docstring for the markers)."""

    __slots__ = ("raw", "kind", "value", "forms", "capital")

    def __init__(self, raw: str, morph: Morphology):
        self.raw = raw
        s = raw
        self.capital = None
        if s.startswith("!"):
            s = s[1:]
            self.capital = s[:1]
        if s.startswith("=") and len(s) > 1:
            self.kind, self.value = "exact", norm(s[1:])
            self.forms = frozenset([self.value])
        elif s.startswith("*") and s.endswith("*") and len(s) > 2:
            self.kind, self.value = "contains", norm(s[1:-1])
            self.forms = frozenset()
        elif s.endswith("*") and len(s) > 1:
            self.kind, self.value = "prefix", norm(s[:-1])
            self.forms = frozenset()
        elif s.startswith("*") and len(s) > 1:
            self.kind, self.value = "suffix", norm(s[1:])
            self.forms = morph.forms(s[1:])
        else:
            self.kind, self.value = "forms", norm(s)
            self.forms = morph.forms(s)

    def match(self, tok: Token) -> bool:
        n = tok.norm
        if self.kind in ("forms", "exact"):
            ok = n in self.forms
        elif self.kind == "prefix":
            ok = n.startswith(self.value)
        elif self.kind == "suffix":
            ok = any(n.endswith(f) for f in self.forms)
        else:
            ok = self.value in n
        if ok and self.capital is not None:
            ok = tok.text[:1] == self.capital
        return ok

    def anchors(self) -> frozenset[str] | None:
        """Exact token forms this term can match, or None when open-ended."""
        return self.forms if self.kind in ("forms", "exact") else None


class SepVerb:
    """A separable verb ``particle+verb`` (German ``fallen+lassen``, ``an+kündigen``)."""

    def __init__(self, raw: str, morph: Morphology):
        particle, verb = raw.split("+", 1)
        self.raw = raw
        self.particle = norm(particle)
        self.verb_forms = morph.forms(verb[:1].lower() + verb[1:])
        self.joined = frozenset(
            {self.particle + f for f in self.verb_forms} | {self.particle + "zu" + norm(verb)}
        )
        self.clause_end_words = morph.clause_end_words

    def anchors(self) -> frozenset[str]:
        return self.joined | self.verb_forms | {self.particle}

    def _clause_final(self, tokens: list[Token], j: int, text: str, base: int) -> bool:
        if j == len(tokens) - 1:
            return True
        between = text[tokens[j].end - base : tokens[j + 1].start - base]
        if any(ch in CLAUSE_PUNCT for ch in between):
            return True
        return tokens[j + 1].norm in self.clause_end_words

    def ends_at(self, tokens: list[Token], i: int, text: str, base: int) -> list[int]:
        t = tokens[i].norm
        out: list[int] = []
        n = len(tokens)
        if t in self.joined:
            out.append(i)
        if t == self.particle and i + 1 < n:
            if tokens[i + 1].norm in self.verb_forms:
                out.append(i + 1)
            elif tokens[i + 1].norm == "zu" and i + 2 < n and tokens[i + 2].norm in self.verb_forms:
                out.append(i + 2)
        if t in self.verb_forms:
            for j in range(i + 1, min(n, i + 1 + MAX_SPLIT)):
                if tokens[j].norm == self.particle and self._clause_final(tokens, j, text, base):
                    out.append(j)
                    break
        return out


class Item:
    """Alternatives at one position of a pattern."""

    def __init__(self, raw: str, morph: Morphology):
        self.raw = raw
        self.alts: list[Any] = []
        for alt in raw.split("|"):
            alt = alt.strip()
            if not alt:
                continue
            if "+" in alt.strip("+") and not alt.startswith(("*", "=")):
                self.alts.append(SepVerb(alt, morph))
            else:
                self.alts.append(Term(alt, morph))

    def ends_at(self, tokens: list[Token], i: int, text: str, base: int) -> list[int]:
        out: list[int] = []
        for a in self.alts:
            if isinstance(a, SepVerb):
                out.extend(a.ends_at(tokens, i, text, base))
            elif a.match(tokens[i]):
                out.append(i)
        return sorted(set(out))

    def anchors(self) -> frozenset[str] | None:
        acc: set[str] = set()
        for a in self.alts:
            an = a.anchors()
            if an is None:
                return None
            acc |= an
        return frozenset(acc)


@dataclass(frozen=True)
class Match:
    """A pattern match: character offsets into the text and token range."""

    start: int
    end: int
    first: int
    last: int


class Pattern:
    """A compiled pattern (sequence with gaps, or any-order set of items)."""

    def __init__(self, spec: Any, lang: str):
        morph = morphology(lang)
        self.spec = spec
        self.unordered = False
        self.window = DEFAULT_WINDOW
        self.optional: list[Item] = []
        if isinstance(spec, dict):
            if "any_order" in spec:
                self.unordered = True
                body = spec["any_order"]
                self.window = int(spec.get("window", DEFAULT_WINDOW))
                self.optional = [Item(p, morph) for p in str(spec.get("also", "") or "").split()]
            else:
                body = spec.get("seq", "")
        else:
            body = str(spec)
        parts = body.split()
        self.items: list[Item] = []
        self.gaps: list[int] = []
        gap = 0
        for p in parts:
            if p == "..":
                gap = GAP_SHORT
            elif p == "...":
                gap = GAP_ANY
            else:
                self.gaps.append(gap)
                self.items.append(Item(p, morph))
                gap = 0
        if not self.items:
            raise ValueError(f"empty pattern {spec!r}")

    def anchors(self) -> frozenset[str] | None:
        """Token forms at least one of which must occur for a match (prefilter)."""
        best: frozenset[str] | None = None
        for it in self.items:
            an = it.anchors()
            if an is not None and (best is None or len(an) < len(best)):
                best = an
        return best

    # -- search ------------------------------------------------------------
    def find(self, tokens: list[Token], text: str, base: int = 0) -> list[Match]:
        """Non-overlapping matches in ``tokens`` (tokens of ``text``, which
        starts at absolute offset ``base``)."""
        if not tokens:
            return []
        raw = self._find_unordered(tokens, text, base) if self.unordered else self._find_seq(tokens, text, base)
        raw.sort(key=lambda r: (r[0], -r[1]))
        out: list[Match] = []
        last_end = -1
        for first, last in raw:
            if first <= last_end:
                continue
            out.append(Match(tokens[first].start, tokens[last].end, first, last))
            last_end = last
        return out

    def _find_seq(self, tokens, text, base) -> list[tuple[int, int]]:
        n = len(tokens)
        found: list[tuple[int, int]] = []

        def extend(k: int, prev_end: int) -> int | None:
            if k == len(self.items):
                return prev_end
            hi = min(n, prev_end + 2 + self.gaps[k])
            for j in range(prev_end + 1, hi):
                for e in self.items[k].ends_at(tokens, j, text, base):
                    r = extend(k + 1, e)
                    if r is not None:
                        return r
            return None

        for i in range(n):
            for e in self.items[0].ends_at(tokens, i, text, base):
                r = extend(1, e)
                if r is not None:
                    found.append((i, r))
                    break
        return found

    def _find_unordered(self, tokens, text, base) -> list[tuple[int, int]]:
        cands: list[list[tuple[int, int]]] = []
        for it in self.items:
            c = [(i, e) for i in range(len(tokens)) for e in it.ends_at(tokens, i, text, base)]
            if not c:
                return []
            cands.append(c)
        found = []
        for anchor in cands[0]:
            picked = [anchor]
            ok = True
            for c in cands[1:]:
                free = [r for r in c if all(r[1] < p[0] or r[0] > p[1] for p in picked)]
                if not free:
                    ok = False
                    break
                picked.append(min(free, key=lambda r: min(abs(r[0] - anchor[0]), abs(r[1] - anchor[1]))))
            if not ok:
                continue
            first = min(p[0] for p in picked)
            last = max(p[1] for p in picked)
            if last - first + 1 > self.window:
                continue
            for it in self.optional:
                for i in range(max(0, last - self.window + 1), min(len(tokens), first + self.window)):
                    if any(p[0] <= i <= p[1] for p in picked):
                        continue
                    ends = it.ends_at(tokens, i, text, base)
                    if ends and max(last, ends[-1]) - min(first, i) + 1 <= self.window:
                        picked.append((i, ends[-1]))
                        first, last = min(first, i), max(last, ends[-1])
                        break
            found.append((first, last))
        return found


def _key(spec: Any) -> str:
    if isinstance(spec, dict):
        return repr(sorted(spec.items()))
    return str(spec)


_CACHE: dict[tuple[str, str], Pattern] = {}


def compile_pattern(spec: Any, lang: str) -> Pattern:
    """A compiled (cached) pattern for ``lang``."""
    k = (_key(spec), lang)
    p = _CACHE.get(k)
    if p is None:
        p = _CACHE[k] = Pattern(spec, lang)
    return p


def find(spec: Any, text: str, lang: str, offset: int = 0) -> list[Match]:
    """Matches of a pattern in ``text`` (one sentence); offsets + ``offset``."""
    pat = spec if isinstance(spec, Pattern) else compile_pattern(spec, lang)
    return pat.find(tokenize(text, offset), text, offset)


def find_any(specs: Iterable[Any], tokens: list[Token], text: str, lang: str, base: int = 0) -> list[Match]:
    """Matches of any of several patterns in pre-tokenised text."""
    out: list[Match] = []
    for s in specs:
        pat = s if isinstance(s, Pattern) else compile_pattern(s, lang)
        out.extend(pat.find(tokens, text, base))
    return out
