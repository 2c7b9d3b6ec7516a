"""Score the sentence aligner on the Text+Berg German-French gold.

    .venv/bin/python benchmarks/score_textberg.py            # test0-6, via the CLI
    .venv/bin/python benchmarks/score_textberg.py --set dev  # tuning file
    .venv/bin/python benchmarks/score_textberg.py --set dev-chunks  # dev cut into test-sized pieces
    .venv/bin/python benchmarks/score_textberg.py --direct   # call audit.align directly
    .venv/bin/python benchmarks/score_textberg.py --data /path/to/textberg-de-fr

Metric (Sennrich & Volk 2011, as published with Vecalign), all files pooled:
precision over every alignment the aligner outputs (1-0 and 0-1 included),
recall over the gold alignments with both sides non-empty; strict = exact
match with a gold alignment, lax = overlaps a gold alignment on both sides.

``dev-chunks`` cuts the dev gold at alignment boundaries into pieces of 60,
110 and 200 alignments (five cuttings with different offsets, 27 pieces of
15-200 alignments) and aligns each piece as a document of its own, in
process: the test files are small (35-270 alignments), so the in-document
statistics (idf, the bootstrapped lexicon) have less to learn from than on
the whole dev file.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "textberg"
TESTS = [f"test{i}" for i in range(7)]


def parse_file(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    from audit.align import parse_alignment

    return [parse_alignment(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(gold_sets, test_sets) -> dict[str, float]:
    """Strict and lax precision/recall/F1 over pooled (gold, test) files."""
    t_strict = t_lax = 0  # correct test alignments
    n_test = 0
    g_strict = g_lax = 0  # recalled gold alignments
    n_gold = 0
    for gold, test in zip(gold_sets, test_sets):
        gold_nonempty = [(tuple(s), tuple(t)) for s, t in gold if s and t]
        gold_exact = {(tuple(s), tuple(t)) for s, t in gold}  # 1-0 / 0-1 included
        test_all = [(tuple(s), tuple(t)) for s, t in test]
        test_exact = set(test_all)
        n_test += len(test_all)
        n_gold += len(gold_nonempty)
        for s, t in test_all:
            if (s, t) in gold_exact:
                t_strict += 1
                t_lax += 1
            elif s and t and any(set(s) & set(gs) and set(t) & set(gt) for gs, gt in gold_nonempty):
                t_lax += 1
        for s, t in gold_nonempty:
            if (s, t) in test_exact:
                g_strict += 1
            if any(ts and tt and set(s) & set(ts) and set(t) & set(tt) for ts, tt in test_all):
                g_lax += 1

    def prf(tp_p, tp_r):
        p = tp_p / n_test if n_test else 0.0
        r = tp_r / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    sp_, sr, sf = prf(t_strict, g_strict)
    lp, lr, lf = prf(t_lax, g_lax)
    return {"strict_p": sp_, "strict_r": sr, "strict_f1": sf, "lax_p": lp, "lax_r": lr, "lax_f1": lf}


def run_cli(src: Path, tgt: Path) -> list[str]:
    exe = ROOT / ".venv" / "bin" / "mtaudit"
    cmd = [str(exe) if exe.exists() else "mtaudit", "align", str(src), str(tgt),
           "--presegmented", "--source-lang", "de", "--target-lang", "fr"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def run_direct(src: Path, tgt: Path, params=None) -> list[str]:
    from audit.align import align, format_alignment

    s = src.read_text(encoding="utf-8").splitlines()
    t = tgt.read_text(encoding="utf-8").splitlines()
    return format_alignment(align(s, t, "de", "fr", params=params))


CHUNKINGS = ((60, 0), (60, 30), (110, 0), (110, 55), (200, 100))  # (size, offset of the first cut)


def dev_chunks(data: Path):
    """(source lines, target lines, gold) of each piece of the dev file."""
    src = (data / "dev.de").read_text(encoding="utf-8").splitlines()
    tgt = (data / "dev.fr").read_text(encoding="utf-8").splitlines()
    gold = parse_file(data / "dev.defr")
    pieces = []
    for size, offset in CHUNKINGS:
        cuts = sorted({0, len(gold), *range(offset, len(gold), size)})
        for a, b in zip(cuts, cuts[1:]):
            if b - a < 15:
                continue
            part = gold[a:b]
            ss = [i for s, _ in part for i in s]
            tt = [j for _, t in part for j in t]
            s0, s1, t0, t1 = min(ss), max(ss) + 1, min(tt), max(tt) + 1
            shifted = [(tuple(i - s0 for i in s), tuple(j - t0 for j in t)) for s, t in part]
            pieces.append((src[s0:s1], tgt[t0:t1], shifted))
    return pieces


def evaluate_chunks(data: Path, params=None) -> dict[str, float]:
    from audit.align import align, format_alignment, parse_alignment

    golds, tests = [], []
    for src, tgt, gold in dev_chunks(data):
        lines = format_alignment(align(src, tgt, "de", "fr", params=params))
        golds.append(gold)
        tests.append([parse_alignment(x) for x in lines])
    return score(golds, tests)


def evaluate(names, data: Path, direct: bool = False, params=None, verbose: bool = True):
    from audit.align import parse_alignment

    golds, tests = [], []
    for name in names:
        src, tgt, gold = data / f"{name}.de", data / f"{name}.fr", data / f"{name}.defr"
        t0 = time.perf_counter()
        lines = run_direct(src, tgt, params) if direct else run_cli(src, tgt)
        dt = time.perf_counter() - t0
        test = [parse_alignment(x) for x in lines]
        g = parse_file(gold)
        golds.append(g)
        tests.append(test)
        if verbose:
            one = score([g], [test])
            print(f"  {name}: {len(lines)} alignments, strict F1 {one['strict_f1']:.3f}, "
                  f"lax F1 {one['lax_f1']:.3f} ({dt:.2f} s)", file=sys.stderr)
    return score(golds, tests)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="folder with the Text+Berg files")
    ap.add_argument("--set", choices=["test", "dev", "dev-chunks", "all"], default="test")
    ap.add_argument("--direct", action="store_true", help="call audit.align.align instead of the CLI")
    args = ap.parse_args(argv)
    if args.set == "dev-chunks":
        res = evaluate_chunks(args.data)
        print(f"Text+Berg de-fr dev cut into {len(dev_chunks(args.data))} pieces, direct")
    else:
        names = {"test": TESTS, "dev": ["dev"], "all": ["dev"] + TESTS}[args.set]
        res = evaluate(names, args.data, direct=args.direct)
        print(f"Text+Berg de-fr {args.set} ({', '.join(names)}), {'direct' if args.direct else 'CLI'}")
    print(f"strict  P {res['strict_p']:.3f}  R {res['strict_r']:.3f}  F1 {res['strict_f1']:.3f}")
    print(f"lax     P {res['lax_p']:.3f}  R {res['lax_r']:.3f}  F1 {res['lax_f1']:.3f}")
    return res


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
