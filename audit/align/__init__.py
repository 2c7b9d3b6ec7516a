"""Sentence alignment: a monotonic, banded dynamic-programming aligner.

``align(src, tgt, src_lang, tgt_lang)`` returns AlignedPairs covering every
sentence of both sides exactly once, in order, with blocks of type 1-1, 1-2,
2-1, 2-2, 1-3, 3-1, 2-3, 3-2, 1-4, 4-1, 1-5, 5-1, 1-0 and 0-1 (the larger
types come from the prior table ``Params.type_pen``).  No neural model is needed: blocks are
scored by anchors (numbers, names and cognates, concepts from
``audit/data/<lang>/align.yaml``, a lexicon learned from the document itself)
and a Gale-Church length model; sentence embeddings, when given, are mixed in.
A given sentence in which the segmenter finds several is also aligned as its
parts, and the result projected back onto the given sentences.
See :mod:`audit.align.core` for the method.

Confidence: every pair gets ``confidence`` in [0, 1]; ``low_confidence`` is
set when it is below :data:`LOW_CONFIDENCE` (0.35).  For an aligned block it
grows with the block's anchor similarity and with how plausible its length
ratio is; for a 1-0 / 0-1 pair it is one minus the best similarity of the
lone sentence (anchor cosine, scaled so that 0.4 gives 0) to the two
sentences of the other side on either side of the gap: a skipped sentence
that resembles a neighbour is marked uncertain.
"""
from __future__ import annotations

import math
import re

from ..model import AlignedPair
from . import anchors
from .anchors import lexical_similarity
from .core import Params, align_blocks

__all__ = [
    "LOW_CONFIDENCE",
    "anchors",
    "Params",
    "align",
    "format_alignment",
    "lexical_similarity",
    "parse_alignment",
]

LOW_CONFIDENCE = 0.35


def _block_confidence(sim: float, ls: float, lt: float, ratio: float) -> float:
    # anchor similarity: a cosine of ~0.4 between bags of anchors is strong
    s = 1.0 - math.exp(-5.0 * max(sim, 0.0))
    c = ratio
    mean = max((ls + lt / c) / 2.0, 1.0)
    delta = abs(lt - ls * c) / math.sqrt(mean * 6.8)
    p_len = math.erfc(delta / math.sqrt(2.0))  # two-sided tail probability
    conf = 0.25 + 0.75 * s
    conf *= 0.4 + 0.6 * min(1.0, p_len * 2.0)
    return max(0.0, min(1.0, conf))


def align(
    src: list[str],
    tgt: list[str],
    src_lang: str,
    tgt_lang: str,
    *,
    src_emb=None,
    tgt_emb=None,
    src_paragraphs: list[int] | None = None,
    tgt_paragraphs: list[int] | None = None,
    params: Params | None = None,
) -> list[AlignedPair]:
    """Align two sentence lists (see the module docstring)."""
    src = list(src)
    tgt = list(tgt)
    res = align_blocks(
        src, tgt, src_lang, tgt_lang,
        src_emb=src_emb, tgt_emb=tgt_emb,
        src_paragraphs=src_paragraphs, tgt_paragraphs=tgt_paragraphs,
        params=params,
    )
    pairs: list[AlignedPair] = []
    for k, (((i0, i1), (j0, j1)), sim) in enumerate(zip(res.blocks, res.sims)):
        s_idx = tuple(range(i0, i1))
        t_idx = tuple(range(j0, j1))
        if s_idx and t_idx:
            ls = sum(len(src[i].strip()) for i in s_idx) or 1
            lt = sum(len(tgt[j].strip()) for j in t_idx) or 1
            conf = _block_confidence(sim, ls, lt, res.ratio)
            scores = {"similarity": round(float(sim), 4)}
        else:
            best = float(res.near[k]) if res.near else 0.0
            # an anchor cosine of ~0.3 with a neighbour makes the skip doubtful
            conf = max(0.0, 1.0 - 2.5 * best)
            scores = {"similarity": 0.0, "best_neighbour": round(best, 4)}
        conf = round(float(conf), 4)
        pairs.append(AlignedPair(k, s_idx, t_idx, conf, conf < LOW_CONFIDENCE, scores=scores))
    return pairs


def format_alignment(pairs) -> list[str]:
    """Lines like ``[0]:[0, 1]`` and ``[4]:[]`` (the Vecalign/Bertalign gold format)."""
    out = []
    for p in pairs:
        s, t = (p.src, p.tgt) if isinstance(p, AlignedPair) else p
        out.append(f"[{', '.join(map(str, s))}]:[{', '.join(map(str, t))}]")
    return out


_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]")


def parse_alignment(line: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """``'[0, 1]:[2]'`` -> ``((0, 1), (2,))``; ValueError on anything else."""
    m = _LINE.match(line)
    if not m:
        raise ValueError(f"not an alignment line: {line!r}")

    def nums(s: str) -> tuple[int, ...]:
        return tuple(int(x) for x in s.replace(",", " ").split())

    return nums(m.group(1)), nums(m.group(2))
