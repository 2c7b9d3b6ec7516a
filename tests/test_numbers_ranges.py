"""Ranges and coordinations that share one magnitude word ("from 5 to 8
million", "zwischen 5 und 8 Millionen", "5 ou 6 millions"), and clauses whose
figure was changed rather than dropped (no omission finding for them)."""
from __future__ import annotations

import pytest

from helpers import make_pair

from audit.checks.numbers import NumberCheck
from audit.checks.omissions import OmissionCheck
from audit.numbers.extract import extract


def numbers(src, tgt, sl="en", tl="de"):
    return list(NumberCheck().run(make_pair(src, tgt, sl, tl)))


def omissions(src, tgt, sl="en", tl="de"):
    return list(OmissionCheck().run(make_pair(src, tgt, sl, tl)))


@pytest.mark.parametrize("text,lang,values", [
    ("from 5 to 8 million units", "en", [5e6, 8e6]),
    ("between 5 and 8 billion", "en", [5e9, 8e9]),
    ("5 or 6 million", "en", [5e6, 6e6]),
    ("5-8 million", "en", [5e6, 8e6]),
    ("von 5 auf 8 Millionen Einheiten", "de", [5e6, 8e6]),
    ("von 5 bis 8 Millionen", "de", [5e6, 8e6]),
    ("zwischen 5 und 8 Millionen", "de", [5e6, 8e6]),
    ("5 bis 8 Millionen", "de", [5e6, 8e6]),
    ("5 oder 6 Millionen", "de", [5e6, 6e6]),
    ("de 5 à 8 millions", "fr", [5e6, 8e6]),
    ("entre 5 et 8 millions", "fr", [5e6, 8e6]),
    ("5 à 8 millions", "fr", [5e6, 8e6]),
    ("5 ou 6 millions", "fr", [5e6, 6e6]),
    # the first figure has its own magnitude: nothing to share
    ("von 5 Tausend auf 8 Millionen", "de", [5e3, 8e6]),
])
def test_range_shares_the_magnitude(text, lang, values):
    assert [q.value for q in extract(text, lang)] == values


def test_range_words_are_per_language():
    # "auf" joins a range in German, not in English or French text
    assert [q.value for q in extract("5 auf 8 million", "en")] == [5, 8e6]
    assert [q.value for q in extract("5 auf 8 millions", "fr")] == [5, 8e6]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Sales grew from 5 to 8 million units.", "Der Absatz stieg von 5 auf 8 Millionen Einheiten.", "en", "de"),
    ("Sales grew from 5 to 8 million units.", "Der Absatz stieg von 5 bis 8 Millionen Einheiten.", "en", "de"),
    ("Sales were between 5 and 8 million.", "Der Absatz lag zwischen 5 und 8 Millionen.", "en", "de"),
    ("Sales were 5 or 6 million units.", "Der Absatz betrug 5 oder 6 Millionen Einheiten.", "en", "de"),
    ("Sales were 5-8 million units.", "Der Absatz betrug 5 bis 8 Millionen Einheiten.", "en", "de"),
    ("Costs were between 5 and 8 billion dollars.", "Die Kosten lagen zwischen 5 und 8 Milliarden Dollar.",
     "en", "de"),
    ("Sales grew from 5 to 8 million units.", "Les ventes sont passées de 5 à 8 millions d'unités.", "en", "fr"),
    ("Sales were between 5 and 8 million.", "Les ventes se situaient entre 5 et 8 millions.", "en", "fr"),
    ("Sales were 5 or 6 million units.", "Les ventes étaient de 5 ou 6 millions d'unités.", "en", "fr"),
    ("Der Absatz stieg von 5 auf 8 Millionen Einheiten.", "Sales grew from 5 to 8 million units.", "de", "en"),
    ("Der Absatz betrug 5 oder 6 Millionen Einheiten.", "Sales were 5 or 6 million units.", "de", "en"),
    ("Les ventes sont passées de 5 à 8 millions d'unités.", "Sales grew from 5 to 8 million units.", "fr", "en"),
    ("Les ventes se situaient entre 5 et 8 millions.", "Sales were between 5 and 8 million.", "fr", "en"),
])
def test_faithful_ranges_are_silent(src, tgt, sl, tl):
    assert numbers(src, tgt, sl, tl) == []


def test_wrong_magnitude_word_of_a_range_is_one_finding():
    out = numbers("Sales grew from 5 to 8 million units.", "Der Absatz stieg von 5 auf 8 Milliarden Einheiten.")
    assert len(out) == 1
    f = out[0]
    assert f.details["kind"] == "magnitude" and f.severity == "major"
    assert [q["value"] for q in f.details["source_values"]] == [5e6, 8e6]
    assert [q["value"] for q in f.details["target_values"]] == [5e9, 8e9]
    assert "8 Milliarden" in f.message and "1,000 times larger" in f.message
    assert f.target.text == "5 auf 8 Milliarden"


def test_first_figure_with_its_own_magnitude_keeps_it():
    out = numbers("Sales grew from 5 to 8 million units.", "Der Absatz stieg von 5 Tausend auf 8 Millionen Einheiten.")
    assert len(out) == 1 and out[0].details["kind"] == "magnitude"
    assert out[0].details["source_values"][0]["value"] == 5e6
    assert out[0].details["target_values"][0]["value"] == 5e3


def test_changed_year_is_no_omission():
    src = "The company, founded in 2014, employs 3,000 people."
    tgt = "Das 2015 gegründete Unternehmen beschäftigt 3.000 Mitarbeiter."
    assert omissions(src, tgt) == []
    out = numbers(src, tgt)
    assert len(out) == 1 and out[0].details["kind"] == "value"


def test_dropped_clause_with_its_year_is_still_an_omission():
    out = omissions("The company, founded in 2014, employs 3,000 people.",
                    "Das Unternehmen beschäftigt 3.000 Mitarbeiter.")
    assert out and out[0].category == "omission" and "2014" in out[0].message


def test_changed_figure_does_not_hide_a_lost_name():
    # the year is changed (reported by the numbers check), but Munich is lost
    out = omissions("Volkswagen never paid the fine that the court in Munich imposed in 2019.",
                    "Volkswagen zahlte die Strafe von 2018 nie.")
    assert out and "Munich" in out[0].message and "2019" not in out[0].details["missing"]


@pytest.mark.parametrize("text,lang", [
    ("Der Umsatz stieg 2019 auf 3 Millionen Euro.", "de"),
    ("Revenue rose in 2019 to 3 million euros.", "en"),
    ("Le chiffre d'affaires a progressé en 2019 à 3 millions d'euros.", "fr"),
])
def test_a_year_before_the_amount_it_reached_is_no_range(text, lang):
    qs = extract(text, lang)
    assert qs[0].role == "year" and qs[0].value == 2019


def test_year_sized_figures_still_form_a_range():
    assert [q.value for q in extract("between 1500 and 2000 million dollars", "en")] == [1.5e9, 2e9]
