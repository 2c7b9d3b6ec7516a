"""Speed and growth of the sentence aligner (and of segmentation, if present).

    .venv/bin/python benchmarks/bench_align.py            # 1k, 10k, 50k + 5000x6300
    .venv/bin/python benchmarks/bench_align.py --sizes 1000 5000

A synthetic document pair is generated: source sentences of random words and
numbers; the target "translates" every word through a fixed random mapping,
splits about a quarter of the sentences in two (so 5,000 source sentences give
about 6,300 target sentences), drops a few and adds a few lines of furniture.
Prints seconds, sentences/s, peak traced memory (tracemalloc) and the growth
ratios between sizes (linear growth: time ratio ~ size ratio).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_pair(n_src: int, seed: int = 0, split_rate: float = 0.33):
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(3000)]
    trans = {w: "".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for w in vocab}
    names = ["".join(rng.choice(letters) for _ in range(7)).capitalize() for _ in range(400)]
    src, tgt, gold = [], [], []
    for i in range(n_src):
        k = rng.randint(6, 30)
        words = [rng.choice(vocab) for _ in range(k)]
        if rng.random() < 0.4:
            words.insert(rng.randrange(k), str(rng.randint(2, 9999)))
        if rng.random() < 0.3:
            words.insert(rng.randrange(k), rng.choice(names))
        s = " ".join(words).capitalize() + " ."
        t_words = [trans.get(w, w) for w in words]
        src.append(s)
        r = rng.random()
        if r < 0.01:
            continue  # omitted in the translation
        if r < split_rate and k > 8:
            cut = k // 2
            tgt.append(" ".join(t_words[:cut]).capitalize() + " .")
            tgt.append(" ".join(t_words[cut:]).capitalize() + " .")
        else:
            tgt.append(" ".join(t_words).capitalize() + " .")
        if rng.random() < 0.005:
            tgt.append("Share this article")
    return src, tgt


def time_align(src, tgt, memory: bool = True):
    """Seconds for one alignment (untraced), and peak traced memory (a second run)."""
    from audit.align import align

    t0 = time.perf_counter()
    pairs = align(src, tgt, "en", "de")
    dt = time.perf_counter() - t0
    assert sum(len(p.src) for p in pairs) == len(src)
    assert sum(len(p.tgt) for p in pairs) == len(tgt)
    peak = 0
    if memory:
        tracemalloc.start()
        align(src, tgt, "en", "de")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return dt, peak


def time_segment(src):
    try:
        from audit.segment import segment
    except Exception:  # noqa: BLE001 - the segmenter may not exist yet
        return None
    text = "\n\n".join(" ".join(src[i:i + 5]) for i in range(0, len(src), 5))
    t0 = time.perf_counter()
    segs = segment(text, "en")
    return time.perf_counter() - t0, len(segs)


def join_lines(tgt, every: int = 5):
    """Every ``every``-th target line joined with the next one: presegmented
    lines holding two sentences, which the aligner also aligns as units."""
    out, k = [], 0
    while k < len(tgt):
        if k % every == 0 and k + 1 < len(tgt):
            out.append(tgt[k] + " " + tgt[k + 1])
            k += 2
        else:
            out.append(tgt[k])
            k += 1
    return out


def units_check(src, tgt, runs: int = 3):
    """Median seconds with lines holding two sentences, units on and off."""
    from audit.align import align
    from audit.align.core import Params

    joined = join_lines(tgt)
    res = {}
    for name, p in (("units", Params()), ("no units", Params(split_units=False))):
        ts = []
        for _ in range(runs):
            t0 = time.perf_counter()
            align(src, joined, "en", "de", params=p)
            ts.append(time.perf_counter() - t0)
        res[name] = statistics.median(ts)
    print(f"align {len(src)} x {len(joined)} lines, a fifth holding two sentences: "
          f"{res['units']:.2f} s (median of {runs}; {res['no units']:.2f} s with split_units off, "
          f"x{res['units'] / res['no units']:.1f})", flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    ap.add_argument("--no-5000", action="store_true", help="skip the 5000 x 6300 check")
    args = ap.parse_args(argv)

    if not args.no_5000:
        src, tgt = make_pair(5000)
        time_align(src[:200], tgt[:250], memory=False)  # warm up (data files, imports)
        dt, _ = time_align(src, tgt, memory=False)
        print(f"align {len(src)} x {len(tgt)}: {dt:.2f} s "
              f"({'under' if dt < 2 else 'OVER'} the 2 s goal)", flush=True)
        units_check(src, tgt)

    rows = []
    for n in args.sizes:
        src, tgt = make_pair(n, seed=n)
        dt, peak = time_align(src, tgt)
        seg = time_segment(src)
        rows.append((n, len(tgt), dt, peak, seg))
        line = (f"align {n:>6} x {len(tgt):>6}: {dt:7.2f} s  {(n + len(tgt)) / dt:9.0f} sentences/s  "
                f"peak {peak / 2**20:7.1f} MiB")
        if seg:
            line += f" | segment {seg[1]:>6} sentences: {seg[0]:6.2f} s ({seg[1] / seg[0]:.0f} sentences/s)"
        print(line, flush=True)
    for (n0, _, t0, m0, s0), (n1, _, t1, m1, s1) in zip(rows, rows[1:]):
        msg = (f"growth {n0} -> {n1} (x{n1 / n0:.0f}): time x{t1 / t0:.1f}, memory x{m1 / max(m0, 1):.1f}")
        if s0 and s1:
            msg += f", segmentation time x{s1[0] / s0[0]:.1f}"
        print(msg)


if __name__ == "__main__":
    main()
