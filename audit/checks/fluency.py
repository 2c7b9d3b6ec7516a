"""Fluency check: signs of a mangled target sentence (category ``fluency``, minor).

Three signs, all driven by ``audit/data/<lang>/fluency.yaml``:

* **fused sentences** - a capitalised finite verb in mid-sentence right after
  a lower-case word ("zu senken Ist derzeit"), or a capitalised sentence
  starter right after a clause-final verb ("geworden Das wertvollste");
* **fused tokens** - a short function word glued to the previous word
  ("Dollarund", "AIund") or to the next ("undAlibaba");
* **fragments** - a full sentence (ending in . ! ?) with no finite verb, where
  the aligned source sentence has one.

It runs on the target only (``needs_source`` is False); when the pair has a
source, the finding also points at the source sentence for comparison.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import lang_data
from ..model import AlignedDocument, AlignedPair, Finding, Span
from ..sense.matcher import Token, norm, tokenize
from .base import Check

_ACRONYM = re.compile(r"^[A-ZÄÖÜ]{2,}$")
_SENTENCE_END = re.compile(r"[.!?][\"'”“»«)\]]*\s*$")


@dataclass(frozen=True)
class Sign:
    """One sign of mangled output: character offsets into the target text."""

    kind: str  # fused-sentence | fused-token | fragment
    start: int
    end: int
    what: str  # plain-English description


class FluencyData:
    def __init__(self, lang: str):
        d = lang_data(lang, "fluency") or {}
        self.ok = bool(d)
        self.cap_finite = frozenset(str(w) for w in d.get("capitalised_finite", []) or [])
        self.not_after = frozenset(norm(w) for w in d.get("not_after", []) or [])
        self.require_lower_next = bool(d.get("require_lowercase_next", True))
        self.starters = frozenset(str(w) for w in d.get("clause_starters", []) or [])
        self.clause_final = frozenset(norm(w) for w in d.get("clause_final_words", []) or [])
        p = d.get("participle") or {}
        self.part_prefix = norm(p.get("prefix", "")) if p else ""
        self.part_endings = tuple(norm(e) for e in p.get("endings", []) or [])
        self.part_min = int(p.get("min_length", 6)) if p else 0
        self.glue = sorted((norm(w) for w in d.get("glue_words", []) or []), key=len, reverse=True)
        self.heads = frozenset(norm(w) for w in d.get("glue_heads", []) or [])
        f = d.get("fragment") or {}
        self.min_words = int(f.get("min_words", 6))
        verbs = {norm(w) for w in f.get("verbs", []) or []}
        for forms in (lang_data(lang, "inflection") or {}).get("irregular", {}).values():
            verbs.update(norm(w) for w in forms or [])
        self.verbs = frozenset(verbs)
        self.verb_endings = tuple(norm(e) for e in f.get("verb_endings", []) or [])
        self.weak_endings = tuple(norm(e) for e in f.get("weak_verb_endings", []) or [])
        self.determiners = frozenset(norm(w) for w in f.get("determiners", []) or [])
        self.pronouns = frozenset(norm(w) for w in f.get("subject_pronouns", []) or [])


@lru_cache(maxsize=None)
def fluency_data(lang: str) -> FluencyData:
    return FluencyData(lang)


def _only_space(text: str, a: Token, b: Token, base: int) -> bool:
    return text[a.end - base : b.start - base].strip() == ""


def _clause_final(d: FluencyData, toks: list[Token], i: int) -> bool:
    t = toks[i]
    if not t.text[:1].islower():
        return False
    if t.norm in d.clause_final:
        return True
    if d.part_prefix and t.norm.startswith(d.part_prefix) and t.norm.endswith(d.part_endings) and len(t.norm) >= d.part_min:
        return True
    return i > 0 and toks[i - 1].norm == "zu" and t.norm.endswith("en")


def fused_sentences(text: str, lang: str, base: int = 0) -> list[Sign]:
    """Capitalised finite verbs / sentence starters in mid-sentence."""
    d = fluency_data(lang)
    toks = tokenize(text, base)
    out: list[Sign] = []
    for i in range(1, len(toks)):
        t, prev = toks[i], toks[i - 1]
        if not prev.text[:1].islower() or prev.norm in d.not_after or not _only_space(text, prev, t, base):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.text in d.cap_finite:
            if d.require_lower_next and (nxt is None or not nxt.text[:1].islower()):
                continue
            out.append(Sign("fused-sentence", prev.start, t.end,
                            f"the finite verb '{t.text}' is capitalised in mid-sentence, "
                            "as where two sentences were run together"))
        elif t.text in d.starters and nxt is not None and _clause_final(d, toks, i - 1):
            out.append(Sign("fused-sentence", prev.start, t.end,
                            f"a new sentence starts with '{t.text}' right after the verb '{prev.text}' "
                            "without a full stop, as where two sentences were run together"))
    return out


def fused_tokens(text: str, lang: str, base: int = 0) -> list[Sign]:
    """Function words glued onto a neighbouring word ("Dollarund", "AIund")."""
    d = fluency_data(lang)
    out: list[Sign] = []
    for t in tokenize(text, base):
        raw = t.text
        last = raw.rsplit("-", 1)[-1]
        for g in d.glue:
            if len(last) <= len(g) + 1:
                continue
            head = last[: -len(g)]
            if last.endswith(g) and last[-len(g)].islower():
                if _ACRONYM.match(head) or norm(head) in d.heads or norm(raw[: -len(g)]) in d.heads:
                    out.append(Sign("fused-token", t.start, t.end,
                                    f"'{raw}' looks like '{raw[: -len(g)]}' and '{g}' run together"))
                    break
            if raw.startswith(g) and len(raw) > len(g) + 2 and raw[len(g)].isupper() and raw[1:len(g)].islower():
                rest = raw[len(g):]
                if rest[1:2].islower() or _ACRONYM.match(rest):
                    out.append(Sign("fused-token", t.start, t.end,
                                    f"'{raw}' looks like '{g}' and '{rest}' run together"))
                    break
    return out


def fragments(text: str, lang: str, base: int = 0) -> list[Sign]:
    """A whole sentence without a finite verb."""
    d = fluency_data(lang)
    if not d.verbs and not d.verb_endings:
        return []
    if not _SENTENCE_END.search(text):
        return []
    toks = [t for t in tokenize(text, base) if any(ch.isalpha() for ch in t.text)]
    if len(toks) < d.min_words:
        return []
    for i, t in enumerate(toks):
        if t.norm in d.verbs or t.norm in d.pronouns:
            return []
        if i == 0 or not t.text[:1].islower() or len(t.norm) < 4 or toks[i - 1].norm in d.determiners:
            continue
        if t.norm.endswith(d.verb_endings):
            return []
        if t.norm.endswith(d.weak_endings):
            before_noun = i + 1 < len(toks) and toks[i + 1].text[:1].isupper()
            after_noun = toks[i - 1].text[:1].isupper()  # "Die Firma sammelte", V2 after the subject
            if after_noun or not before_noun:
                return []
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    return [Sign("fragment", base + lead, base + lead + len(stripped),
                 "the sentence has no finite verb: it reads as a fragment")]


def signs(text: str, lang: str, base: int = 0, source: str | None = None,
          source_lang: str | None = None) -> list[Sign]:
    """Every sign of mangled output in one sentence (offsets + ``base``).

    Fragments are looked for only when the ``source`` sentence is given and
    has a verb itself: verbless lines (lists, captions, headlines) are normal
    in original text, a verb lost in translation is not.
    """
    if not fluency_data(lang).ok:
        return []
    out = fused_sentences(text, lang, base) + fused_tokens(text, lang, base)
    if source and source_lang and fluency_data(source_lang).ok and not fragments(source, source_lang):
        if len(tokenize(source)) >= fluency_data(source_lang).min_words:
            out += fragments(text, lang, base)
    return out


def _excerpt(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


class FluencyCheck(Check):
    name = "fluency"
    needs_source = False

    def run(self, adoc: AlignedDocument) -> list[Finding]:
        doc = adoc.doc
        if not fluency_data(doc.target_lang).ok:
            return []
        pair_of: dict[int, AlignedPair] = {}
        for p in adoc.pairs:
            for t in p.tgt:
                pair_of.setdefault(t, p)
        out: list[Finding] = []
        for seg in adoc.target_segments:
            pair = pair_of.get(seg.index)
            if pair is not None and pair.furniture:
                continue
            text = doc.target[seg.start : seg.end]
            sspan = adoc.span("source", pair) if (pair is not None and pair.src and doc.has_source) else None
            src_text = sspan.text if (sspan is not None and len(pair.tgt) == 1) else None
            for sg in signs(text, doc.target_lang, seg.start, src_text, doc.source_lang):
                tspan = Span.of(doc.target, sg.start, sg.end)
                msg = f"The target is garbled at '{_excerpt(tspan.text)}': {sg.what}."
                if sspan is not None:
                    msg += f" The source says: '{_excerpt(sspan.text)}'."
                out.append(Finding(
                    doc=doc.id, check=self.name, category="fluency", severity="minor",
                    message=msg, source=sspan, target=tspan,
                    details={"sign": sg.kind},
                ))
        return out
