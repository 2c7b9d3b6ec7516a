"""The sentence aligner: contract, robustness, embeddings, scorer metric."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import numpy as np
import pytest

from audit.align import LOW_CONFIDENCE, align, format_alignment, lexical_similarity, parse_alignment
from audit.align.core import Params

ROOT = Path(__file__).resolve().parent.parent
TEXTBERG = ROOT / "benchmarks" / "textberg"


def check_cover(pairs, n, m):
    """Every sentence exactly once, in order, consecutive indices."""
    assert [p.index for p in pairs] == list(range(len(pairs)))
    src = [i for p in pairs for i in p.src]
    tgt = [j for p in pairs for j in p.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for p in pairs:
        assert p.src or p.tgt
        assert list(p.src) == list(range(p.src[0], p.src[0] + len(p.src))) if p.src else True
        assert 0.0 <= p.confidence <= 1.0
        assert p.low_confidence == (p.confidence < LOW_CONFIDENCE)


EN = [
    "The company was founded in 2014 in Hong Kong.",
    "It has raised more than $1.6 billion since then.",
    "SenseTime sells facial recognition software to the police.",
    "Its largest customer is the government of China.",
    "Alibaba invested $600 million in April.",
    "The firm now employs 2,000 people.",
]
DE = [
    "Das Unternehmen wurde 2014 in Hongkong gegründet.",
    "Seitdem hat es mehr als 1,6 Milliarden Dollar eingesammelt.",
    "SenseTime verkauft Software zur Gesichtserkennung an die Polizei.",
    "Sein grösster Kunde ist die Regierung Chinas.",
    "Alibaba investierte im April 600 Millionen Dollar.",
    "Die Firma beschäftigt heute 2.000 Menschen.",
]


def test_format_round_trip():
    lines = ["[0]:[0, 1]", "[1, 2]:[2]", "[3]:[]", "[]:[3]"]
    parsed = [parse_alignment(x) for x in lines]
    assert parsed == [((0,), (0, 1)), ((1, 2), (2,)), ((3,), ()), ((), (3,))]
    assert format_alignment(parsed) == lines
    pairs = align(EN, DE, "en", "de")
    assert [parse_alignment(x) for x in format_alignment(pairs)] == [(p.src, p.tgt) for p in pairs]
    with pytest.raises(ValueError):
        parse_alignment("nonsense")


def test_parallel_is_one_to_one():
    pairs = align(EN, DE, "en", "de")
    check_cover(pairs, len(EN), len(DE))
    assert [(p.src, p.tgt) for p in pairs] == [((i,), (i,)) for i in range(6)]
    assert all(not p.low_confidence for p in pairs)


def test_empty_sides():
    assert align([], [], "en", "de") == []
    pairs = align(EN[:3], [], "en", "de")
    assert [(p.src, p.tgt) for p in pairs] == [((0,), ()), ((1,), ()), ((2,), ())]
    pairs = align([], DE[:2], "en", "de")
    assert [(p.src, p.tgt) for p in pairs] == [((), (0,)), ((), (1,))]
    check_cover(pairs, 0, 2)


def test_split_sentence_is_one_to_two():
    de = DE[:2] + [
        "SenseTime verkauft Software zur Gesichtserkennung.",
        "Die Kunden sind vor allem die Polizei.",
    ] + DE[3:]
    pairs = align(EN, de, "en", "de")
    check_cover(pairs, len(EN), len(de))
    assert ((2,), (2, 3)) in [(p.src, p.tgt) for p in pairs]


def test_page_furniture_is_left_alone():
    de = ["Foto: Reuters/Bobby Yip"] + DE[:3] + ["Artikel teilen", "Twitter Facebook E-Mail"] + DE[3:] + [
        "Kommentare (12)", "Jetzt anmelden und mitdiskutieren"]
    pairs = align(EN, de, "en", "de")
    check_cover(pairs, len(EN), len(de))
    got = {(p.src, p.tgt) for p in pairs}
    for furniture in (0, 4, 5, 9, 10):
        assert ((), (furniture,)) in got
    sentence_pairs = [(p.src, p.tgt) for p in pairs if p.src and p.tgt]
    assert sentence_pairs == [((0,), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), (6,)), ((4,), (7,)), ((5,), (8,))]



def test_untranslated_sentence_is_not_glued_to_furniture():
    # the middle sentence has no counterpart; next to it lie caption lines
    # that share nothing with it: no block of three or more may form
    # without evidence (``Params.block_min_sim``)
    de = ["Am 12. Mai erreichten zwei Bergsteiger den Gipfel des Piz Palü nach acht Stunden Aufstieg .",
          "Der neue Bericht des Vereins ist meines Wissens noch immer nicht erschienen .",
          "Die Seilschaft kehrte am 14. Mai wohlbehalten nach Pontresina zurück ."]
    fr = ["Le 12 mai , deux alpinistes atteignirent le sommet du Piz Palü après huit heures de montée .",
          "3 - Photo Müller .", "Archiv Rosatsch , Samedan", "Cabane ( 2830 m ) et col ouest", "Morteratsch ;",
          "La cordée revint saine et sauve à Pontresina le 14 mai ."]
    pairs = align(de, fr, "de", "fr")
    check_cover(pairs, len(de), len(fr))
    got = [(p.src, p.tgt) for p in pairs]
    assert ((0,), (0,)) in got and ((2,), (5,)) in got
    assert all(len(s) + len(t) <= 2 for s, t in got), got


def _doc(n, seed):
    """A synthetic parallel document: shared numbers and names, random words."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    src, tgt = [], []
    for i in range(n):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 8))) for _ in range(rng.randint(6, 14))]
        num = str(rng.randint(10, 99999))
        name = "".join(rng.choice(letters) for _ in range(8)).capitalize()
        src.append(" ".join(words[:3] + [num, name] + words[3:]) + ".")
        tgt.append(" ".join(w[::-1] for w in words[3:]) + f" {name} {num} " + " ".join(w[::-1] for w in words[:3]) + ".")
    return src, tgt


def test_long_omission():
    src, tgt = _doc(60, 1)
    tgt_half = tgt[:15] + tgt[45:]  # the middle half of the source is not translated
    pairs = align(src, tgt_half, "en", "de")
    check_cover(pairs, 60, 30)
    got = [(p.src, p.tgt) for p in pairs]
    for i in range(15):
        assert ((i,), (i,)) in got
    for i in range(15, 45):
        assert ((i,), ()) in got
    for i in range(45, 60):
        assert ((i,), (i - 30,)) in got


def test_reordered_paragraph_stays_monotone():
    src, tgt = _doc(40, 2)
    tgt2 = tgt[:10] + tgt[20:30] + tgt[10:20] + tgt[30:]  # two blocks swapped
    pairs = align(src, tgt2, "en", "de")
    check_cover(pairs, 40, 40)
    got = [(p.src, p.tgt) for p in pairs]
    for i in list(range(10)) + list(range(30, 40)):
        assert ((i,), (i,)) in got
    # no sentence is forced onto a wrong partner with high confidence
    for p in pairs:
        if len(p.src) == 1 and len(p.tgt) == 1 and p.src[0] != p.tgt[0] + (0 if p.src[0] < 10 or p.src[0] >= 30 else 0):
            wrong = tgt2[p.tgt[0]] != tgt[p.src[0]]
            if wrong:
                assert p.low_confidence


def test_banded_path_matches_full_dp():
    src, tgt = _doc(150, 3)
    tgt = tgt[:70] + ["Share this article"] + tgt[70:]
    full = align(src, tgt, "en", "de")
    banded = align(src, tgt, "en", "de", params=Params(full_cells=2000, margin=4))
    check_cover(banded, 150, 151)
    assert [(p.src, p.tgt) for p in banded] == [(p.src, p.tgt) for p in full]


def test_embeddings_are_used():
    """Hand-made embeddings decide where lengths and anchors say nothing."""
    src = ["aaaa bbbb", "cccc dddd", "eeee ffff", "gggg hhhh"]
    tgt = ["xxxx yyyy", "zzzz wwww", "tttt ssss"]
    es = np.eye(4)
    # target 1 is the translation of source 1 and 2 together
    et = np.array([[1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1]], float)
    et /= np.linalg.norm(et, axis=1, keepdims=True)
    pairs = align(src, tgt, "en", "de", src_emb=es, tgt_emb=et, params=Params(w_len=0.0))
    check_cover(pairs, 4, 3)
    assert [(p.src, p.tgt) for p in pairs] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    # the other way round: target 0 is source 0 and 1 together
    et2 = np.array([[1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], float)
    et2 /= np.linalg.norm(et2, axis=1, keepdims=True)
    pairs = align(src, tgt, "en", "de", src_emb=es, tgt_emb=et2, params=Params(w_len=0.0))
    assert [(p.src, p.tgt) for p in pairs] == [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))]
    # mismatched shapes are refused
    with pytest.raises(ValueError):
        align(src, tgt, "en", "de", src_emb=es[:3], tgt_emb=et)


def test_lexical_similarity():
    hi = lexical_similarity(EN[0], DE[0], "en", "de")
    lo = lexical_similarity(EN[0], DE[4], "en", "de")
    assert 0.0 <= lo < hi <= 1.0
    assert hi > 0.5
    assert lexical_similarity("", DE[0], "en", "de") == 0.0
    assert lexical_similarity("Sie zahlte 1.000 Franken.", "Elle a payé 1 000 francs.", "de", "fr") > 0.5


def _scorer():
    spec = importlib.util.spec_from_file_location("score_textberg", ROOT / "benchmarks" / "score_textberg.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_scorer_metric_on_hand_made_gold():
    score = _scorer().score
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2, 3))]
    r = score([gold], [test])
    # strict: correct outputs 0, [3]:[], 4 -> 3 of 5; recalled gold (non-empty) 0 and 4 -> 2 of 3
    assert r["strict_p"] == pytest.approx(3 / 5)
    assert r["strict_r"] == pytest.approx(2 / 3)
    # lax: exact, or overlapping a non-empty gold on both sides: 0, 1, [3]:[], 4 -> 4 of 5;
    # gold 0, 1-2, 4 all hit
    assert r["lax_p"] == pytest.approx(4 / 5)
    assert r["lax_r"] == pytest.approx(1.0)
    assert r["strict_f1"] == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))


def test_textberg_file_is_covered():
    src = (TEXTBERG / "test4.de").read_text(encoding="utf-8").splitlines()
    tgt = (TEXTBERG / "test4.fr").read_text(encoding="utf-8").splitlines()
    pairs = align(src, tgt, "de", "fr")
    check_cover(pairs, len(src), len(tgt))
    assert sum(1 for p in pairs if len(p.src) == 1 and len(p.tgt) == 1) > len(src) // 2


def test_dev_chunks_are_self_contained_pieces():
    pieces = _scorer().dev_chunks(TEXTBERG)
    assert len(pieces) == 27
    for src, tgt, gold in pieces:
        assert 15 <= len(gold) <= 200
        for s, t in gold:
            assert all(0 <= i < len(src) for i in s) and all(0 <= j < len(tgt) for j in t)
        # every line of the piece is named by its gold, in order
        assert sorted(i for s, _ in gold for i in s) == list(range(len(src)))


def test_aligning_does_not_import_pandas():
    """pandas costs ~0.25 s to import; only the Python API's tables need it."""
    import subprocess
    import sys

    code = ("import sys\nfrom audit.align import align\n"
            "align(['Der Berg ist 250 m hoch.'], ['La montagne a 250 m.'], 'de', 'fr')\n"
            "print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
