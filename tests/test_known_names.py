"""The known-names check: misspelt well-known names in target-only documents."""
from __future__ import annotations

from pathlib import Path

import pytest

from audit.checks import by_name
from audit.checks.known_names import KnownNamesCheck, gazetteer, match
from helpers import make_adoc, make_pair

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "sensetime" / "pairs.csv"


def _findings(sentences: list[str], lang: str):
    adoc = make_adoc(None, sentences, None, lang)
    fs = list(KnownNamesCheck().run(adoc))
    for f in fs:
        assert adoc.doc.target[f.target.start:f.target.end] == f.target.text
        assert f.check == "known-names" and f.category == "entity" and f.severity == "minor"
    return adoc, fs


def test_registered_and_target_only():
    assert [c.name for c in by_name(["known-names"])] == ["known-names"]
    assert KnownNamesCheck().applies_to(make_adoc(None, ["Laut Reuters steigt der Kurs."], None, "de"))
    assert not KnownNamesCheck().applies_to(make_pair("a", "b"))


def test_gazetteer_loads():
    gaz = gazetteer()
    assert len(gaz.exact) > 300 and gaz.fuzzy
    assert "wall street journal" in gaz.exact and "suddeutsche zeitung" in gaz.exact


def test_corpus_wall_steet_journal():
    from audit.load import load
    from audit.pipeline import align_document, segment_side

    doc = next(d for d in load(CORPUS) if d.id == "000")
    assert not doc.has_source
    adoc = align_document(doc, segment_side(doc, "source", False), segment_side(doc, "target", False))
    fs = list(KnownNamesCheck().run(adoc))
    assert [f.target.text for f in fs] == ["Wall Steet Journal"]
    f = fs[0]
    assert doc.target[f.target.start:f.target.end] == "Wall Steet Journal"
    assert f.message.startswith("Possible misspelling of a well-known name: 'Wall Steet Journal' "
                                "(known: 'Wall Street Journal')")


@pytest.mark.parametrize("lang, sentence, span, known", [
    ("en", "According to the Wall Steet Journal, the deal is done.", "Wall Steet Journal", "Wall Street Journal"),
    ("en", "Shares of Goldmann Sachs rose on Monday.", "Goldmann Sachs", "Goldman Sachs"),
    ("de", "Das berichtete die Frankfurter Allgemeine Zeitnug am Montag.", "Frankfurter Allgemeine Zeitnug",
     "Frankfurter Allgemeine Zeitung"),
    ("de", "Der Chipkonzern Qualcom investiert in das Startup.", "Qualcom", "Qualcomm"),
    ("fr", "Selon le Finacial Times, la banque a refusé.", "Finacial Times", "Financial Times"),
    ("fr", "Le groupe Alibbaba a investi dans la société.", "Alibbaba", "Alibaba"),
])
def test_true_misspelling(lang, sentence, span, known):
    adoc, fs = _findings(["Ein erster Satz." if lang == "de" else "A first line.", sentence], lang)
    assert [f.target.text for f in fs] == [span]
    f = fs[0]
    start = adoc.doc.target.index(span)
    assert (f.target.start, f.target.end) == (start, start + len(span))
    assert f"'{span}' (known: '{known}')" in f.message
    assert f.details["known"] == known


@pytest.mark.parametrize("lang, sentence", [
    ("de", "Das meldete die Zeitung unter Berufung auf Kreise des Wall Street Journals."),
    ("de", "Wie die Redaktion der Süddeutschen Zeitung berichtet, sinkt der Kurs."),
    ("de", "Der Bericht der Frankfurter Allgemeinen Zeitung wurde bestätigt."),
    ("de", "Die Aktie der Deutschen Bank fiel, auch andere Deutsche Banken verloren."),
    ("de", "Alibabas Anteil und Qualcomms Beteiligung wachsen."),
    ("en", "The Wall Street Journal's report cited Reuters and Bloomberg."),
    ("en", "The Financial Times, the New York Times and Goldman Sachs agreed."),
    ("fr", "Selon Les Echos et Le Monde, la Banque de France hésite."),
    ("fr", "D'après l'Agence France-Presse, le Wall Street Journal a raison."),
    ("de", "Die Preise steigen, meldet die Deutsche Presse-Agentur."),
])
def test_known_and_inflected_forms_do_not_fire(lang, sentence):
    assert _findings([sentence], lang)[1] == []


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Shares of Appel and Intal rose, said a Sony exec."),  # Apple, Intel: < 6 letters
    ("de", "Laut Reuter stieg die Aktie von Baidoo."),  # Reuter: a name of its own; Baidu short
    ("en", "The ticker GOOGL rose."),  # an all-caps ticker
    ("en", "He studied at the Massachusetts Institute for Technology."),  # a word swapped, no slip
])
def test_short_names_and_near_words_do_not_fire(lang, sentence):
    assert _findings([sentence], lang)[1] == []


def test_match_direct():
    assert match("Wall Steet Journal", "de") == ("Wall Street Journal", 1)
    assert match("Wall Street Journals", "de") is None
    assert match("Appel", "en") is None
    assert match("Blomberg", "en") == ("Bloomberg", 1)
