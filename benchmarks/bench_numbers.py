"""Time the numbers check against sacrebleu's sentence-level chrF.

10,000 generated English->German sentence pairs (numbers, amounts, years,
percents, spelled numbers, plain sentences), one aligned document; the
number check (extraction of both sides + comparison) and sentence chrF run
on the same pairs in the same process.  Prints medians of a few repeats and
the ratio (goal: the number check costs less than a third of chrF).
Remembered extractions are cleared before each repeat (cold caches; only
compiled patterns are kept).

    .venv/bin/python benchmarks/bench_numbers.py [--pairs 10000] [--repeats 3]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from sacrebleu.metrics import CHRF

from audit.checks.numbers import NumberCheck
from audit.numbers.extract import clear_cache
from audit.model import AlignedDocument, AlignedPair, Document, Segment

TEMPLATES = [
    ("The company raised ${a} million from investors in {y}.",
     "Das Unternehmen sammelte im Jahr {y} {a} Millionen US-Dollar von Investoren ein."),
    ("Revenue grew {p} percent to {b} billion euros.", "Der Umsatz stieg um {p} Prozent auf {bd} Milliarden Euro."),
    ("It now employs about {n} people in {k} countries.", "Es beschäftigt jetzt rund {n} Menschen in {k} Ländern."),
    ("The three-year-old startup is valued at more than ${b} billion.",
     "Das dreijährige Start-up wird mit mehr als {bd} Milliarden Dollar bewertet."),
    ("The government wants to lead the field by {y}.", "Die Regierung will bis {y} führend sein."),
    ("Analysts were not convinced by the explanation given on Monday.",
     "Analysten überzeugte die am Montag gegebene Erklärung nicht."),
    ("In its second round it raised ${a}m, a record for the sector.",
     "In seiner zweiten Runde nahm es {a} Mio. USD ein, ein Rekord für die Branche."),
    ("Nearly {n} municipalities have signed up so far, officials said.",
     "Fast {n} Gemeinden haben sich bisher angemeldet, sagten Beamte."),
]


def make_doc(n: int, seed: int = 7) -> tuple[AlignedDocument, list[tuple[str, str]]]:
    rnd = random.Random(seed)
    src_parts, tgt_parts = [], []
    for _ in range(n):
        s, t = rnd.choice(TEMPLATES)
        b = rnd.randint(1, 99) + rnd.randint(0, 9) / 10
        v = dict(a=rnd.randint(2, 999), y=rnd.randint(1990, 2030), p=rnd.randint(1, 60), b=f"{b:.1f}",
                 bd=f"{b:.1f}".replace(".", ","), n=rnd.randint(2, 5000), k=rnd.randint(2, 90))
        src_parts.append(s.format(**v))
        tgt_parts.append(t.format(**v))

    def segs(parts):
        out, pos = [], 0
        for i, p in enumerate(parts):
            out.append(Segment(i, pos, pos + len(p), p))
            pos += len(p) + 1
        return " ".join(parts), out

    st, ss = segs(src_parts)
    tt, ts = segs(tgt_parts)
    doc = Document("bench", "de", tt, "en", st)
    pairs = [AlignedPair(i, (i,), (i,)) for i in range(n)]
    return AlignedDocument(doc, ss, ts, pairs), list(zip(src_parts, tgt_parts))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    adoc, pairs = make_doc(args.pairs)
    check = NumberCheck()
    chrf = CHRF()
    check.run(adoc)  # load the language data and compile the patterns
    t_num, t_chrf = [], []
    for _ in range(args.repeats):
        # extractions and per-language memos are remembered within a run:
        # forget them so that every repeat does the whole work again
        clear_cache()
        t0 = time.perf_counter()
        findings = list(check.run(adoc))
        t_num.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for s, t in pairs:
            chrf.sentence_score(t, [s])
        t_chrf.append(time.perf_counter() - t0)
    mn, mc = statistics.median(t_num), statistics.median(t_chrf)
    print(f"pairs: {args.pairs}, repeats: {args.repeats}")
    print(f"number check: {mn:.3f} s median ({1e6 * mn / args.pairs:.1f} us/pair), findings: {len(findings)}")
    print(f"sentence chrF: {mc:.3f} s median ({1e6 * mc / args.pairs:.1f} us/pair)")
    print(f"ratio number/chrF: {mn / mc:.3f} (goal < 0.333)")


if __name__ == "__main__":
    main()
