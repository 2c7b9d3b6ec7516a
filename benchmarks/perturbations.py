"""Recall and false alarms of the names, omissions, modality, negation and numbers checks.

Faithful en/de/fr sentence pairs (``tests/data/perturb/pairs.yaml``, written
for mtaudit) are audited as they are (every major finding there is a false
alarm) and after distortions of their target: a negation dropped or added,
a hedge hardened, a clause removed (hand-written), a name swapped for another
or misspelled (made here).  A distortion is caught when a finding of the
expected category is reported for it (a hardened hedge that qualified a
figure, "Nearly 400" -> "400", is the numbers check's qualifier finding).

Run: ``.venv/bin/python benchmarks/perturbations.py``.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit.checks.entities import EntityCheck  # noqa: E402
from audit.checks.modality import ModalityCheck  # noqa: E402
from audit.checks.negation import NegationCheck  # noqa: E402
from audit.checks.numbers import NumberCheck  # noqa: E402
from audit.checks.omissions import OmissionCheck  # noqa: E402
from audit.model import AlignedDocument, AlignedPair, Document, Segment  # noqa: E402
from audit.sense.names import find_names, locate  # noqa: E402

DATA = ROOT / "tests" / "data" / "perturb" / "pairs.yaml"
CHECKS = (EntityCheck(), OmissionCheck(), ModalityCheck(), NegationCheck(), NumberCheck())
EXPECTED = {
    "negation": ("negation",),
    "hedge": ("modality", "number"),
    "clause": ("omission",),
    "name-swap": ("entity",),
    "name-misspell": ("entity",),
}
SWAP_NAMES = ["Vodafone", "Heineken", "Unilever", "Ericsson", "Carlsberg", "Novartis"]


def load_pairs(path: Path = DATA) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def adoc_of(src: str, tgt: str, sl: str, tl: str, doc_id: str = "p") -> AlignedDocument:
    doc = Document(doc_id, tl, tgt, sl, src)
    return AlignedDocument(
        doc, [Segment(0, 0, len(src), src)], [Segment(0, 0, len(tgt), tgt)], [AlignedPair(0, (0,), (0,))]
    )


def audit(src: str, tgt: str, sl: str, tl: str):
    ad = adoc_of(src, tgt, sl, tl)
    out = []
    for c in CHECKS:
        out.extend(c.run(ad))
    return out


def _misspell(word: str, rng: random.Random) -> str:
    """Double one inner letter and change another: "Siemens" -> "Siemmems"."""
    i = rng.randrange(1, len(word) - 1)
    w = word[: i + 1] + word[i] + word[i + 1 :]
    j = len(w) - 2 if i < len(w) - 3 else 1
    repl = "k" if w[j] != "k" else "x"
    return w[:j] + repl + w[j + 1 :]


def name_perturbations(entry: dict, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, perturbed target) for the first name the target spells as the source."""
    src, tgt, sl, tl = entry["src"], entry["tgt"], entry["src_lang"], entry["tgt_lang"]
    for n in find_names(src, sl, doc_text=src):
        if n.kind == "acronym" or len(n.text) < 4:
            continue
        hit = locate(n.text, tgt, tl, [(0, len(tgt))], sl)
        if hit is None or hit.text != n.text:
            continue
        other = next(x for x in SWAP_NAMES if x not in src and x not in tgt)
        swapped = tgt[: hit.start] + other + tgt[hit.end :]
        if " " in n.text:
            first = n.text.split(" ")[0]
            bad = _misspell(first, rng) + n.text[len(first):]
        else:
            bad = _misspell(n.text, rng)
        spelled = tgt[: hit.start] + bad + tgt[hit.end :]
        return [("name-swap", swapped), ("name-misspell", spelled)]
    return []


def evaluate(pairs: list[dict] | None = None, seed: int = 7) -> dict:
    """Run every pair and distortion; return the figures (and the misses)."""
    pairs = load_pairs() if pairs is None else pairs
    rng = random.Random(seed)
    faithful = 0
    alarms: list[tuple[str, str]] = []
    minors = 0
    tried: dict[str, int] = {k: 0 for k in EXPECTED}
    caught: dict[str, int] = {k: 0 for k in EXPECTED}
    caught_major: dict[str, int] = {k: 0 for k in EXPECTED}
    caught_any: dict[str, int] = {k: 0 for k in EXPECTED}
    misses: list[tuple[str, str, str]] = []
    t0 = time.perf_counter()
    n_audits = 0
    for e in pairs:
        sl, tl = e["src_lang"], e["tgt_lang"]
        found = audit(e["src"], e["tgt"], sl, tl)
        n_audits += 1
        faithful += 1
        majors = [f for f in found if f.severity == "major"]
        minors += len(found) - len(majors)
        if majors:
            alarms.append((e["id"], majors[0].message))
        variants = [(k, e[k]) for k in ("negation", "hedge", "clause") if k in e]
        variants += name_perturbations(e, rng)
        for kind, tgt in variants:
            tried[kind] += 1
            got = audit(e["src"], tgt, sl, tl)
            n_audits += 1
            cats = [f for f in got if f.category in EXPECTED[kind]]
            if cats:
                caught[kind] += 1
                if any(f.severity == "major" for f in cats):
                    caught_major[kind] += 1
            else:
                misses.append((e["id"], kind, tgt))
            if any(f.severity == "major" for f in got):
                caught_any[kind] += 1
    elapsed = time.perf_counter() - t0
    return {
        "faithful": faithful,
        "false_alarms": len(alarms),
        "false_alarm_rate": len(alarms) / faithful if faithful else 0.0,
        "alarms": alarms,
        "minor_on_faithful": minors,
        "tried": tried,
        "caught": caught,
        "caught_major": caught_major,
        "caught_any_major": caught_any,
        "recall": {k: (caught[k] / tried[k] if tried[k] else None) for k in tried},
        "misses": misses,
        "pairs_per_second": n_audits / elapsed if elapsed else 0.0,
    }


def main() -> None:
    r = evaluate()
    print(f"faithful pairs: {r['faithful']}  false alarms (pairs with a major finding): "
          f"{r['false_alarms']} ({r['false_alarm_rate']:.1%}); minor findings on them: {r['minor_on_faithful']}")
    for id_, msg in r["alarms"]:
        print(f"  false alarm {id_}: {msg[:140]}")
    print(f"{'distortion':15} {'tried':>5} {'caught':>6} {'recall':>7} {'as major':>8} {'any major':>9}")
    for k in EXPECTED:
        rec = r["recall"][k]
        print(f"{k:15} {r['tried'][k]:5d} {r['caught'][k]:6d} {rec if rec is not None else 0:7.1%} "
              f"{r['caught_major'][k]:8d} {r['caught_any_major'][k]:9d}")
    total_t = sum(r["tried"].values())
    total_c = sum(r["caught"].values())
    print(f"{'all':15} {total_t:5d} {total_c:6d} {total_c / total_t:7.1%}")
    for id_, kind, tgt in r["misses"]:
        print(f"  missed {id_} {kind}: {tgt[:120]}")
    print(f"speed: {r['pairs_per_second']:.0f} sentence pairs/s through the {len(CHECKS)} checks")


if __name__ == "__main__":
    main()
