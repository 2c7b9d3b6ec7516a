"""Fractions, sub-units and fused decimal words: read in en, de and fr with exact offsets."""
from __future__ import annotations

import pytest

from audit.checks.numbers import NumberCheck
from audit.numbers.extract import extract
from helpers import make_pair


@pytest.mark.parametrize("text,lang,span,value,unit", [
    # fraction words after a spelled numerator
    ("Es waren drei Zehntel.", "de", "drei Zehntel", 0.3, None),
    ("nur fünf Hundertstel davon", "de", "fünf Hundertstel", 0.05, None),
    ("etwa ein Viertel der Fläche", "de", "ein Viertel", 0.25, None),
    ("zwei Drittel der Befragten", "de", "zwei Drittel", 2 / 3, None),
    ("siebenundsiebzig Tausendstel", "de", "siebenundsiebzig Tausendstel", 0.077, None),
    ("a rise of three tenths of a point", "en", "three tenths", 0.3, None),
    ("two thirds of the staff", "en", "two thirds", 2 / 3, None),
    ("one third of the budget", "en", "one third", 1 / 3, None),
    ("three quarters of the vote", "en", "three quarters", 0.75, None),
    ("trois dixièmes de point", "fr", "trois dixièmes", 0.3, None),
    ("les deux tiers des votants", "fr", "deux tiers", 2 / 3, None),
    ("un quart du budget", "fr", "un quart", 0.25, None),
    # a whole and its fraction
    ("bei zwölf und drei Zehntel Prozent", "de", "zwölf und drei Zehntel Prozent", 12.3, "%"),
    ("dreißig und ein Viertel", "de", "dreißig und ein Viertel", 30.25, None),
    ("twelve and three tenths", "en", "twelve and three tenths", 12.3, None),
    ("douze et trois dixièmes", "fr", "douze et trois dixièmes", 12.3, None),
    ("two and a half million people", "en", "two and a half million", 2.5e6, None),
    ("one and a half", "en", "one and a half", 1.5, None),
    ("deux millions et demi d'habitants", "fr", "deux millions et demi", 2.5e6, None),
    ("anderthalb Millionen", "de", "anderthalb Millionen", 1.5e6, None),
    ("eine halbe Million", "de", "eine halbe Million", 5e5, None),
    # money split into units and cents
    ("Es kostet 12 Euro 50 Cent.", "de", "12 Euro 50 Cent", 12.5, "EUR"),
    ("Es kostet 12 Euro 50.", "de", "12 Euro 50", 12.5, "EUR"),
    ("fünfundachtzig Euro und sechzig Cent", "de", "fünfundachtzig Euro und sechzig Cent", 85.6, "EUR"),
    ("1,5 Mio. 50 Cent", "de", "1,5 Mio. 50 Cent", 1_500_000.5, None),
    ("350 Tsd. 50 ct.", "de", "350 Tsd. 50 ct.", 350_000.5, None),
    ("it costs 12 dollars and 50 cents", "en", "12 dollars and 50 cents", 12.5, "USD"),
    ("it costs $12 and 50 cents", "en", "$12 and 50 cents", 12.5, "USD"),
    ("ça coûte 12 euros 50.", "fr", "12 euros 50", 12.5, "EUR"),
    ("ça coûte 12 euros et 50 centimes", "fr", "12 euros et 50 centimes", 12.5, "EUR"),
    # a decimal word written together with its numbers
    ("bei sechskommaacht Prozent", "de", "sechskommaacht Prozent", 6.8, "%"),
    ("sieben Kommaacht", "de", "sieben Kommaacht", 7.8, None),
    ("sechskomma vier", "de", "sechskomma vier", 6.4, None),
    ("einskommasiebenunddreißig", "de", "einskommasiebenunddreißig", 1.37, None),
])
def test_parts_are_read(text, lang, span, value, unit):
    qs = extract(text, lang)
    assert len(qs) == 1, [q.text for q in qs]
    q = qs[0]
    assert q.text == span
    assert (q.start, q.end) == (text.index(span), text.index(span) + len(span))
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize("text,lang,read", [
    ("the third round", "en", [("third", 3, "ordinal")]),  # an ordinal, no fraction
    ("twenty-third", "en", [("twenty", 20, "count"), ("third", 3, "ordinal")]),
    ("in three quarters", "en", [("three", 3, "count")]),  # fiscal quarters
    ("two third", "en", [("two", 2, "count"), ("third", 3, "ordinal")]),
    ("le cinquième tour", "fr", [("cinquième", 5, "ordinal")]),
    ("12 euros 50 personnes", "fr", [("12 euros", 12, "amount"), ("50", 50, "count")]),
    ("12 Euro 50 Menschen", "de", [("12 Euro", 12, "amount"), ("50", 50, "count")]),
    ("fünfzig 7 Cent", "de", [("fünfzig", 50, "count"), ("7", 7, "count")]),  # the whole is no money
    ("Kommandant", "de", []),
    ("Kommaacht", "de", []),  # no whole part next to it
    ("zweikomma", "de", []),
    ("dreißig zwei Hundertstel", "de", [("dreißig zwei", 32, "count")]),  # no German numerator
])
def test_look_alikes_are_left_alone(text, lang, read):
    assert [(q.text, q.value, q.role) for q in extract(text, lang)] == read


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("It grew by three tenths of a point.", "Es wuchs um drei Zehntel Punkte.", "en", "de"),
    ("It costs 12.50 euros.", "Es kostet 12 Euro 50 Cent.", "en", "de"),
    ("It costs €12.50.", "Ça coûte 12 euros 50.", "en", "fr"),
    ("Two thirds of the staff agreed.", "Zwei Drittel der Belegschaft stimmten zu.", "en", "de"),
    ("Les deux tiers des votants.", "Two thirds of the voters.", "fr", "en"),
    ("The rate was 6.8 percent.", "Die Quote lag bei sechskommaacht Prozent.", "en", "de"),
    ("About 2.5 million people live there.", "Rund zweieinhalb Millionen Menschen leben dort.", "en", "de"),
    ("About two and a half million people.", "Environ deux millions et demi de personnes.", "en", "fr"),
])
def test_renderings_compare_equal(src, tgt, sl, tl):
    assert list(NumberCheck().run(make_pair(src, tgt, sl, tl))) == []


def test_a_wrong_fraction_is_flagged():
    fs = list(NumberCheck().run(make_pair("It grew by 9.99 percent.", "Es wuchs um neunundneunzig Hundertstel Prozent.")))
    assert [f.details["kind"] for f in fs] == ["value"]
    assert "0.99" in fs[0].message
