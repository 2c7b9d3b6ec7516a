"""Percentage points against percent, fractions in words (with an article or
alone), in English, German and French, through the numbers check."""
from __future__ import annotations

import pytest

from audit.checks.numbers import NumberCheck
from audit.numbers.extract import extract
from helpers import make_pair

CHECK = NumberCheck()

EN_PP = "The central bank raised rates by 0.25 percentage points."
DE_PP = "Die Zentralbank erhöhte die Zinsen um 0,25 Prozentpunkte."
FR_PP = "La banque centrale a relevé ses taux de 0,25 point de pourcentage."
TEXTS_PP = {"en": EN_PP, "de": DE_PP, "fr": FR_PP}


def findings(src, tgt, sl="en", tl="de"):
    return list(CHECK.run(make_pair(src, tgt, sl, tl)))


def kinds(src, tgt, sl="en", tl="de"):
    return [(f.details.get("kind"), f.severity) for f in findings(src, tgt, sl, tl)]


@pytest.mark.parametrize("sl,tl", [(a, b) for a in TEXTS_PP for b in TEXTS_PP if a != b])
def test_percentage_points_agree_in_every_direction(sl, tl):
    assert findings(TEXTS_PP[sl], TEXTS_PP[tl], sl, tl) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "up 1 percentage point"), ("en", "up 3 percentage points"),
    ("de", "um 1 Prozentpunkt"), ("de", "um 3 Prozentpunkten"), ("de", "um 3 %-Punkte"),
    ("fr", "de 1 point de pourcentage"), ("fr", "de 3 points de pourcentage"),
])
def test_point_words_read_as_percentage_points(lang, text):
    (q,) = extract(text, lang)
    assert q.role == "percentage point" and q.unit == "pp"


def test_percent_stays_percent():
    (q,) = extract("up 3 percent", "en")
    assert q.role == "percent" and q.unit == "%"


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Unemployment rose by 2 percentage points.", "Die Arbeitslosigkeit stieg um 2 Prozent.", "en", "de"),
    ("Unemployment rose by 2 percent.", "Die Arbeitslosigkeit stieg um 2 Prozentpunkte.", "en", "de"),
    ("Le chômage a augmenté de 2 points de pourcentage.", "Unemployment rose by 2 percent.", "fr", "en"),
    ("Die Arbeitslosigkeit stieg um 2 Prozent.", "Le chômage a augmenté de 2 points de pourcentage.", "de", "fr"),
])
def test_points_against_percent_is_flagged(src, tgt, sl, tl):
    fs = findings(src, tgt, sl, tl)
    assert [(f.details["kind"], f.severity) for f in fs] == [("role", "major")]
    assert "percentage point" in fs[0].message


@pytest.mark.parametrize("lang,text,value", [
    ("en", "Exports fell by a third.", 1 / 3),
    ("en", "A quarter of the staff left.", 0.25),
    ("en", "Sales fell by half in 2020.", 0.5),
    ("en", "Half of the staff left.", 0.5),
    ("de", "Die Hälfte der Stellen fiel weg.", 0.5),
    ("de", "Die Exporte fielen um ein Viertel.", 0.25),
    ("fr", "La moitié des postes a disparu.", 0.5),
    ("fr", "Les ventes ont baissé de moitié.", 0.5),
    ("fr", "Les exportations ont baissé d'un tiers.", 1 / 3),
])
def test_fraction_phrases_parse(lang, text, value):
    qs = [q for q in extract(text, lang) if q.role == "count"]
    assert len(qs) == 1 and abs(qs[0].value - value) < 1e-9


@pytest.mark.parametrize("text", [
    "In the second half of 2020 the firm grew.",
    "A third party paid for a third consecutive year.",
    "It took an hour and a half.",
    "It took half an hour.",
    "They reached the quarter-final a quarter century ago.",
    "The half-year results were good.",
])
def test_fraction_words_that_are_no_fraction(text):
    assert [q for q in extract(text, "en") if q.role == "count"] == []


def test_changed_fraction_is_a_value_finding():
    assert kinds("Exports fell by a third.", "Die Exporte fielen um ein Viertel.") == [("value", "major")]
    assert kinds("Exports fell by a quarter.", "Les exportations ont baissé d'un tiers.", "en", "fr") == [
        ("value", "major")]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Exports fell by a third.", "Die Exporte fielen um ein Drittel.", "en", "de"),
    ("Exports fell by half.", "Les exportations ont baissé de moitié.", "en", "fr"),
    ("Les exportations ont baissé d'un quart.", "Die Exporte fielen um ein Viertel.", "fr", "de"),
    ("Die Hälfte der Mitarbeiter ging.", "Half of the staff left.", "de", "en"),
    ("Half of the staff left.", "50 % der Belegschaft ging.", "en", "de"),
    ("Exports fell by a third.", "Les exportations ont baissé de 33 %.", "en", "fr"),
])
def test_same_share_no_finding(src, tgt, sl, tl):
    assert findings(src, tgt, sl, tl) == []


def test_share_in_words_against_another_percent():
    assert kinds("Exports fell by a third.", "Les exportations ont baissé de 25 %.", "en", "fr") == [
        ("value", "major")]


def test_swapped_vote_is_flagged():
    assert kinds("The bill passed by 320 votes to 280.", "Le projet a été adopté par 280 voix contre 320.",
                 "en", "fr") == [("order", "major")]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The bill passed by 320 votes to 280.", "Le projet a été adopté par 320 voix contre 280.", "en", "fr"),
    ("The bill passed by 320 votes to 280.", "Das Gesetz wurde mit 320 zu 280 Stimmen angenommen.", "en", "de"),
    ("The team won by 3 goals to 1.", "Das Team gewann mit 3 zu 1 Toren.", "en", "de"),
    ("Die Stadt hat 320 Schulen und 280 Kitas.", "The town has 280 nurseries and 320 schools.", "de", "en"),
])
def test_vote_in_order_no_finding(src, tgt, sl, tl):
    assert findings(src, tgt, sl, tl) == []
