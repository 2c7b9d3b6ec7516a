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
        sl = d.get("stop_lowercase") or {}
        self.stop_lower = bool(sl)
        self.stop_min = int(sl.get("min_word", 4)) if sl else 0
        self.abbrev = frozenset(norm(w) for w in sl.get("abbreviations", []) or [])
        v2 = d.get("verb_second") or {}
        self.v2_preps = _words(v2.get("prepositions"))
        self.v2_rel = _words(v2.get("relatives"))
        self.v2_conj = _words(v2.get("conjunctions"))
        self.v2_finite = _words(v2.get("finite"))
        pv = d.get("particle_verb") or {}
        self.particles = _words(pv.get("particles"))
        self.object_starts = _words(pv.get("object_starts"))
        lp = d.get("late_participle") or {}
        self.cluster = _words(lp.get("cluster"))
        self.lp_prefixes = tuple(sorted(_words(lp.get("particle_prefixes")), key=len, reverse=True))
        self.not_participles = _words(lp.get("not_participles"))
        sp = d.get("singular_plural") or {}
        self.sp_det = _words(sp.get("determiners"))
        self.sp_currency = _words(sp.get("currency"))
        self.sp_scale = _words(sp.get("scale"))
        self.sp_singular = _words(sp.get("singular_s"))
        self.sp_follow = _words(sp.get("followers"))
        co = d.get("coordination") or {}
        self.coordinators = _words(co.get("coordinators"))
        self.subject_starts = _words(co.get("subject_starts"))
        ins = d.get("intro_no_subject") or {}
        self.intro = _words(ins.get("intro"))
        self.intro_max = int(ins.get("max_words", 12)) if ins else 0
        self.intro_objects = _words(ins.get("objects"))
        self.intro_not_verbs = _words(ins.get("not_verbs"))


def _words(v) -> frozenset[str]:
    return frozenset(norm(w) for w in v or [])


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


_CLOSE_QUOTES = "\"'”“»«’‘"
_STOP_LOWER = re.compile(r"(\w+)([\"'”“»«’‘]*)\.([\"'”“»«’‘]*)[ \t\u00a0]+([a-zäöüéèàâêîôûç]\w*)")


def stop_lowercase(text: str, lang: str, base: int = 0) -> list[Sign]:
    """A full stop followed by a lower-case word: a sentence cut in two."""
    d = fluency_data(lang)
    if not d.stop_lower:
        return []
    out: list[Sign] = []
    for m in _STOP_LOWER.finditer(text):
        word, q1, nxt = m.group(1), m.group(2), m.group(4)
        if m.start(1) > 0 and text[m.start(1) - 1] in ".-/":  # "U.S.", "z.B.", "a.m."
            continue
        quoted = bool(q1) and any(ch.isalpha() for ch in word)
        plain = word[:1].islower() and word.isalpha() and len(word) >= d.stop_min and norm(word) not in d.abbrev
        if not (quoted or plain):
            continue
        out.append(Sign("stop-lowercase", base + m.start(1),
                        base + m.end(4),
                        f"a full stop is followed by the lower-case word '{nxt}', "
                        "as where one sentence was cut in two"))
    return out


def _is_participle(d: FluencyData, w: str) -> bool:
    if w in d.not_participles or len(w) < 6 or not w.endswith(("t", "en")):
        return False
    if w.startswith("ge"):
        return True
    for p in d.lp_prefixes:
        if w.startswith(p + "ge") and len(w) >= len(p) + 6:
            return True
    return False


def _finite_de(d: FluencyData, t: Token) -> bool:
    """A German finite verb form: a listed verb (not a ge- participle) or a weak preterite."""
    w = t.norm
    if not t.text[:1].islower():
        return False
    if w in d.verbs and not (w.startswith("ge") and w.endswith(("t", "en")) and len(w) >= 6):
        return True
    return len(w) >= 5 and w.endswith(("te", "ten")) and not w.startswith("ge")


def _clause_toks(text: str, base: int) -> list[list[Token]]:
    """Tokens of ``text`` in runs between punctuation marks (commas, stops, quotes, dashes)."""
    toks = tokenize(text, base)
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in toks:
        if cur and text[cur[-1].end - base : t.start - base].strip():
            runs.append(cur)
            cur = []
        cur.append(t)
    if cur:
        runs.append(cur)
    return runs


def word_order(text: str, lang: str, base: int = 0) -> list[Sign]:
    """German word-order breaks: verb-second in a relative or subordinate clause,
    two finite verbs run together, a participle tacked on after the verb cluster."""
    d = fluency_data(lang)
    out: list[Sign] = []
    toks = tokenize(text, base)
    if d.v2_finite:
        for i, t in enumerate(toks):
            gap_before = text[: t.start - base].rstrip()
            after_comma = gap_before.endswith((",", ";", "–", "—"))
            if not after_comma:
                continue
            j = i
            if t.norm in d.v2_preps and i + 1 < len(toks) and toks[i + 1].norm in d.v2_rel and t.text[:1].islower():
                j = i + 1
            elif not (t.norm in d.v2_conj and t.text[:1].islower()):
                continue
            if j + 1 < len(toks) and toks[j + 1].norm in d.v2_finite and toks[j + 1].text[:1].islower() \
                    and _only_space(text, toks[j], toks[j + 1], base) and _only_space(text, t, toks[j], base):
                v = toks[j + 1]
                out.append(Sign("word-order", t.start, v.end,
                                f"the finite verb '{v.text}' follows '{text[t.start - base : toks[j].end - base]}' "
                                "at once: a relative or subordinate clause in main-clause order (German "
                                "puts the verb at the end), or a lost subject"))
    if d.particles:
        for run in _clause_toks(text, base):
            for i in range(1, len(run) - 2):
                t, v, o = run[i], run[i + 1], run[i + 2]
                if t.norm not in d.particles or not t.text[:1].islower() or o.norm not in d.object_starts:
                    continue
                if not _finite_de(d, v):
                    continue
                if not any(_finite_de(d, x) for x in run[:i]):
                    continue
                out.append(Sign("word-order", t.start, v.end,
                                f"'{t.text}' closes a clause and the finite verb '{v.text}' follows at once, "
                                "without comma or conjunction: two clauses run together"))
    if d.cluster:
        for run in _clause_toks(text, base):
            for i in range(len(run) - 3):
                a, f, p, n = run[i], run[i + 1], run[i + 2], run[i + 3]
                if a.norm in d.cluster and f.norm in d.v2_finite and a.text[:1].islower() and f.text[:1].islower() \
                        and p.text[:1].islower() and _is_participle(d, p.norm) and n.text[:1].islower():
                    out.append(Sign("word-order", a.start, n.end,
                                    f"the participle '{p.text}' follows the closing verbs '{a.text} {f.text}' "
                                    "without a comma: a phrase tacked on after the end of the clause"))
    return out


_AMOUNT = re.compile(r"\b(\w+)\s+((?:[$€£¥]|[A-Za-z]{2,3}\$?\s)?\s?\d[\d.,]*\s?(?:[a-zA-Z%]+\s?)?(?:[a-z]+\s)?)([a-z]+s)\b")


def singular_plural(text: str, lang: str, base: int = 0) -> list[Sign]:
    """A singular determiner + amount + plural noun ("a $410 million rounds")."""
    d = fluency_data(lang)
    if not d.sp_det:
        return []
    out: list[Sign] = []
    for m in _AMOUNT.finditer(text):
        det, amount, noun = m.group(1), m.group(2), m.group(3)
        if norm(det) not in d.sp_det:
            continue
        words = [w for w in re.findall(r"[A-Za-z%]+", amount)]
        if any(norm(w) not in d.sp_scale and norm(w) not in d.sp_currency and w != "%" for w in words):
            continue
        w = norm(noun)
        if w in d.sp_singular or w.endswith(("ss", "us", "is")) or len(w) < 3:
            continue
        rest = text[m.end():]
        nxt = re.match(r"\s*(\w+)?", rest)
        follow = nxt.group(1) if nxt else None
        if follow is not None and rest.lstrip()[:1].isalnum() and norm(follow) not in d.sp_follow:
            continue
        out.append(Sign("agreement", base + m.start(1), base + m.end(3),
                        f"'{det}' is singular but '{noun}' is plural"))
    return out


def intro_no_subject(text: str, lang: str, base: int = 0) -> list[Sign]:
    """An opening subordinate clause followed by a verb with no subject."""
    d = fluency_data(lang)
    if not d.intro or text.rstrip().endswith("?"):
        return []
    toks = tokenize(text, base)
    if not toks or toks[0].norm not in d.intro:
        return []
    comma = text.find(",", toks[0].end - base)
    if comma < 0:
        return []
    k = next((i for i, t in enumerate(toks) if t.start - base > comma), None)
    if k is None or k < 2 or k > d.intro_max or k + 1 >= len(toks):
        return []
    v, o = toks[k], toks[k + 1]
    if not v.text[:1].islower() or v.norm in d.intro_not_verbs or o.norm not in d.intro_objects:
        return []
    if not (v.norm in d.verbs or (v.norm.endswith("s") and not v.norm.endswith(("ss", "us", "is")) and len(v.norm) >= 4)):
        return []
    return [Sign("missing-subject", toks[0].start, o.end,
                 f"after the opening clause the main clause starts with the verb '{v.text}': "
                 "its subject is missing")]


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
    out += stop_lowercase(text, lang, base) + word_order(text, lang, base)
    out += singular_plural(text, lang, base) + intro_no_subject(text, lang, base)
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
