"""Idiom recall, false alarms and speed of the lexicon check.

Sets every English idiom of tests/data/idioms against each of its correct
German renderings (must stay silent) and each foil rendering (should be
flagged), one sentence pair each, and prints the figures.

    .venv/bin/python benchmarks/lexicon_idioms.py [-v]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import make_pair  # noqa: E402

from audit.checks.lexicon import LexiconCheck  # noqa: E402
from audit.sense.idiom_builder import read_tsv  # noqa: E402


def main() -> None:
    verbose = "-v" in sys.argv
    correct = read_tsv(ROOT / "tests/data/idioms/idioms_correct.tsv")
    foils = read_tsv(ROOT / "tests/data/idioms/idioms_foil.tsv")
    check = LexiconCheck()
    t0 = time.perf_counter()
    n_c = fa = 0
    for idiom, rends in correct.items():
        for r in dict.fromkeys(rends):
            n_c += 1
            fs = [f for f in check.run(make_pair(idiom, r)) if f.category == "sense"]
            if fs:
                fa += 1
                if verbose:
                    print("FALSE ALARM", idiom, "->", r, "|", fs[0].message)
    n_f = hit = hit_dist = n_dist = 0
    correct_sets = {k: set(v) for k, v in correct.items()}
    for idiom, rends in foils.items():
        for r in dict.fromkeys(rends):
            n_f += 1
            also_correct = r in correct_sets.get(idiom, ())
            fs = [f for f in check.run(make_pair(idiom, r)) if f.category == "sense"]
            if not also_correct:
                n_dist += 1
                hit_dist += bool(fs)
            hit += bool(fs)
            if verbose and not fs and not also_correct:
                print("MISSED", idiom, "->", r)
    dt = time.perf_counter() - t0
    pairs = n_c + n_f
    print(f"correct renderings: {n_c}, with a sense finding (false alarms): {fa} ({fa / n_c:.1%})")
    print(f"foil renderings: {n_f}, flagged: {hit} (recall {hit / n_f:.1%})")
    print(f"foils not also listed as correct: {n_dist}, flagged: {hit_dist} (recall {hit_dist / n_dist:.1%})")
    print(f"{pairs} sentence pairs in {dt:.2f}s ({pairs / dt:.0f} pairs/s)")


if __name__ == "__main__":
    main()
