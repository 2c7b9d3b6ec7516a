"""The banded monotonic DP sentence aligner.

Outline (see ``audit/align/__init__.py`` for the public entry point):

1. Each sentence becomes a sparse vector of anchor features
   (:mod:`audit.align.anchors`: numbers, cognate keys, concepts, punctuation)
   weighted by in-document inverse document frequency; features seen on one
   side only are kept with a small weight so that unmatched content lowers
   similarity.
2. A block of consecutive sentences is the sum of its vectors; the score of
   an alignment block is the cosine of the two sums (computed exactly from
   sentence-pair dot products) times ((a+b)/2)**size_exp for an a-b block
   (a block speaks for more sentences; the factor falls back towards 1 when
   a member has no evidence of its own), plus a Gale-Church length
   log-probability, minus a prior per alignment type.  1-0 and 0-1 cost a fixed skip penalty.
   A block of three or more sentences needs some evidence
   (``Params.block_min_sim``): an untranslated sentence is not glued to a
   run of caption lines it shares nothing with.
   Sentence shape (:func:`anchors.join_scores`, data in ``align.yaml``): a
   split inside a block after a line ending in ``:`` / ``;`` / an initial, or
   before a line starting in lower case, earns a bonus as far as the other
   side has no such split of its own; a line that reads as running text
   (:func:`anchors.sentence_like`) is dearer to skip than page furniture.
3. Coarse to fine: sentence lists are halved (neighbours merged) until the
   full DP matrix is small; the coarse path, widened by a margin, is the band
   for the next finer level.  Work and memory grow linearly with length.
4. Bootstrapping (hunalign-style): from the confident 1-1 pairs of the first
   alignment a translation lexicon of the document is learned (Dice of word
   co-occurrence); its entries become extra shared features and the document
   is realigned inside a band around the first path.
5. Optional sentence embeddings (L2-normalised rows) add a second cosine,
   Bertalign-style, mixed with the lexical one.
6. Units (``Params.split_units``, :func:`align_blocks`): given sentences
   that hold several (presegmented lines) are also aligned as their parts and
   the result projected back onto the given sentences, where it differs from
   the plain alignment near a split line.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ..segment import sentences_in
from . import anchors

NEG = -1e18

# (src count, tgt count) of each move; index = back-pointer code.
MOVES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1),
)
MOVE_01 = MOVES.index((0, 1))
MOVE_10 = MOVES.index((1, 0))


def _moves(params) -> tuple[tuple[int, int], ...]:
    """The base moves plus any larger block type given a prior in
    ``params.type_pen`` (e.g. 2-3, 3-2, 1-4, 4-1); base codes keep their index."""
    extra = sorted(k for k in params.type_pen if k not in MOVES and k[0] > 0 and k[1] > 0)
    return MOVES + tuple(tuple(k) for k in extra)


@dataclass
class Params:
    """Scoring parameters (tuned on the Text+Berg dev file only)."""

    w_sim: float = 1.0
    size_exp: float = 0.5  # similarity counted ((a+b)/2)**size_exp times for an a-b block ...
    size_tau: float = 0.1  # ... in full only when every member has this cosine with the other side
    w_len: float = 0.08
    skip: float = 0.35
    type_pen: dict = field(default_factory=lambda: {
        (1, 1): 0.0, (1, 2): 0.234, (2, 1): 0.234, (2, 2): 0.26,
        (1, 3): 0.39, (3, 1): 0.39,
        # larger blocks (about 5% of Text+Berg dev gold); remove to disable
        (2, 3): 0.455, (3, 2): 0.455, (1, 4): 0.585, (4, 1): 0.585, (1, 5): 0.91, (5, 1): 0.91, (3, 3): 0.52,
    })
    skip_len: float = 20.0  # lines shorter than this are cheaper to skip
    skip_exp: float = 2.0
    skip_floor: float = 0.7
    w_comp: float = 0.5  # penalty on a block member with no evidence ...
    comp_tau: float = 0.05  # ... below this cosine with the other side
    orphan_mult: float = 0.6  # skip cost factor of a sentence with no anchor match
    orphan_tau: float = 0.1
    one_sided: float = 0.5  # weight factor of features present on one side only
    kind_weight: dict = field(default_factory=lambda: {
        "#": 1.5, "p": 1.0, "c": 1.0, "P": 0.8, "L": 1.0, "g": 0.3,
    })
    gc_var: float = 6.8  # Gale-Church variance per character
    emb_mix: float = 0.7  # share of the embedding cosine when embeddings given
    para_pen: float = 0.1  # block crossing a paragraph boundary
    margin: int = 6  # band half-width around the projected coarse path
    full_cells: int = 400_000  # full DP when (n+1)*(m+1) is at most this
    lexicon_min_count: int = 2
    lexicon_min_dice: float = 0.3
    lexicon_max_pairs: int = 5000
    bootstrap: bool = True
    name_ngrams: int = 0  # n of character n-gram features of capitalised words (0: off)
    ngram_min_len: int = 5
    big_moves_last_only: bool = True  # block types beyond 1-3/3-1 only in the bootstrap pass
    # sentence shape: a split after a line ending in ':' / ';' / an initial, or
    # before one starting in lower case, often falls inside a unit the other
    # side keeps whole (anchors.join_scores, data in align.yaml "boundary")
    w_join: float = 0.09  # bonus per such split inside a block not matched on the other side
    sent_skip_mult: float = 1.7  # skip cost factor of a line that reads as running text ...
    sent_min_stop: int = 2  # ... (ends like a sentence, has this many function words)
    block_min_sim: float = 0.05  # a block of three or more sentences needs at least this similarity
    # a given sentence that holds several (a presegmented line "... 250 m. Six
    # heures ...") is also aligned as its parts, and the result is projected
    # back onto the given sentences (see align_blocks); not with embeddings,
    # which come one row per given sentence
    split_units: bool = True
    unit_min_words: int = 2  # a part with fewer words is joined to its neighbour


@dataclass
class Side:
    lengths: np.ndarray  # chars per sentence (float)
    mat: sp.csr_matrix | None  # lexical features
    emb: np.ndarray | None  # dense embeddings (not normalised after merging)
    para: np.ndarray | None
    join: np.ndarray | None = None  # evidence that the split after sentence i is inside a unit
    sentlike: np.ndarray | None = None  # reads as running text (dearer to skip)


# ---------------------------------------------------------------- features


def _flatten(seqs):
    """Row number and value of every item of ``seqs`` (a list of lists)."""
    lens = np.fromiter((len(x) for x in seqs), dtype=np.int64, count=len(seqs))
    flat = [f for x in seqs for f in x]
    rows = np.repeat(np.arange(len(seqs)), lens)
    return rows, flat


def _codes(items: list) -> tuple[np.ndarray, list]:
    """Integer code of every item (first-seen order) and the distinct items."""
    index: dict = {}
    codes = np.fromiter((index.setdefault(x, len(index)) for x in items), dtype=np.int64, count=len(items))
    return codes, list(index)


def _feature_matrices(src_feats, tgt_feats, params: Params):
    rs, fs = _flatten(src_feats)
    rt, ft = _flatten(tgt_feats)
    codes, uniq = _codes(fs + ft)
    nf = max(len(uniq), 1)
    cs, ct = codes[: len(fs)], codes[len(fs):]
    S = sp.csr_matrix((np.ones(len(cs)), (rs, cs)), shape=(len(src_feats), nf))
    T = sp.csr_matrix((np.ones(len(ct)), (rt, ct)), shape=(len(tgt_feats), nf))
    S.sum_duplicates()
    T.sum_duplicates()
    df_s = np.bincount(S.indices, minlength=nf).astype(float)
    df_t = np.bincount(T.indices, minlength=nf).astype(float)
    n_all = len(src_feats) + len(tgt_feats) + 1.0
    idf = np.log(n_all / (df_s + df_t + 0.5)) + 1.0
    idf = np.maximum(idf, 0.1)
    both = (df_s > 0) & (df_t > 0)
    w = idf * np.where(both, 1.0, params.one_sided)
    kw = params.kind_weight
    kinds = np.array([kw.get(str(f)[0], 1.0) for f in uniq]) if len(uniq) else np.ones(1)
    w = w * kinds
    S.data = np.sqrt(S.data) * w[S.indices]
    T.data = np.sqrt(T.data) * w[T.indices]
    return S, T


def _rowdot(A, B, a_idx, b_idx):
    """Dot products of rows ``A[a_idx[k]]`` and ``B[b_idx[k]]``."""
    if len(a_idx) == 0:
        return np.zeros(0)
    if isinstance(A, np.ndarray):
        return np.einsum("ij,ij->i", A[a_idx], B[b_idx])
    out = np.zeros(len(a_idx))
    step = 200_000
    for s in range(0, len(a_idx), step):
        e = s + step
        out[s:e] = np.asarray(A[a_idx[s:e]].multiply(B[b_idx[s:e]]).sum(axis=1)).ravel()
    return out


def _safe_div(num, den):
    ok = den > 0
    return np.where(ok, num / np.where(ok, den, 1.0), 0.0)


def _slicedot(A, B):
    """Row-wise dot products of two equally shaped matrices."""
    if isinstance(A, np.ndarray):
        return np.einsum("ij,ij->i", A, B)
    return np.asarray(A.multiply(B).sum(axis=1)).ravel()


def _band_cross(A, B, band, chunk: int = 32):
    """``A[i-1] . B[j-1]`` for every band cell (i, j) (0 where i or j is 0).

    Rows are taken in chunks; each chunk multiplies a contiguous slice of
    ``A`` by the slice of ``B`` spanning the chunk's columns, so the work is
    proportional to the band's area (linear in document length)."""
    X = np.zeros(band.size)
    n1 = len(band.lo)
    dense = isinstance(A, np.ndarray)
    for r0 in range(1, n1, chunk):
        r1 = min(n1, r0 + chunk)
        c0 = max(int(band.lo[r0:r1].min()), 1)
        c1 = int(band.hi[r0:r1].max())
        if c1 < c0:
            continue
        blk = A[r0 - 1:r1 - 1] @ B[c0 - 1:c1].T
        blk = blk if dense else blk.toarray()
        for i in range(r0, r1):
            lo, hi = int(band.lo[i]), int(band.hi[i])
            s = max(lo, c0)
            if hi < s:
                continue
            base = int(band.off[i]) + s - lo
            X[base: base + hi - s + 1] = blk[i - r0, s - c0: hi - c0 + 1]
    return X


# ---------------------------------------------------------------- band


@dataclass
class Band:
    lo: np.ndarray  # per row i in 0..n: first column
    hi: np.ndarray  # last column (inclusive)
    off: np.ndarray  # flat offset of row i; off[n+1] = total cells

    @classmethod
    def make(cls, lo, hi):
        lo = np.asarray(lo, dtype=np.int64)
        hi = np.asarray(hi, dtype=np.int64)
        off = np.zeros(len(lo) + 1, dtype=np.int64)
        np.cumsum(hi - lo + 1, out=off[1:])
        return cls(lo, hi, off)

    @property
    def size(self) -> int:
        return int(self.off[-1])

    def cells(self):
        n1 = len(self.lo)
        widths = self.hi - self.lo + 1
        rows = np.repeat(np.arange(n1), widths)
        cols = np.arange(self.size) - self.off[rows] + self.lo[rows]
        return rows, cols

    def lookup(self, rows, cols):
        """Flat index of cells (rows, cols), -1 where outside the band."""
        ok = (rows >= 0) & (rows < len(self.lo))
        r = np.where(ok, rows, 0)
        ok &= (cols >= self.lo[r]) & (cols <= self.hi[r])
        return np.where(ok, self.off[r] + cols - self.lo[r], -1)


def _band_from_path(path, n, m, margin, scale_n=1, scale_m=1):
    """Band of the (n+1)x(m+1) lattice around ``path`` (coarse nodes scaled)."""
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.full(n + 1, -1, dtype=np.int64)
    pts = np.array(path, dtype=np.int64)
    fi = np.minimum(pts[:, 0] * scale_n, n)
    fj = np.minimum(pts[:, 1] * scale_m, m)
    # each step covers a rectangle of rows [fi[k], fi[k+1]] x cols [fj[k], fj[k+1]]
    r0, r1 = fi[:-1], fi[1:]
    c0, c1 = fj[:-1], fj[1:]
    lens = r1 - r0 + 1
    rows = np.repeat(r0, lens) + (np.arange(lens.sum()) - np.repeat(np.cumsum(lens) - lens, lens))
    np.minimum.at(lo, rows, np.repeat(c0, lens))
    np.maximum.at(hi, rows, np.repeat(c1, lens))
    lo[fi[-1]] = min(lo[fi[-1]], fj[-1])
    hi[fi[-1]] = max(hi[fi[-1]], fj[-1])
    # spread by the margin in both directions (rows and columns)
    if margin > 0:
        k = margin
        pad_lo = np.concatenate([np.full(k, m + 1), lo, np.full(k, m + 1)])
        pad_hi = np.concatenate([np.full(k, -1), hi, np.full(k, -1)])
        lo2 = np.lib.stride_tricks.sliding_window_view(pad_lo, 2 * k + 1).min(axis=1)
        hi2 = np.lib.stride_tricks.sliding_window_view(pad_hi, 2 * k + 1).max(axis=1)
        lo, hi = lo2 - k, hi2 + k
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    hi = np.maximum(hi, lo)
    return Band.make(lo, hi)


# ---------------------------------------------------------------- scoring


class Scorer:
    """Block similarities and move scores over the cells of a band."""

    def __init__(self, src: Side, tgt: Side, params: Params, ratio: float, moves=None):
        self.src, self.tgt, self.p, self.ratio = src, tgt, params, ratio
        self.moves = moves if moves is not None else MOVES
        self.max_block = max(3, max(max(a, b) for a, b in self.moves))
        self._self = {}
        for name, side in (("s", src), ("t", tgt)):
            for kind, M in (("lex", side.mat), ("emb", side.emb)):
                if M is None:
                    continue
                n = M.shape[0]
                ds = [_slicedot(M, M)]
                for k in range(1, self.max_block):
                    dk = _slicedot(M[:-k], M[k:]) if n > k else np.zeros(0)
                    ds.append(np.append(dk, np.zeros(min(k, n))))
                self._self[(name, kind)] = tuple(ds)
        self.cum_s = np.concatenate([[0.0], np.cumsum(src.lengths)])
        self.cum_t = np.concatenate([[0.0], np.cumsum(tgt.lengths)])
        self.cum_js = None if src.join is None else np.concatenate([[0.0], np.cumsum(src.join)])
        self.cum_jt = None if tgt.join is None else np.concatenate([[0.0], np.cumsum(tgt.join)])
        if src.join is not None and tgt.join is not None:
            self.cum_jsp = np.concatenate([[0.0], np.cumsum(np.maximum(src.join, 0))])
            self.cum_jtp = np.concatenate([[0.0], np.cumsum(np.maximum(tgt.join, 0))])

    def _block_norm(self, key, start, a):
        ds = self._self[key]
        s = start
        tot = ds[0][s].copy()
        for p_ in range(1, a):
            tot += ds[0][s + p_]
            for k in range(1, p_ + 1):
                tot += 2 * ds[k][s + p_ - k]
        return tot

    def cosines(self, band: Band, rows, cols, a, b, cross_cache):
        """Cosine of blocks src[rows-a:rows] x tgt[cols-b:cols] per kind."""
        out = {}
        for kind in ("lex", "emb"):
            if ("s", kind) not in self._self or ("t", kind) not in self._self:
                continue
            X = cross_cache[kind]
            tot = np.zeros(len(rows))
            comp_s = [np.zeros(len(rows)) for _ in range(a)]
            comp_t = [np.zeros(len(rows)) for _ in range(b)]
            for p_ in range(a):
                for q in range(b):
                    r = rows - p_
                    c = cols - q
                    idx = band.lookup(r, c)
                    val = np.where(idx >= 0, X[np.maximum(idx, 0)], 0.0)
                    miss = np.nonzero(idx < 0)[0]
                    if len(miss):
                        A = self.src.mat if kind == "lex" else self.src.emb
                        B = self.tgt.mat if kind == "lex" else self.tgt.emb
                        val[miss] = _rowdot(A, B, r[miss] - 1, c[miss] - 1)
                    tot += val
                    comp_s[p_] += val
                    comp_t[q] += val
            ns = self._block_norm(("s", kind), rows - a, a)
            nt = self._block_norm(("t", kind), cols - b, b)
            out[kind] = _safe_div(tot, np.sqrt(ns * nt))
            if a + b > 2:
                # the weakest member: cosine of each sentence with the other block
                d0s = self._self[("s", kind)][0]
                d0t = self._self[("t", kind)][0]
                mins = None
                for p_ in range(a):
                    cc = _safe_div(comp_s[p_], np.sqrt(d0s[rows - 1 - p_] * nt))
                    mins = cc if mins is None else np.minimum(mins, cc)
                for q in range(b):
                    cc = _safe_div(comp_t[q], np.sqrt(d0t[cols - 1 - q] * ns))
                    mins = np.minimum(mins, cc)
                out[kind + "_min"] = mins
        return out

    def cross(self, band: Band):
        """Dot product of src[i-1] and tgt[j-1] at every band cell (i, j)."""
        res = {}
        for kind in ("lex", "emb"):
            A = self.src.mat if kind == "lex" else self.src.emb
            B = self.tgt.mat if kind == "lex" else self.tgt.emb
            if A is None or B is None:
                continue
            res[kind] = _band_cross(A, B, band)
        return res

    def similarity(self, cos: dict) -> np.ndarray:
        lex = cos.get("lex")
        emb = cos.get("emb")
        if emb is None:
            return lex
        if lex is None:
            return emb
        return self.p.emb_mix * emb + (1 - self.p.emb_mix) * lex

    def orphans(self, band: Band, rows, cols, cross):
        """Sentences whose best cosine with any sentence in the band is tiny."""
        n, m = len(self.src.lengths), len(self.tgt.lengths)
        best_s = np.zeros(n)
        best_t = np.zeros(m)
        kind = "lex" if "lex" in cross else ("emb" if "emb" in cross else None)
        if kind is None:
            return np.zeros(n, bool), np.zeros(m, bool)
        X = cross[kind]
        ok = (rows >= 1) & (cols >= 1)
        r, c, x = rows[ok] - 1, cols[ok] - 1, X[ok]
        d0s = self._self[("s", kind)][0]
        d0t = self._self[("t", kind)][0]
        cos = _safe_div(x, np.sqrt(d0s[r] * d0t[c]))
        np.maximum.at(best_s, r, cos)
        np.maximum.at(best_t, c, cos)
        return best_s < self.p.orphan_tau, best_t < self.p.orphan_tau

    def skip_cost(self, lengths):
        frac = np.minimum(1.0, np.asarray(lengths, float) / self.p.skip_len) ** self.p.skip_exp
        return self.p.skip * (self.p.skip_floor + (1 - self.p.skip_floor) * frac)

    def length_logp(self, ls, lt):
        """Gale-Church log-probability of a block's length pair."""
        c = self.ratio
        mean = (ls + lt / c) / 2.0
        delta = (lt - ls * c) / np.sqrt(np.maximum(mean, 1.0) * self.p.gc_var)
        # log of two-sided tail probability, via erfc (stable for large delta)
        from scipy.special import log_ndtr

        return math.log(2.0) + log_ndtr(-np.abs(delta))

    def move_scores(self, band: Band):
        """Score of each move ending at each cell; NEG where impossible."""
        rows, cols = band.cells()
        cross = self.cross(band)
        out = np.full((len(self.moves), band.size), NEG)
        sims = {}
        para_s, para_t = self.src.para, self.tgt.para
        for k, (a, b) in enumerate(self.moves):
            if a == 0 or b == 0:
                continue
            ok = np.nonzero((rows >= a) & (cols >= b))[0]
            if len(ok) == 0:
                continue
            r, c = rows[ok], cols[ok]
            cos = self.cosines(band, r, c, a, b, cross)
            sim = self.similarity(cos)
            size = 1.0
            if a + b > 2:
                weakest = self.similarity({k[:-4]: v for k, v in cos.items() if k.endswith("_min")})
                sim = sim - self.p.w_comp * np.maximum(0.0, self.p.comp_tau - weakest)
                # a bigger block stands for more sentences, but only as far as
                # each of them has evidence of its own
                full = ((a + b) / 2.0) ** self.p.size_exp
                if self.p.size_tau > 0:
                    size = 1.0 + (full - 1.0) * np.clip(weakest / self.p.size_tau, 0.0, 1.0)
                else:
                    size = full
            ls = self.cum_s[r] - self.cum_s[r - a]
            lt = self.cum_t[c] - self.cum_t[c - b]
            sc = self.p.w_sim * size * sim + self.p.w_len * self.length_logp(ls, lt)
            sc -= self.p.type_pen.get((a, b), 0.5)
            if self.p.w_join and self.cum_js is not None and self.cum_jt is not None and a + b > 2:
                # splits inside the block (after sentences r-a .. r-2 and
                # c-b .. c-2): positive evidence counts as far as it is not
                # matched by the other side (two lines ending in ':' on both
                # sides are a 1-1 followed by a 1-1), negative evidence
                # (a split before a numbered item) always counts
                pos, neg = 0.0, 0.0
                if a > 1:
                    pos = self.cum_jsp[r - 1] - self.cum_jsp[r - a]
                    neg = self.cum_js[r - 1] - self.cum_js[r - a] - pos
                if b > 1:
                    pt_ = self.cum_jtp[c - 1] - self.cum_jtp[c - b]
                    neg = neg + (self.cum_jt[c - 1] - self.cum_jt[c - b] - pt_)
                    pos = pos - pt_
                sc += self.p.w_join * (np.abs(pos) + neg)
            if para_s is not None and a > 1:
                sc -= self.p.para_pen * (para_s[r - 1] != para_s[r - a])
            if para_t is not None and b > 1:
                sc -= self.p.para_pen * (para_t[c - 1] != para_t[c - b])
            if a + b > 2:
                sc = np.where(sim < self.p.block_min_sim, NEG, sc)
            out[k, ok] = sc
            sims[(a, b)] = (ok, sim)
        # skips
        # skipping a short line (caption, page furniture) is cheaper than
        # skipping a full sentence
        # and a sentence sharing no anchor with any candidate partner
        # (an "orphan": share prompt, credit line) is cheaper still
        orph_s, orph_t = self.orphans(band, rows, cols, cross)
        cost_s = self.skip_cost(self.src.lengths) * np.where(orph_s, self.p.orphan_mult, 1.0)
        cost_t = self.skip_cost(self.tgt.lengths) * np.where(orph_t, self.p.orphan_mult, 1.0)
        # a line that reads as running text is rarely left untranslated
        if self.src.sentlike is not None:
            cost_s = cost_s * np.where(self.src.sentlike, self.p.sent_skip_mult, 1.0)
        if self.tgt.sentlike is not None:
            cost_t = cost_t * np.where(self.tgt.sentlike, self.p.sent_skip_mult, 1.0)
        ok = rows >= 1
        out[MOVE_10, ok] = -cost_s[rows[ok] - 1]
        ok = cols >= 1
        out[MOVE_01, ok] = -cost_t[cols[ok] - 1]
        self.last_sims = sims
        return out


# ---------------------------------------------------------------- DP


def _dp(band: Band, scores: np.ndarray, n: int, m: int, moves=MOVES):
    lo, hi, off = band.lo, band.hi, band.off
    D = np.full(band.size, NEG)
    BP = np.full(band.size, -1, dtype=np.int8)
    moves_v = [(k, a, b) for k, (a, b) in enumerate(moves) if a > 0]
    for i in range(n + 1):
        l, h = int(lo[i]), int(hi[i])
        s0, s1 = int(off[i]), int(off[i + 1])
        width = h - l + 1
        best = np.full(width, NEG)
        bp = np.full(width, -1, dtype=np.int8)
        if i == 0 and l == 0:
            best[0] = 0.0
        for k, a, b in moves_v:
            r = i - a
            if r < 0:
                continue
            rl, rh = int(lo[r]), int(hi[r])
            a0 = l - b
            s = max(a0, rl)
            e = min(h - b, rh)
            if s > e:
                continue
            prev = D[int(off[r]) + s - rl: int(off[r]) + e - rl + 1]
            seg = slice(s - a0, e - a0 + 1)
            cand = prev + scores[k, s0 + s - a0: s0 + e - a0 + 1]
            cur = best[seg]
            upd = cand > cur
            np.copyto(cur, cand, where=upd)
            np.copyto(bp[seg], k, where=upd)
        # 0-1 moves along the row: best'[j] = max_k best[k] + sum(skip k+1..j)
        if width > 1:
            s01 = scores[MOVE_01, s0:s1].copy()
            s01[0] = 0.0
            P = np.cumsum(s01)
            run = np.maximum.accumulate(best - P) + P
            upd = run > best + 1e-12
            upd &= run > NEG / 2
            best = np.where(upd, run, best)
            bp[upd] = MOVE_01
        D[s0:s1] = best
        BP[s0:s1] = bp
    # trace back
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        idx = int(off[i]) + j - int(lo[i])
        if not (lo[i] <= j <= hi[i]):
            raise RuntimeError("alignment band lost the path")
        k = int(BP[idx])
        if k < 0:
            raise RuntimeError("unreachable cell in alignment DP")
        a, b = moves[k]
        path.append(((i - a, i), (j - b, j), idx, k))
        i, j = i - a, j - b
    path.reverse()
    return path


def _nodes(path):
    pts = [(0, 0)]
    for (i0, i1), (j0, j1), _, _ in path:
        pts.append((i1, j1))
    return pts


# ---------------------------------------------------------------- levels


def _merge(side: Side) -> Side:
    n = len(side.lengths)
    m = (n + 1) // 2
    rows = np.arange(n) // 2
    P = sp.csr_matrix((np.ones(n), (rows, np.arange(n))), shape=(m, n))
    mat = (P @ side.mat).tocsr() if side.mat is not None else None
    emb = np.asarray(P @ side.emb) if side.emb is not None else None
    lengths = np.asarray(P @ side.lengths).ravel()
    return Side(lengths, mat, emb, None)


def _align_level(src: Side, tgt: Side, params: Params, ratio: float, band: Band | None = None,
                 fine: bool = True):
    """Align one level; ``fine`` is False on merged (coarse) levels, which use
    the base moves only."""
    n, m = len(src.lengths), len(tgt.lengths)
    if band is None:
        if (n + 1) * (m + 1) <= params.full_cells or n < 8 or m < 8:
            band = Band.make(np.zeros(n + 1), np.full(n + 1, m))
        else:
            cs, ct = _merge(src), _merge(tgt)
            coarse = _align_level(cs, ct, params, ratio, fine=False)
            band = _band_from_path(_nodes(coarse[0]), n, m, params.margin, 2, 2)
    moves = _moves(params) if fine else MOVES
    scorer = Scorer(src, tgt, params, ratio, moves)
    scores = scorer.move_scores(band)
    path = _dp(band, scores, n, m, moves)
    return path, band, scorer


# ---------------------------------------------------------------- lexicon


def _learn_lexicon(src_sets, tgt_sets, pairs, params: Params):
    """Word pairs that co-occur in the given sentence pairs (Dice, counts),
    one partner per word (competitive linking)."""
    if not pairs:
        return []
    si = [src_sets[i] for i, _ in pairs]
    ti = [tgt_sets[j] for _, j in pairs]
    rs, fs = _flatten([sorted(x) for x in si])
    rt, ft = _flatten([sorted(x) for x in ti])
    if not fs or not ft:
        return []
    cs, us = _codes(fs)
    ct, ut = _codes(ft)
    A = sp.csr_matrix((np.ones(len(cs)), (rs, cs)), shape=(len(pairs), len(us)))
    B = sp.csr_matrix((np.ones(len(ct)), (rt, ct)), shape=(len(pairs), len(ut)))
    cnt_s = np.asarray(A.sum(axis=0)).ravel()
    cnt_t = np.asarray(B.sum(axis=0)).ravel()
    C = (A.T @ B).tocoo()
    keep = C.data >= params.lexicon_min_count
    r, c, v = C.row[keep], C.col[keep], C.data[keep]
    dice = 2.0 * v / (cnt_s[r] + cnt_t[c])
    keep = dice >= params.lexicon_min_dice
    r, c, v, dice = r[keep], c[keep], v[keep], dice[keep]
    order = np.lexsort((-v, -dice))
    used_s, used_t, lex = set(), set(), []
    for k in order:
        w, t = int(r[k]), int(c[k])
        if w in used_s or t in used_t:
            continue
        used_s.add(w)
        used_t.add(t)
        lex.append((us[w], ut[t]))
    return lex


# ---------------------------------------------------------------- public


@dataclass
class Result:
    blocks: list  # ((i0, i1), (j0, j1), score-ish) per alignment
    sims: list[float]
    ratio: float
    near: list[float] | None = None  # skips: best cosine with nearby sentences


def align_blocks(src, tgt, src_lang, tgt_lang, *, src_emb=None, tgt_emb=None,
                 src_paragraphs=None, tgt_paragraphs=None, params: Params | None = None):
    """Align sentence lists; return blocks ``((i0, i1), (j0, j1))`` and similarities.

    With ``Params.split_units`` (and no embeddings), when the segmenter finds
    several sentences inside a given one (presegmented lines), the document is
    also aligned as those parts ("units"), and that alignment is projected
    back onto the given sentences: blocks are joined wherever a given sentence
    is shared between them.  A line "Il fallut deux jours pour gravir 250 m.
    Six heures ..." whose first sentence translates the end of the previous
    source sentence thus yields the 2-2 block it belongs to.  The projected
    alignment replaces the plain one only in the stretches where the two
    differ and some given sentence was split; elsewhere the plain one stands.
    """
    p = params or Params()
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        blocks = [((i, i + 1), (0, 0)) for i in range(n)] + [((0, 0), (j, j + 1)) for j in range(m)]
        return Result(blocks, [0.0] * len(blocks), 1.0, [0.0] * len(blocks))
    if p.split_units and src_emb is None and tgt_emb is None:
        us, own_s = _units(src, src_lang, p.unit_min_words)
        ut, own_t = _units(tgt, tgt_lang, p.unit_min_words)
        if len(us) > n or len(ut) > m:
            res, S, T = _align_units(us, ut, src_lang, tgt_lang,
                                     _inherit(src_paragraphs, own_s, n), _inherit(tgt_paragraphs, own_t, m), p)
            proj = _project(res, own_s, own_t, S, T, n, m)
            whole = _align_units(src, tgt, src_lang, tgt_lang, src_paragraphs, tgt_paragraphs, p)[0]
            split_s = np.bincount(own_s, minlength=n) > 1
            split_t = np.bincount(own_t, minlength=m) > 1
            return _prefer(whole, proj, split_s, split_t)
    return _align_units(src, tgt, src_lang, tgt_lang, src_paragraphs, tgt_paragraphs, p,
                        src_emb, tgt_emb)[0]


def _prefer(whole: Result, proj: Result, split_s, split_t) -> Result:
    """``whole`` (aligned as given) except in the stretches where it differs
    from ``proj`` (aligned by units) and a given sentence there was split."""
    def cuts(res):
        return {(b[0][1], b[1][1]): k for k, b in enumerate(res.blocks)}
    cw, cp = cuts(whole), cuts(proj)
    common = sorted(set(cw) & set(cp))
    out = Result([], [], whole.ratio, [])
    kw = kp = 0
    for c in common:
        ew, ep = cw[c] + 1, cp[c] + 1
        bw, bp = whole.blocks[kw:ew], proj.blocks[kp:ep]
        (i0, _), (j0, _) = bw[0]
        use_p = bw != bp and (split_s[i0:c[0]].any() or split_t[j0:c[1]].any())
        src, lo, hi = (proj, kp, ep) if use_p else (whole, kw, ew)
        out.blocks.extend(src.blocks[lo:hi])
        out.sims.extend(src.sims[lo:hi])
        out.near.extend(src.near[lo:hi] if src.near else [0.0] * (hi - lo))
        kw, kp = ew, ep
    return out


def _units(lines, lang, min_words: int):
    """The sentences inside each given sentence, and the index of its owner."""
    units, owner = [], []
    for i, line in enumerate(lines):
        parts = sentences_in(line, lang)
        if len(parts) > 1:
            parts = _attach_short(parts, min_words)
        units.extend(parts)
        owner.extend([i] * len(parts))
    return units, np.array(owner, dtype=np.int64)


def _attach_short(parts: list[str], min_words: int) -> list[str]:
    """Parts with fewer than ``min_words`` words holding a letter ("1.",
    "...", "Endlich .", "capt .") joined to the next part (the last to the
    previous one): too little to be aligned on their own."""
    out: list[str] = []
    pending = ""
    for part in parts:
        if sum(any(ch.isalpha() for ch in w) for w in part.split()) < min_words:
            pending += part + " "
            continue
        out.append(pending + part)
        pending = ""
    if pending:
        if out:
            out[-1] += " " + pending.rstrip()
        else:
            out.append(pending.rstrip())
    return out


def _inherit(ids, owner, n):
    """Paragraph ids of the units (each that of its owner)."""
    if ids is None or len(ids) != n:
        return None
    return [ids[k] for k in owner]


def _project(res: Result, own_s, own_t, S, T, n: int, m: int) -> Result:
    """Blocks over units -> blocks over the given sentences.

    A cut between two consecutive blocks survives only where it falls between
    given sentences on both sides; blocks between surviving cuts are joined.
    A joined block's similarity is the cosine of its summed unit vectors."""
    nu, nv = len(own_s), len(own_t)

    def inside(own, u, total):  # the cut before unit u splits a given sentence
        return 0 < u < total and own[u - 1] == own[u]

    def line_pos(own, u, total, count):  # given-sentence index at a cut
        return int(own[u]) if u < total else count

    groups, cur = [], []
    for k, ((i0, i1), (j0, j1)) in enumerate(res.blocks):
        cur.append(k)
        if not (inside(own_s, i1, nu) or inside(own_t, j1, nv)):
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    blocks, sims, near = [], [], []
    for g in groups:
        (i0, _), (j0, _) = res.blocks[g[0]]
        (_, i1), (_, j1) = res.blocks[g[-1]]
        blocks.append(((line_pos(own_s, i0, nu, n), line_pos(own_s, i1, nu, n)),
                       (line_pos(own_t, j0, nv, m), line_pos(own_t, j1, nv, m))))
        skip = i1 == i0 or j1 == j0
        near.append(max(res.near[k] for k in g) if res.near and skip else 0.0)
        if len(g) == 1:
            sims.append(res.sims[g[0]])
        elif not skip:
            a = np.asarray(S[i0:i1].sum(axis=0)).ravel()
            b = np.asarray(T[j0:j1].sum(axis=0)).ravel()
            den = math.sqrt(float(a @ a) * float(b @ b))
            sims.append(float(a @ b) / den if den > 0 else 0.0)
        else:
            sims.append(0.0)
    return Result(blocks, sims, res.ratio, near)


def _align_units(src, tgt, src_lang, tgt_lang, src_paragraphs, tgt_paragraphs, p: Params,
                 src_emb=None, tgt_emb=None):
    """The aligner proper: Result plus the final feature matrices."""
    n, m = len(src), len(tgt)
    src_fs = [anchors.features_and_stems(t, src_lang, p.name_ngrams, p.ngram_min_len) for t in src]
    tgt_fs = [anchors.features_and_stems(t, tgt_lang, p.name_ngrams, p.ngram_min_len) for t in tgt]
    src_feats = [f for f, _ in src_fs]
    tgt_feats = [f for f, _ in tgt_fs]
    ls = np.array([max(len(t.strip()), 1) for t in src], float)
    lt = np.array([max(len(t.strip()), 1) for t in tgt], float)
    ratio = _initial_ratio(ls, lt)

    def emb(e):
        if e is None:
            return None
        e = np.asarray(e, dtype=np.float64)
        if e.ndim != 2:
            raise ValueError("embeddings must be 2-D arrays, one row per sentence")
        return e

    es, et = emb(src_emb), emb(tgt_emb)
    if es is not None and es.shape[0] != n or et is not None and et.shape[0] != m:
        raise ValueError("embedding rows must match the sentence counts")
    if (es is None) != (et is None):
        es = et = None
    ps = _paragraphs(src_paragraphs, n)
    pt = _paragraphs(tgt_paragraphs, m)

    # sentence shape (see Params.w_join, Params.sent_skip_mult)
    js = np.array(anchors.join_scores(src, src_lang)) if p.w_join else None
    jt = np.array(anchors.join_scores(tgt, tgt_lang)) if p.w_join else None
    sls = slt = None
    if p.sent_skip_mult != 1.0:
        sls = np.array([anchors.sentence_like(x, src_lang, p.sent_min_stop) for x in src], bool)
        slt = np.array([anchors.sentence_like(x, tgt_lang, p.sent_min_stop) for x in tgt], bool)

    S, T = _feature_matrices(src_feats, tgt_feats, p)
    sside = Side(ls, S, es, ps, js, sls)
    tside = Side(lt, T, et, pt, jt, slt)
    # larger block types (2-3, 1-4, ...) only in the last pass when bootstrapping
    path, band, scorer = _align_level(sside, tside, p, ratio,
                                      fine=not (p.bootstrap and p.big_moves_last_only))

    if p.bootstrap:
        sims = _path_sims(path, scorer)
        ones = [(blk[0][0], blk[1][0], s) for blk, s in zip(path, sims)
                if blk[0][1] - blk[0][0] == 1 and blk[1][1] - blk[1][0] == 1]
        if len(ones) >= 3:
            thr = float(np.median([s for _, _, s in ones]))
            good = [(i, j) for i, j, s in ones if s >= thr * 0.5]
            # length ratio from confident pairs
            r = np.array([lt[j] / ls[i] for i, j in good])
            if len(r) >= 3:
                ratio = float(np.clip(np.exp(np.median(np.log(r))), 0.5, 2.0))
            ss, ts = [st for _, st in src_fs], [st for _, st in tgt_fs]
            if len(good) > p.lexicon_max_pairs:  # bounded work on long documents
                pick = np.linspace(0, len(good) - 1, p.lexicon_max_pairs).astype(int)
                good = [good[k] for k in pick]
            lex = _learn_lexicon(ss, ts, good, p)
            if lex:
                sfe = [list(f) for f in src_feats]
                tfe = [list(f) for f in tgt_feats]
                idx_s: dict[str, list[int]] = {}
                idx_t: dict[str, list[int]] = {}
                for k, (w, v) in enumerate(lex):
                    idx_s.setdefault(w, []).append(k)
                    idx_t.setdefault(v, []).append(k)
                for i, ws in enumerate(ss):
                    for w in ws:
                        for k in idx_s.get(w, ()):
                            sfe[i].append(f"L:{k}")
                for j, vs in enumerate(ts):
                    for v in vs:
                        for k in idx_t.get(v, ()):
                            tfe[j].append(f"L:{k}")
                S, T = _feature_matrices(sfe, tfe, p)
                sside = Side(ls, S, es, ps, js, sls)
                tside = Side(lt, T, et, pt, jt, slt)
            band2 = _band_from_path(_nodes(path), n, m, max(p.margin, 8))
            path, band, scorer = _align_level(sside, tside, p, ratio, band2)
    sims = _path_sims(path, scorer)
    blocks = [(blk[0], blk[1]) for blk in path]
    near = _skip_neighbours(blocks, S, T, n, m)
    return Result(blocks, sims, ratio, near), S, T


def _skip_neighbours(blocks, S, T, n, m):
    """For each 1-0 / 0-1 block, the best anchor cosine of its sentence with
    the two sentences of the other side on either side of the gap (else 0)."""
    a_idx, b_idx, owner = [], [], []
    for k, ((i0, i1), (j0, j1)) in enumerate(blocks):
        if i1 - i0 == 1 and j1 == j0:
            for j in range(max(0, j0 - 2), min(m, j0 + 2)):
                a_idx.append(i0), b_idx.append(j), owner.append(k)
        elif j1 - j0 == 1 and i1 == i0:
            for i in range(max(0, i0 - 2), min(n, i0 + 2)):
                a_idx.append(i), b_idx.append(j0), owner.append(k)
    out = [0.0] * len(blocks)
    if not owner:
        return out
    a_idx, b_idx = np.array(a_idx), np.array(b_idx)
    dots = _rowdot(S, T, a_idx, b_idx)
    ns = _slicedot(S, S)
    nt = _slicedot(T, T)
    cos = _safe_div(dots, np.sqrt(ns[a_idx] * nt[b_idx]))
    for k, c in zip(owner, cos):
        out[k] = max(out[k], float(c))
    return out


def _initial_ratio(ls, lt, short: float = 30.0):
    """Target/source length ratio, leaving out short lines (captions, furniture)."""
    a, b = ls[ls >= short].sum(), lt[lt >= short].sum()
    if a < 100 or b < 100:
        a, b = ls.sum(), lt.sum()
    return float(np.clip(b / a, 0.5, 2.0))


def _paragraphs(ids, n):
    """Paragraph ids as an array, or None when they carry no information
    (missing, wrong length, or every sentence its own paragraph as with
    one-sentence-per-line input)."""
    if ids is None or len(ids) != n or n == 0:
        return None
    arr = np.asarray(ids)
    if len(np.unique(arr)) in (1, n):
        return None
    return arr


def _path_sims(path, scorer: Scorer):
    """Similarity of each aligned block on the path (0 for 1-0 / 0-1)."""
    out = []
    lookup = {}
    for (a, b), (ok, sim) in scorer.last_sims.items():
        lookup[(a, b)] = (ok, sim)
    for (i0, i1), (j0, j1), idx, k in path:
        a, b = i1 - i0, j1 - j0
        if a == 0 or b == 0:
            out.append(0.0)
            continue
        ok, sim = lookup[(a, b)]
        pos = np.searchsorted(ok, idx)
        out.append(float(sim[pos]) if pos < len(ok) and ok[pos] == idx else 0.0)
    return out
