"""Sentence-shape evidence of the aligner: how a line ends and the next one
starts (a split inside a unit), and lines that read as running text."""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from audit.align import align, anchors, core
from audit.align.core import Params


def test_end_class():
    assert anchors.end_class("Das ist alles .", "de") == "strong"
    assert anchors.end_class("Er sagte : « Nein ! »", "de") == "strong"
    assert anchors.end_class("Literatur :", "de") == ":"
    assert anchors.end_class("ses cimes vers le ciel ;", "fr") == ";"
    assert anchors.end_class("7. Kangchendzönga , ca. 8597 m , Leiter Ch .", "de") == "abbrev"
    assert anchors.end_class("« The Alpine Journal » , Nr. 293,S .", "de") == "abbrev"
    assert anchors.end_class("( « Alpine Journal » No .", "de") == "abbrev"  # listed abbreviation
    assert anchors.end_class("bis auf etwa 7950 m .", "de") == "strong"  # a unit, not an initial
    assert anchors.end_class("Stiftung für alpine Forschungen , Zürich", "de") == "none"
    assert anchors.start_class("des estimations le portaient") == "lower"
    assert anchors.start_class(") und am 11. Mai") == "close"
    assert anchors.start_class("12. In das Chandra-Tal") == "digit"
    assert anchors.start_class("Die Mannschaft") == "upper"


def test_join_scores():
    lines = [
        "Das hübsche Buch ( « Makalu » , Grenoble-Paris :",  # ':' and an open bracket
        "B.Arthaud ) , das jetzt auch vorliegt .",  # closes a bracket it did not open
        "Die Expedition erreichte den Gipfel .",
        "12. Im Chandra-Tal war eine Expedition tätig .",
    ]
    j = anchors.join_scores(lines, "de")
    assert len(j) == len(lines) and j[-1] == 0.0
    assert j[0] == 3.0  # ":" + a bracket left open + the next line closes one it did not open
    assert j[1] == 0.0  # an ordinary sentence end
    assert j[2] < 0.0  # the next line starts a numbered item
    assert anchors.join_scores(lines, "xx") == [0.0] * 4  # no data, no evidence


def test_sentence_like():
    assert anchors.sentence_like("Tenter une voie de ce côté serait un pur suicide .", "fr")
    assert anchors.sentence_like("Tastend , unter dichten Schneeböen arbeiten sie sich abwärts .", "de")
    assert not anchors.sentence_like("2 - Photo Schweiz .", "de")
    assert not anchors.sentence_like("Stiftung für alpine Forschungen , Zürich", "de")
    assert not anchors.sentence_like("( Traduit par L. S. )", "fr")  # initials are not words


A_DE = "Im Mai 1956 war die Expedition unter der Leitung von Joyce Dunsheath im Kulu tätig ."
A_FR = "En mai 1956 l' expédition dirigée par Joyce Dunsheath était au Kulu ."
C_DE = "Sie bestiegen sechs Gipfel zwischen 5800 und 6200 m ."
C_FR = "Elles ont gravi six sommets de 5800 à 6200 m ."


def test_citation_cut_at_abbreviation_is_kept_whole():
    de = [A_DE, "Darüber berichtet Trevor Braham ( « The Alpine Journal » , Nr. 293,S .", "296-309 ) .", C_DE]
    fr = [A_FR, "Trevor Braham en a rendu compte ( Alpine Journal , n° 293 , p. 296-309 ) .", C_FR]
    got = [(p.src, p.tgt) for p in align(de, fr, "de", "fr")]
    assert got == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_clause_cut_at_semicolon_is_kept_whole():
    de = [A_DE, "Die Ströme flossen schon zum Indischen Ozean , und die Erosion hielt mit der Hebung Schritt .", C_DE]
    fr = [A_FR, "Ces cours d' eau se déversaient déjà dans l' Océan indien ;",
          "l' érosion a progressé avec la tectonique .", C_FR]
    got = [(p.src, p.tgt) for p in align(de, fr, "de", "fr")]
    assert ((1,), (1, 2)) in got


def test_matching_colons_stay_one_to_one():
    de = [A_DE, "Ich bringe daraus ein paar Ausschnitte :", "« Wir fanden drei grosse Fusstapfen im Schnee . »", C_DE]
    fr = [A_FR, "J' en traduis quelques passages :", "« Nous trouvâmes trois larges empreintes dans la neige . »", C_FR]
    got = [(p.src, p.tgt) for p in align(de, fr, "de", "fr")]
    assert got == [((i,), (i,)) for i in range(4)]


def test_running_text_is_dearer_to_skip():
    de = [A_DE, "Diesen Grat gibt es gar nicht , nur eine mindestens 1600 m hohe , furchtbar steile , "
          "von Eislawinen bestrichene Wand , der reinste Selbstmord .", C_DE]
    fr = [A_FR, "Il n' y a pas d' arête nord , mais une paroi de 1600 m , raide , balayée par les avalanches .",
          "Tenter une voie de ce côté serait un pur suicide .", C_FR]  # no anchor in the last clause
    got = [(p.src, p.tgt) for p in align(de, fr, "de", "fr")]
    assert ((1,), (1, 2)) in got
    # without the surcharge the anchorless sentence would be dropped
    got = [(p.src, p.tgt) for p in align(de, fr, "de", "fr", params=Params(sent_skip_mult=1.0))]
    assert ((), (2,)) in got


def test_join_bonus_counts_unmatched_splits_only():
    # three lines each side with identical one-hot features: only the join
    # evidence differs between the runs
    eye = sp.csr_matrix(np.eye(3))
    lengths = np.full(3, 40.0)

    def scores(js, jt, w):
        src = core.Side(lengths, eye, None, None, np.array(js, float))
        tgt = core.Side(lengths, eye, None, None, np.array(jt, float))
        band = core.Band.make(np.zeros(4), np.full(4, 3))
        sc = core.Scorer(src, tgt, Params(w_join=w), 1.0).move_scores(band)
        return sc, band

    def move(sc, band, a, b, i, j):
        return sc[core.MOVES.index((a, b)), band.lookup(np.array([i]), np.array([j]))[0]]

    base, band = scores([0, 0, 0], [0, 0, 0], 0.5)
    # a split after source line 0 that looks like a fragment (":" etc.)
    sc, _ = scores([2, 0, 0], [0, 0, 0], 0.5)
    assert np.isclose(move(sc, band, 2, 1, 2, 1) - move(base, band, 2, 1, 2, 1), 1.0)
    assert np.isclose(move(sc, band, 1, 1, 1, 1), move(base, band, 1, 1, 1, 1))
    # the same evidence on both sides of a 2-2 cancels (two 1-1s ending in ':')
    sc, _ = scores([2, 0, 0], [2, 0, 0], 0.5)
    assert np.isclose(move(sc, band, 2, 2, 2, 2), move(base, band, 2, 2, 2, 2))
    # negative evidence (the next line starts a numbered item) always counts
    sc, _ = scores([-1, 0, 0], [0, 0, 0], 0.5)
    assert np.isclose(move(sc, band, 2, 1, 2, 1) - move(base, band, 2, 1, 2, 1), -0.5)
