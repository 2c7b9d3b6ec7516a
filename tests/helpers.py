"""Builders shared by the tests: documents and alignments from sentence lists."""
from __future__ import annotations

from audit.model import AlignedDocument, AlignedPair, Document, Segment


def segments_of(text_parts: list[str], sep: str = " ") -> tuple[str, list[Segment]]:
    """Join sentences with ``sep`` and return the text and its segments."""
    segs: list[Segment] = []
    pos = 0
    out: list[str] = []
    for i, part in enumerate(text_parts):
        if i:
            out.append(sep)
            pos += len(sep)
        segs.append(Segment(i, pos, pos + len(part), part, 0))
        out.append(part)
        pos += len(part)
    return "".join(out), segs


def make_adoc(
    src: list[str] | None,
    tgt: list[str],
    src_lang: str | None = "en",
    tgt_lang: str = "de",
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] | None = None,
    doc_id: str = "t",
) -> AlignedDocument:
    """An AlignedDocument from sentence lists; 1-1 pairs unless ``pairs`` given."""
    tgt_text, tgt_segs = segments_of(tgt)
    if src is None:
        doc = Document(doc_id, tgt_lang, tgt_text)
        apairs = [AlignedPair(i, (), (i,)) for i in range(len(tgt))]
        return AlignedDocument(doc, [], tgt_segs, apairs)
    src_text, src_segs = segments_of(src)
    doc = Document(doc_id, tgt_lang, tgt_text, src_lang, src_text)
    if pairs is None:
        n = max(len(src), len(tgt))
        pairs = [((i,) if i < len(src) else (), (i,) if i < len(tgt) else ()) for i in range(n)]
    apairs = [AlignedPair(k, tuple(s), tuple(t)) for k, (s, t) in enumerate(pairs)]
    return AlignedDocument(doc, src_segs, tgt_segs, apairs)


def make_pair(src: str, tgt: str, src_lang: str = "en", tgt_lang: str = "de") -> AlignedDocument:
    """One sentence pair as an AlignedDocument."""
    return make_adoc([src], [tgt], src_lang, tgt_lang)
