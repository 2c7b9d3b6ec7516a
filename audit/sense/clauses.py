"""Clause chunks of a source pair and whether each one reaches the target.

A source pair is cut into chunks at commas, semicolons, colons, dashes and
parentheses.  Each chunk carries anchors: names (strong), figures (strong) and
long content words that look alike across languages (weak: "investors" /
"Investoren").  A chunk is

- ``found`` when one of its anchors is in the target pair and that anchor is
  telling (it occurs in this chunk only, or as often in the target as in the
  source);
- ``dropped`` when a strong anchor of it is missing from the target and no
  telling anchor is found;
- ``weak`` when only anchors found elsewhere in the pair too are found;
- ``unknown`` otherwise (a chunk without anchors says nothing).

Runs of dropped chunks (widened over unknown neighbours within the sentence)
are the omitted regions that the omissions check reports and that the
modality and negation checks leave alone.

Public functions: :func:`pair_coverage`, :func:`omitted_regions`,
:func:`subjectless_clauses`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import AlignedDocument, AlignedPair, Span
from .cues import word_list, words
from .names import find_names, fuzzy_locate, locate

Range = tuple[int, int]

_CUT = re.compile(r",\s|;\s*|:\s|\s[-–—]\s|\(|\)|\s⁃\s")
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)*")


@dataclass
class Anchor:
    start: int
    end: int
    text: str
    kind: str  # "name", "number", "word"
    key: str
    found: bool = False


@dataclass
class Chunk:
    start: int
    end: int
    segment: int  # source segment index
    anchors: list[Anchor] = field(default_factory=list)
    status: str = "unknown"  # "found", "weak", "dropped", "unknown"
    first: bool = False  # first chunk of its sentence
    words: int = 0


@dataclass
class Region:
    """An omitted stretch of the source pair."""

    start: int
    end: int
    chunks: list[Chunk]
    subject: bool  # starts its sentence while a later part of it survives
    missing: list[Anchor]
    words: int = 0
    orphan: Span | None = None  # a target clause left without subject

    @property
    def reported(self) -> bool:
        """Worth an omission finding: a clause with two lost names or figures, or a
        lost subject (more than a lone name, or with a subjectless target clause).
        A lone lost name or figure is left to the names and numbers checks."""
        if len(self.missing) >= 2:
            return True
        return self.subject and (self.orphan is not None or self.words >= 4)

    def span(self, text: str) -> Span:
        return Span.of(text, self.start, self.end)


def _fold(w: str) -> str:
    w = unicodedata.normalize("NFKD", w.lower())
    return "".join(c for c in w if not unicodedata.combining(c))


def _num_key(s: str) -> str:
    d = re.sub(r"\D", "", s).lstrip("0")
    return d or "0"


@lru_cache(maxsize=None)
def _opener_rx(lang: str) -> re.Pattern | None:
    ws = sorted(word_list(lang, "clause_openers"))
    if not ws:
        return None
    alt = "|".join(re.escape(w) for w in ws)
    return re.compile(rf"\s(?=(?:{alt})(?:\b|['’]))", re.IGNORECASE)


def _chunks(text: str, lo: int, hi: int, lang: str = "") -> list[tuple[int, int]]:
    out = []
    pos = lo
    cuts = list(_CUT.finditer(text, lo, hi))
    op = _opener_rx(lang) if lang else None
    if op is not None:
        cuts += list(op.finditer(text, lo, hi))
        cuts.sort(key=lambda m: m.start())
    for m in cuts:
        if m.start() < pos:
            continue
        # a comma between digits is a decimal comma, not a cut
        if m.group().startswith(",") and m.start() > 0 and text[m.start() - 1].isdigit() and m.end() < len(text) and text[m.end()].isdigit():
            continue
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if hi > pos:
        out.append((pos, hi))
    # trim and drop empty chunks
    res = []
    for s, e in out:
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum():
            e -= 1
        if e > s:
            res.append((s, e))
    return res


def _cognate(a: str, b: str) -> bool:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 5 and n >= 0.6 * min(len(a), len(b))


@lru_cache(maxsize=256)
def _coverage(
    src: str, src_lang: str, tgt: str, tgt_lang: str, src_ranges: tuple[Range, ...], tgt_ranges: tuple[Range, ...]
) -> tuple[Chunk, ...]:
    tgt_r = list(tgt_ranges)
    tgt_numbers: dict[str, int] = {}
    tgt_words: list[str] = []
    tgt_fn = word_list(tgt_lang, "function")
    for lo, hi in tgt_r:
        for m in _NUMBER.finditer(tgt, lo, hi):
            k = _num_key(m.group())
            tgt_numbers[k] = tgt_numbers.get(k, 0) + 1
        for _, _, w in words(tgt, lo, hi):
            fw = _fold(w)
            if len(fw) >= 5 and fw not in tgt_fn:
                tgt_words.append(fw)
    src_fn = word_list(src_lang, "function")
    chunks: list[Chunk] = []
    for seg_i, (lo, hi) in enumerate(src_ranges):
        names = find_names(src, src_lang, lo, hi, doc_text=src)
        name_cover = [(n.start, n.end) for n in names]
        for ci, (cs, ce) in enumerate(_chunks(src, lo, hi, src_lang)):
            ch = Chunk(cs, ce, seg_i, first=(ci == 0))
            toks = words(src, cs, ce)
            ch.words = len(toks)
            for n in names:
                if cs <= n.start < ce:
                    ok = locate(n.text, tgt, tgt_lang, tgt_r, src_lang) is not None or all(
                        locate(p[2], tgt, tgt_lang, tgt_r, src_lang) is not None for p in n.parts
                    )
                    if not ok:
                        ok = fuzzy_locate(n.text, tgt, tgt_r) is not None
                    ch.anchors.append(Anchor(n.start, n.end, n.text, "name", n.text.lower(), ok))
            for m in _NUMBER.finditer(src, cs, ce):
                k = _num_key(m.group())
                ch.anchors.append(Anchor(m.start(), m.end(), m.group(), "number", k, k in tgt_numbers))
            for s, e, w in toks:
                if any(a <= s < b for a, b in name_cover) or w[:1].isdigit():
                    continue
                fw = _fold(w)
                if len(fw) < 6 or fw in src_fn:
                    continue
                ok = any(_cognate(fw, t) for t in tgt_words)
                ch.anchors.append(Anchor(s, e, w, "word", fw, ok))
            chunks.append(ch)
    # how many chunks each anchor key appears in
    in_chunks: dict[str, int] = {}
    for ch in chunks:
        for k in {a.key for a in ch.anchors}:
            in_chunks[k] = in_chunks.get(k, 0) + 1
    for ch in chunks:
        telling = [
            a
            for a in ch.anchors
            if a.found and (in_chunks[a.key] == 1 or (a.kind == "number" and tgt_numbers.get(a.key, 0) >= in_chunks[a.key]))
        ]
        missing = [a for a in ch.anchors if not a.found and a.kind in ("name", "number")]
        found_strong = [a for a in ch.anchors if a.found and a.kind != "word"]
        if telling:
            ch.status = "found"
        elif missing and len(missing) >= len(found_strong):
            ch.status = "dropped"
        elif any(a.found for a in ch.anchors):
            ch.status = "weak"
    return tuple(chunks)


def _ranges(adoc: AlignedDocument, side: str, idx: tuple[int, ...]) -> tuple[Range, ...]:
    segs = adoc.source_segments if side == "source" else adoc.target_segments
    return tuple((segs[i].start, segs[i].end) for i in idx)


def pair_coverage(adoc: AlignedDocument, pair: AlignedPair) -> list[Chunk]:
    """The chunks of the source side of ``pair`` with their status."""
    doc = adoc.doc
    if not pair.src or not pair.tgt or doc.source is None or not doc.source_lang:
        return []
    return list(
        _coverage(
            doc.source,
            doc.source_lang,
            doc.target,
            doc.target_lang,
            _ranges(adoc, "source", pair.src),
            _ranges(adoc, "target", pair.tgt),
        )
    )


def omitted_regions(adoc: AlignedDocument, pair: AlignedPair) -> list[Region]:
    """Stretches of the source side of ``pair`` that do not reach the target."""
    chunks = pair_coverage(adoc, pair)
    if not chunks or not any(c.status == "found" for c in chunks):
        # nothing reaches the target at all: an alignment problem, not an omission
        return []
    regions: list[Region] = []
    i = 0
    while i < len(chunks):
        if chunks[i].status != "dropped":
            i += 1
            continue
        a = b = i
        while b + 1 < len(chunks) and chunks[b + 1].status == "dropped":
            b += 1
        seg = chunks[i].segment
        # widen over unknown chunks of the same sentence
        while a - 1 >= 0 and chunks[a - 1].status == "unknown" and chunks[a - 1].segment == seg:
            a -= 1
        while b + 1 < len(chunks) and chunks[b + 1].status in ("unknown", "dropped") and chunks[b + 1].segment == chunks[b].segment:
            b += 1
        part = chunks[a : b + 1]
        rest_of_sentence = [c for c in chunks[b + 1 :] if c.segment == part[-1].segment]
        subject = part[0].first and any(c.status in ("found", "weak") for c in rest_of_sentence)
        missing = [x for c in part for x in c.anchors if not x.found and x.kind in ("name", "number")]
        n_words = sum(c.words for c in part)
        orphan = None
        if subject:
            doc = adoc.doc
            for lo, hi in _ranges(adoc, "target", pair.tgt):
                found = subjectless_clauses(doc.target, doc.target_lang, lo, hi)
                if found:
                    orphan = found[0]
                    break
        regions.append(Region(part[0].start, part[-1].end, part, subject, missing, n_words, orphan))
        i = b + 1
    return regions


def in_regions(regions: list[Region], start: int, end: int) -> bool:
    """True when ``start:end`` lies in one of the ``reported`` regions."""
    return any(r.reported and r.start <= start and end <= r.end for r in regions)


@lru_cache(maxsize=None)
def _subjectless_rx(lang: str) -> re.Pattern | None:
    verbs = sorted(word_list(lang, "subjectless_verbs"))
    if not verbs:
        return None
    alt = "|".join(re.escape(v.capitalize()) for v in verbs)
    # a capitalised finite verb right after a lower-case word: "... zu machen Ist derzeit"
    return re.compile(rf"(?<=[a-zäöüßàâçéèêëîïôûù,.]) (?:{alt})\b[^.!?]*(?![^.!?]*\?)")


def subjectless_clauses(text: str, lang: str, start: int, end: int) -> list[Span]:
    """Clauses of ``text[start:end]`` that start with a finite verb and no subject."""
    rx = _subjectless_rx(lang)
    if rx is None:
        return []
    out = []
    for m in rx.finditer(text, start, end):
        s = m.start() + 1
        e = m.end()
        while e > s and not text[e - 1].isalnum():
            e -= 1
        out.append(Span.of(text, s, e))
    return out


def side_ranges(adoc: AlignedDocument, k: int, side: str, radius: int = 0) -> list[Range]:
    """Segment ranges of one side of ``adoc.pairs[k]`` and of ``radius``
    neighbouring pairs on each side that have text on that side."""
    pair = adoc.pairs[k]
    idx = list(pair.src if side == "source" else pair.tgt)
    for step in (-1, 1):
        got = 0
        j = k + step
        while 0 <= j < len(adoc.pairs) and got < radius:
            other = adoc.pairs[j].src if side == "source" else adoc.pairs[j].tgt
            if other:
                idx.extend(other)
                got += 1
            j += step
    return list(_ranges(adoc, side, tuple(sorted(set(idx)))))


def coordinate_subject_drops(src: str, src_lang: str, s_start: int, s_end: int,
                             tgt: str, tgt_lang: str, t_start: int, t_end: int) -> list[Span]:
    """Target clauses "und + finite verb" (sharing the subject before them) where
    the source coordinates a clause with a subject of its own (", and the
    technology is ..."), and never drops a subject after a coordinator itself.

    The target clause then says of the first subject what the source says of
    another.  Languages without ``coordination`` data give nothing.
    """
    from ..checks.fluency import fluency_data  # the word lists live in fluency.yaml
    from .matcher import tokenize

    sd, td = fluency_data(src_lang), fluency_data(tgt_lang)
    s_coord, t_coord = sd.coordinators, td.coordinators
    if not s_coord or not t_coord or not sd.subject_starts:
        return []

    def s_finite(w: str) -> bool:
        return w in sd.verbs or w in sd.v2_finite

    stoks = tokenize(src[s_start:s_end], s_start)
    own_subject = ellipsis = 0
    for i, t in enumerate(stoks[:-1]):
        if t.norm not in s_coord or not t.text[:1].islower():
            continue
        nxt = stoks[i + 1]
        if nxt.text[:1].islower() and s_finite(nxt.norm):
            ellipsis += 1
            continue
        if nxt.norm in sd.subject_starts or nxt.text[:1].isupper():
            for k in range(i + 2, min(i + 6, len(stoks))):
                w = stoks[k]
                if w.text[:1].islower() and s_finite(w.norm):
                    own_subject += 1
                    break
                if w.norm in s_coord:
                    break
    if not own_subject or ellipsis:
        return []
    ttoks = tokenize(tgt[t_start:t_end], t_start)
    out: list[Span] = []
    for i, t in enumerate(ttoks[1:-1], start=1):
        if t.norm not in t_coord or not t.text[:1].islower():
            continue
        v = ttoks[i + 1]
        if not v.text[:1].islower() or tgt[t.end:v.start].strip():
            continue
        w = v.norm
        if not (w in td.v2_finite or (w in td.verbs and not (w.startswith("ge") and len(w) >= 6))):
            continue
        e = t_end
        for stop in (",", ";", ".", ":", " und "):
            k = tgt.find(stop, v.end, t_end)
            if k >= 0:
                e = min(e, k)
        out.append(Span.of(tgt, t.start, e))
    return out
