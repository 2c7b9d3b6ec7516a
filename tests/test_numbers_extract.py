"""Quantity extraction: values, roles, currencies, qualifiers, offsets."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.numbers.extract import extract


def one(text, lang):
    qs = extract(text, lang)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


@pytest.mark.parametrize("text,lang,value,unit,span", [
    ("raised $600m from", "en", 600e6, "USD", "$600m"),
    ("got $410million in", "en", 410e6, "USD", "$410million"),
    ("worth £400m", "en", 400e6, "GBP", "£400m"),
    ("worth $4.5bn.", "en", 4.5e9, "USD", "$4.5bn"),
    ("150 billion yuan", "en", 150e9, "CNY", "150 billion yuan"),
    ("eine Investition von 600 Mio. USD in", "de", 600e6, "USD", "600 Mio. USD"),
    ("weitere 600 Millionen US-Dollar von", "de", 600e6, "USD", "600 Millionen US-Dollar"),
    ("rund 4,5 Milliarden Euro", "de", 4.5e9, "EUR", "4,5 Milliarden Euro"),
    ("de 600 millions de dollars pour", "fr", 600e6, "USD", "600 millions de dollars"),
    ("Der 100-Milliarden-Dollar-Vision-Fonds", "de", 100e9, "USD", "100-Milliarden-Dollar"),
    ("einem 1-Milliarden-Dollar-Anteil", "de", 1e9, "USD", "1-Milliarden-Dollar"),
    ("8 Billionen", "de", 8e12, None, "8 Billionen"),
    ("3 billions d'euros", "fr", 3e12, "EUR", "3 billions d'euros"),
    ("un milliard", "fr", 1e9, None, "un milliard"),
    ("1 500,5 €", "fr", 1500.5, "EUR", "1 500,5 €"),
    ("1\u202f500,5", "fr", 1500.5, None, "1\u202f500,5"),
    ("1,500.5", "en", 1500.5, None, "1,500.5"),
    ("1.500,5", "de", 1500.5, None, "1.500,5"),
    ("sieben Mio.", "de", 7e6, None, "sieben Mio."),
    ("sechs Millionen siebenhundertneunundachtzigtausendvierhundertzweiunddreißig komma zehn", "de",
     6789432.1, None, None),
])
def test_amounts(text, lang, value, unit, span):
    q = one(text, lang)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert text[q.start:q.end] == q.text
    if span:
        assert q.text == span


def test_broken_formats_are_read_and_marked():
    q = one("von 4, 5 Milliarden US-Dollar", "de")
    assert q.value == pytest.approx(4.5e9) and q.details["issues"][0][0] == "split-decimal"
    q = one("4.5 Mrd. USD", "de")
    assert q.value == pytest.approx(4.5e9) and q.details["issues"][0][0] == "foreign-decimal"
    q = one("7, 2 Prozent", "de")
    assert q.role == "percent" and q.value == pytest.approx(7.2)
    q = one("from 2.500 staff", "en")
    assert q.value == 2.5 and q.details["alt_values"] == [2500]


def test_roles_and_spelled_numbers():
    assert one("in 2017 it", "en").role == "year"
    assert one("the second round", "en").role == "ordinal"
    assert one("seiner zweiten Finanzierungsrunde", "de").value == 2
    q = one("the three-year-old startup", "en")
    assert (q.value, q.unit) == (3, "year")
    q = one("das dreijährige Start-up", "de")
    assert (q.value, q.unit, q.text) == (3, "year", "dreijährige")
    assert one("quatre-vingt-dix-sept", "fr").value == 97
    assert one("vingt et un", "fr").value == 21
    assert one("one hundred and five", "en").value == 105
    assert one("neunzehnhundertsiebenundneunzig", "de").value == 1997
    assert one("dreieinhalb", "de").value == 3.5
    assert one("le 1er juin", "fr").role == "date"
    assert one("am 1. Juni", "de").role == "date"
    for lang, words in (("en", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                "fifteen sixteen seventeen eighteen nineteen twenty"),
                        ("de", "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
                               "fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig"),
                        ("fr", "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
                               "quinze seize dix-sept dix-huit dix-neuf vingt")):
        for n, w in enumerate(words.split(), 1):
            qs = extract(f"x {w} y", lang)
            if w in ("one", "un", "neuf"):
                continue  # articles / "new": only with a magnitude
            assert [q.value for q in qs] == [n], (lang, w)


def test_articles_are_not_numbers():
    assert extract("one of the biggest", "en") == []
    assert extract("einer der größten", "de") == []
    assert extract("une startup", "fr") == []


@pytest.mark.parametrize("text,lang,qual", [
    ("about 90 people", "en", "about"), ("über 90 Menschen", "de", "more-than"),
    ("près de 400 municipalités", "fr", "nearly"), ("more than 300", "en", "more-than"),
    ("bis zu 5 Mio.", "de", "up-to"), ("moins de 12", "fr", "less-than"), ("ca. 12", "de", "about"),
    ("as much as $1.6 billion", "en", "up-to"), ("beinahe 1.6 Milliarden", "de", "nearly"),
])
def test_qualifiers(text, lang, qual):
    assert one(text, lang).qualifier == qual


def test_year_standing_for_amount_is_visible():
    q = one("erhielt $ 2017million", "de")
    assert q.role == "amount" and q.details["number"] == 2017


def test_start_end_window():
    text = "A 12 B 34 C"
    qs = extract(text, "en", 4, len(text))
    assert [q.text for q in qs] == ["34"]


_ALPHABET = st.sampled_from(list("0123456789 .,-$€£%'\u00a0\u202f\u00adabcmnMioMrdkKTtzwe") + [
    "Milliarden", "million", "bn", " Mio.", "zwanzig", "und", "drei", "komma", "vingt", "-", "et", "quatre",
    "USD", "Prozent", "über", "près de", "1.", "Juni", "jährige", "-year-old", "hundert", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join), st.sampled_from(["en", "de", "fr"]))
def test_never_raises_and_spans_verify(text, lang):
    for q in extract(text, lang):
        assert text[q.start:q.end] == q.text
        assert 0 <= q.start < q.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["en", "de", "fr"]))
def test_arbitrary_text(text, lang):
    for q in extract(text, lang):
        assert text[q.start:q.end] == q.text


def test_space_grouped_figure_before_a_split_decimal_does_not_raise():
    text = "5\u00a04, 5 Milliarden"
    for q in extract(text, "de"):
        assert text[q.start:q.end] == q.text


def test_endless_figures_do_not_raise():
    for lang in ("en", "de", "fr"):
        for text in ("Am " + "9" * 400 + ". Mai", "$" + "1" * 320 + "m", "9" * 330 + ",5 Prozent"):
            for q in extract(text, lang):
                assert text[q.start:q.end] == q.text
