"""Given sentences that hold several (presegmented lines) are also aligned as
their parts ("units") and the result projected back onto the given sentences
(``Params.split_units``; audit/align/core.py ``align_blocks``)."""
from __future__ import annotations

import random

import numpy as np
import scipy.sparse as sp

from audit.align import align, core
from audit.align.core import Params, Result
from audit.segment import segment, sentences_in

DE = [
    "Die Expedition verliess Skardu am 2. Mai mit 180 Trägern.",
    "Nach zwölf Tagen erreichte sie den Baltoro-Gletscher.",
    "Die ersten zwei Seillängen über dem Bergschrund kosteten Stunden , 250 Höhenmeter erforderten zwei Tage.",
    "Sechs Stunden Arbeit mit Steigeisen an vereisten Platten , endlich erreichten sie den Grat.",
    "Am 7. Juli standen Larch und Reinagl auf dem Gipfel , 8035 m.",
    "Das Wetter blieb eine Woche lang schön.",
]
FR = [
    "L' expédition quitta Skardu le 2 mai avec 180 porteurs.",
    "Après douze jours , elle atteignit le glacier du Baltoro.",
    "Les deux premières longueurs de corde au-dessus de la rimaye coûtèrent des heures.",
    # the first sentence of this line translates the end of German line 2
    "Il fallut deux jours pour gravir 250 m. Six heures de cramponnage sur des dalles "
    "verglacées , enfin ils atteignirent l' arête.",
    "Le 7 juillet , Larch et Reinagl étaient au sommet , 8035 m.",
    "Le temps resta beau pendant une semaine.",
]


def blocks(pairs):
    return [(p.src, p.tgt) for p in pairs]


def covers_once(pairs, n, m):
    src = [i for p in pairs for i in p.src]
    tgt = [j for p in pairs for j in p.tgt]
    return src == list(range(n)) and tgt == list(range(m))


def test_sentences_in():
    assert sentences_in("Ein Satz ohne Ende", "de") == ["Ein Satz ohne Ende"]
    assert sentences_in("Ein Satz . ", "de") == ["Ein Satz . "]  # a final stop only
    assert sentences_in("Il fallut 2 jours pour gravir 250 m. Six heures après , rien.", "fr") == [
        "Il fallut 2 jours pour gravir 250 m.", "Six heures après , rien."]
    assert sentences_in("Vgl. S. 12 und Nr. 4.", "de") == ["Vgl. S. 12 und Nr. 4."]
    # French "h." before a number is a time of day, not a sentence end
    assert sentences_in("A 20 h. 30 ils étaient au pied de la pyramide.", "fr") == [
        "A 20 h. 30 ils étaient au pied de la pyramide."]
    assert sentences_in("", "fr") == [""]


def test_segmented_sentences_are_not_split_again():
    """In the pipeline the aligner gets segment()'s sentences: the unit view
    must change nothing there."""
    text = ("Der Umsatz stieg um 7,2 Prozent auf 4,5 Mrd. Euro. Dr. Müller sagte am 3. Mai: "
            "\"Wir sind zufrieden.\" Z. B. stieg der Preis. Das war's... Danach kam nichts mehr!")
    for seg in segment(text, "de"):
        assert sentences_in(seg.text, "de") == [seg.text]
    text = "M. Dupont a gagné 3,5 Mds d'euros. À 20 h. 30 , il partit. Fin."
    for seg in segment(text, "fr"):
        assert sentences_in(seg.text, "fr") == [seg.text]


def test_short_parts_stay_with_their_neighbour():
    f = core._attach_short
    assert f(["1.", "Kangchenjunga ist hoch ."], 2) == ["1. Kangchenjunga ist hoch ."]
    assert f(["Er kam an .", "..."], 2) == ["Er kam an . ..."]
    assert f(["Endlich .", "Lager 4 erreicht !"], 2) == ["Endlich . Lager 4 erreicht !"]
    assert f(["Endlich .", "Lager 4 erreicht !"], 1) == ["Endlich .", "Lager 4 erreicht !"]
    assert f(["12.", "..."], 2) == ["12. ..."]  # nothing long enough: one unit
    units, owner = core._units(["Eins zwei . Drei vier .", "Fünf ."], "de", 2)
    assert units == ["Eins zwei .", "Drei vier .", "Fünf ."]
    assert owner.tolist() == [0, 0, 1]


def _res(blocks, sims=None, near=None):
    return Result(blocks, sims or [0.5] * len(blocks), 1.0, near or [0.0] * len(blocks))


def test_project_joins_blocks_sharing_a_given_sentence():
    # source: 2 lines, one unit each; target: line 0 = units 0, 1; line 1 = unit 2
    own_s, own_t = np.array([0, 1]), np.array([0, 0, 1])
    S = sp.csr_matrix(np.eye(3)[:2])
    T = sp.csr_matrix(np.eye(3))
    # unit alignment: s0 - t0, s1 - t1 t2: target line 0 is shared -> one 2-2
    res = _res([((0, 1), (0, 1)), ((1, 2), (1, 3))], sims=[0.9, 0.8])
    out = core._project(res, own_s, own_t, S, T, 2, 2)
    assert out.blocks == [((0, 2), (0, 2))]
    assert abs(out.sims[0] - 2 / np.sqrt(2 * 3)) < 1e-9  # cosine of the summed unit vectors
    # s0 - t0 t1, s1 - t2: no line shared, blocks kept, similarities as they were
    res = _res([((0, 1), (0, 2)), ((1, 2), (2, 3))], sims=[0.9, 0.8])
    out = core._project(res, own_s, own_t, S, T, 2, 2)
    assert out.blocks == [((0, 1), (0, 1)), ((1, 2), (1, 2))]
    assert out.sims == [0.9, 0.8]


def test_project_keeps_a_skip_inside_a_split_line_in_its_block():
    # source line 0 = units 0, 1; a target unit aligned to nothing sits between them
    own_s, own_t = np.array([0, 0]), np.array([0, 1, 2])
    S = sp.csr_matrix(np.eye(3)[:2])
    T = sp.csr_matrix(np.eye(3))
    res = _res([((0, 1), (0, 1)), ((1, 1), (1, 2)), ((1, 2), (2, 3))], near=[0.0, 0.2, 0.0])
    out = core._project(res, own_s, own_t, S, T, 1, 3)
    assert out.blocks == [((0, 1), (0, 3))]
    # a line whose every unit is skipped stays one skip; its doubt is the largest
    own_s, own_t = np.array([0, 1, 1]), np.array([0])
    S, T = sp.csr_matrix(np.eye(3)), sp.csr_matrix(np.eye(3)[:1])
    res = _res([((0, 1), (0, 1)), ((1, 2), (1, 1)), ((2, 3), (1, 1))], near=[0.0, 0.1, 0.3])
    out = core._project(res, own_s, own_t, S, T, 2, 1)
    assert out.blocks == [((0, 1), (0, 1)), ((1, 2), (1, 1))]
    assert out.near == [0.0, 0.3] and out.sims[1] == 0.0


def test_prefer_takes_the_unit_view_only_where_a_line_was_split():
    whole = _res([((0, 1), (0, 1)), ((1, 2), (1, 2)), ((2, 3), (2, 3)), ((3, 4), (3, 4))], sims=[1, 2, 3, 4])
    proj = _res([((0, 2), (0, 2)), ((2, 4), (2, 4))], sims=[5, 6])
    split_s = np.array([False, False, False, False])
    split_t = np.array([False, True, False, False])  # target line 1 held two sentences
    out = core._prefer(whole, proj, split_s, split_t)
    assert out.blocks == [((0, 2), (0, 2)), ((2, 3), (2, 3)), ((3, 4), (3, 4))]
    assert out.sims == [5, 3, 4]


def test_a_line_holding_two_sentences_joins_the_block_it_belongs_to():
    pairs = align(DE, FR, "de", "fr")
    assert blocks(pairs) == [((0,), (0,)), ((1,), (1,)), ((2, 3), (2, 3)), ((4,), (4,)), ((5,), (5,))]
    assert all(0.0 <= p.confidence <= 1.0 for p in pairs)
    # as given, line by line, the aligner cannot see it
    plain = align(DE, FR, "de", "fr", params=Params(split_units=False))
    assert ((2,), (2,)) in blocks(plain) and ((3,), (3,)) in blocks(plain)


def test_embeddings_are_per_given_sentence():
    rng = np.random.default_rng(0)
    es, et = rng.normal(size=(len(DE), 8)), rng.normal(size=(len(FR), 8))
    pairs = align(DE, FR, "de", "fr", src_emb=es, tgt_emb=et)
    assert covers_once(pairs, len(DE), len(FR))


def test_every_given_sentence_covered_once():
    words = "Berg Gipfel Lager Grat Wand Schnee Eis Tal Hütte Seil".split()
    mots = "montagne sommet camp arête paroi neige glace vallée cabane corde".split()
    for seed in range(20):
        rng = random.Random(seed)
        src, tgt = [], []
        for _ in range(rng.randint(1, 14)):
            k = rng.sample(range(10), 3)
            num = str(rng.randint(10, 9000))
            src.append(" ".join(words[i] for i in k) + f" {num} m.")
            fr = " ".join(mots[i] for i in k) + f" {num} m."
            if tgt and rng.random() < 0.3:  # two sentences on one line
                tgt[-1] = tgt[-1] + " " + fr.capitalize()
            elif rng.random() < 0.9:
                tgt.append(fr.capitalize())
        if rng.random() < 0.3:
            src[0] = src[0] + " Danach . Am Ende " + src[0]
        pairs = align(src, tgt, "de", "fr")
        assert covers_once(pairs, len(src), len(tgt)), seed
        assert [p.index for p in pairs] == list(range(len(pairs)))
