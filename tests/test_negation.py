"""Negation on one side of a pair only."""
from __future__ import annotations

from helpers import make_pair

from audit.checks.negation import NegationCheck
from audit.sense.cues import find_cues


def run(src, tgt, sl="en", tl="de"):
    return list(NegationCheck().run(make_pair(src, tgt, sl, tl)))


def test_lost_negation_is_major():
    out = run("Siemens did not confirm the report.", "Siemens bestätigte den Bericht.")
    assert len(out) == 1 and out[0].severity == "major" and out[0].category == "negation"
    assert out[0].source.text == "not"
    assert out[0].target.text == "Siemens bestätigte den Bericht."


def test_added_negation():
    out = run("Renault a vendu des voitures au Japon.", "Renault never sold cars in Japan.", "fr", "en")
    assert out and out[0].target.text == "never" and out[0].details["direction"] == "added"


def test_kept_negations():
    assert run("SenseTime gave no specific figures.", "SenseTime gab keine spezifischen Zahlen bekannt.") == []
    assert run("Renault n'a jamais vendu de voitures au Japon.", "Renault has never sold cars in Japan.",
               "fr", "en") == []
    assert run("Lufthansa hat die Flüge nicht gestrichen.", "Lufthansa n'a pas annulé les vols.", "de", "fr") == []


def test_not_only_and_ne_que_are_not_negations():
    assert run("Alibaba n'est pas seulement un géant du e-commerce, c'est aussi un leader du cloud.",
               "Alibaba is not only an e-commerce giant but also a cloud leader.", "fr", "en") == []
    assert run("Samsung verlor nicht nur Marktanteile, sondern auch Gewinn.",
               "Samsung lost not only market share but also profit.", "de", "en") == []
    assert find_cues("les clients n'ont qu'à sourire", "fr", "negation") == []
    assert run("Qu'Alibaba mène ce tour n'a rien d'anodin.", "Alibaba leading this round is far from insignificant.",
               "fr", "en") == []


def test_cue_offsets():
    text = "Das Unternehmen hat keine Zahlen genannt und nie kommentiert."
    for c in find_cues(text, "de", "negation"):
        assert text[c.start:c.end] == c.text
