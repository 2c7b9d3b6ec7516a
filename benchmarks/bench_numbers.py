"""Time the numbers check against sacrebleu's sentence-level chrF.

10,000 generated English->German sentence pairs, one aligned document; the
number check (extraction of both sides + comparison) and sentence chrF run
on the same pairs in the same process.  Prints medians of a few repeats and
the ratio (goal: the number check costs less than a third of chrF).
Remembered extractions are cleared before each repeat (cold caches; only
compiled patterns are kept).

Two sets of generated pairs:

- ``news`` (the goal's set): news sentences of news length (median ~130
  characters; the corpus's median is 116) with about two quantities per
  pair, twice the density of ``corpora/sensetime`` (1.0 per pair, a third
  of its pairs have any).  Sentence chrF on them runs at roughly the
  ~3,300 pairs/s the goal quotes for this machine.
- ``dense``: short sentences (median 60 characters) with three quantities
  per pair; a stress set that is kinder to chrF than to the number check.

- ``corpus``: the real aligned pairs of ``corpora/sensetime``, for reference.

    .venv/bin/python benchmarks/bench_numbers.py [--set news|dense|corpus|all] [--pairs 10000] [--repeats 3]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from sacrebleu.metrics import CHRF

from audit.checks.numbers import NumberCheck
from audit.numbers.extract import clear_cache, extract
from audit.model import AlignedDocument, AlignedPair, Document, Segment

DENSE = [
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


NEWS = [
    ("The company, which develops facial recognition software for banks and retailers, raised ${a} million "
     "from investors in {y}, according to people familiar with the matter.",
     "Das Unternehmen, das Software zur Gesichtserkennung für Banken und Händler entwickelt, sammelte im Jahr {y} "
     "nach Angaben von Insidern {a} Millionen US-Dollar von Investoren ein."),
    ("Revenue grew {p} percent to {b} billion euros last year, helped by strong demand for its cloud services "
     "in Europe and Asia.",
     "Der Umsatz stieg im vergangenen Jahr um {p} Prozent auf {bd} Milliarden Euro, getragen von einer starken "
     "Nachfrage nach seinen Cloud-Diensten in Europa und Asien."),
    ("It now employs about {n} people in {k} countries and plans to open new research centres in Shanghai "
     "and Singapore.",
     "Es beschäftigt jetzt rund {n} Menschen in {k} Ländern und plant, neue Forschungszentren in Shanghai "
     "und Singapur zu eröffnen."),
    ("The three-year-old startup is valued at more than ${b} billion, making it one of the most valuable "
     "artificial intelligence companies in the world.",
     "Das dreijährige Start-up wird mit mehr als {bd} Milliarden Dollar bewertet und gehört damit zu den "
     "wertvollsten Unternehmen für künstliche Intelligenz weltweit."),
    ("The government wants the country to lead the field by {y} and has promised generous subsidies to "
     "local firms that build the necessary chips.",
     "Die Regierung will, dass das Land bis {y} führend ist, und hat den heimischen Firmen, die die nötigen "
     "Chips bauen, großzügige Subventionen versprochen."),
    ("Analysts were not convinced by the explanation given on Monday, and several of them said the company "
     "had still not answered the central questions.",
     "Analysten überzeugte die am Montag gegebene Erklärung nicht, und mehrere von ihnen sagten, das Unternehmen "
     "habe die zentralen Fragen noch immer nicht beantwortet."),
    ("In its second round of funding it raised ${a}m, a record for the sector at the time.",
     "In seiner zweiten Finanzierungsrunde nahm es {a} Mio. USD ein, damals ein Rekord für die Branche."),
    ("Nearly {n} municipalities have signed up for the programme so far, officials said, although many of "
     "them have yet to install a single camera.",
     "Fast {n} Gemeinden haben sich bisher für das Programm angemeldet, sagten Beamte, obwohl viele von ihnen "
     "noch keine einzige Kamera installiert haben."),
    ("Critics argue that the technology is being rolled out far faster than the rules that are supposed to "
     "govern it, with little public debate.",
     "Kritiker argumentieren, dass die Technik viel schneller eingeführt wird als die Regeln, die sie steuern "
     "sollen, und das ohne große öffentliche Debatte."),
    ("The firm did not reveal its valuation, but a person close to the deal said it could be worth as much "
     "as ${b}bn.",
     "Das Unternehmen nannte seine Bewertung nicht, doch eine mit dem Geschäft vertraute Person sagte, sie "
     "könne bis zu {bd} Mrd. Dollar betragen."),
    ("Its chief executive, who founded the company with two university colleagues, told reporters that "
     "the listing would go ahead as planned.",
     "Sein Vorstandschef, der das Unternehmen mit zwei Studienkollegen gegründet hatte, sagte Reportern, "
     "der Börsengang werde wie geplant stattfinden."),
    ("Shares rose {p} percent in early trading on Tuesday before falling back to close almost unchanged.",
     "Die Aktien stiegen am Dienstag im frühen Handel um {p} Prozent, fielen dann aber zurück und schlossen "
     "fast unverändert."),
]


def make_doc(n: int, seed: int = 7, templates=DENSE) -> tuple[AlignedDocument, list[tuple[str, str]]]:
    rnd = random.Random(seed)
    src_parts, tgt_parts = [], []
    for _ in range(n):
        s, t = rnd.choice(templates)
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
    ap.add_argument("--set", choices=("news", "dense", "corpus", "all"), default="all")
    args = ap.parse_args()
    for name in ("news", "dense", "corpus") if args.set == "all" else (args.set,):
        if name == "corpus":
            measure_corpus(args.repeats)
        else:
            measure(name, args.pairs, args.repeats)


def measure_corpus(repeats: int, rounds: int = 20) -> None:
    """The same on the real pairs of ``corpora/sensetime`` (as segmented and
    aligned by the pipeline), every pair ``rounds`` times per repeat."""
    from pathlib import Path

    from audit.load import load
    from audit.pipeline import align_document, segment_side

    folder = Path(__file__).resolve().parent.parent / "corpora" / "sensetime"
    adocs, pairs = [], []
    for doc in load(folder):
        if doc.source is None:
            continue
        src, tgt = segment_side(doc, "source", False), segment_side(doc, "target", False)
        adoc = align_document(doc, src, tgt)
        adocs.append(adoc)
        pairs += [(" ".join(src[i].text for i in p.src), " ".join(tgt[i].text for i in p.tgt)) for p in adoc.pairs]
    check, chrf = NumberCheck(), CHRF()
    t_num, t_chrf = [], []
    for _ in range(repeats):
        t = 0.0
        for _ in range(rounds):
            clear_cache()
            t0 = time.perf_counter()
            for adoc in adocs:
                check.run(adoc)
            t += time.perf_counter() - t0
        t_num.append(t)
        t0 = time.perf_counter()
        for _ in range(rounds):
            for s, tt in pairs:
                chrf.sentence_score(tt, [s])
        t_chrf.append(time.perf_counter() - t0)
    n = len(pairs) * rounds
    mn, mc = statistics.median(t_num), statistics.median(t_chrf)
    lens = sorted(len(s) for s, _ in pairs)
    n_q = sum(len(q) for a in adocs for q in check_quantities(a))
    print(f"[corpus] corpora/sensetime: {len(pairs)} aligned pairs x {rounds}, repeats: {repeats}, "
          f"median source length: {lens[len(lens) // 2]} chars, quantities per pair: {n_q / len(pairs):.2f}")
    print(f"  number check: {1e6 * mn / n:.1f} us/pair; sentence chrF: {1e6 * mc / n:.1f} us/pair "
          f"({n / mc:,.0f} pairs/s)")
    print(f"  ratio number/chrF: {mn / mc:.3f}")


def measure(name: str, n_pairs: int, repeats: int) -> None:
    adoc, pairs = make_doc(n_pairs, templates=NEWS if name == "news" else DENSE)
    check = NumberCheck()
    chrf = CHRF()
    check.run(adoc)  # load the language data and compile the patterns
    t_num, t_chrf = [], []
    for _ in range(repeats):
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
    n_q = sum(len(q) for q in check_quantities(adoc))
    lens = sorted(len(s) for s, _ in pairs)
    print(f"[{name}] pairs: {n_pairs}, repeats: {repeats}, median source length: {lens[len(lens) // 2]} chars, "
          f"quantities per pair: {n_q / n_pairs:.2f}")
    print(f"  number check: {mn:.3f} s median ({1e6 * mn / n_pairs:.1f} us/pair), findings: {len(findings)}")
    print(f"  sentence chrF: {mc:.3f} s median ({1e6 * mc / n_pairs:.1f} us/pair, {n_pairs / mc:,.0f} pairs/s)")
    print(f"  ratio number/chrF: {mn / mc:.3f}" + (" (goal < 0.333)" if name == "news" else ""))


def check_quantities(adoc: AlignedDocument) -> list:
    """The quantities read on both sides, per segment."""
    doc = adoc.doc
    return ([extract(doc.source, doc.source_lang or "en", s.start, s.end) for s in adoc.source_segments]
            + [extract(doc.target, doc.target_lang, s.start, s.end) for s in adoc.target_segments])


if __name__ == "__main__":
    main()
