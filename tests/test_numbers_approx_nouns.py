"""Counting nouns read as numbers: "une vingtaine de" (about 20), "two dozen" (24)."""
import pytest

from audit.numbers.extract import extract


def _one(text, lang):
    qs = extract(text, lang)
    for q in qs:
        assert text[q.start:q.end] == q.text
    return [(q.text, q.value, q.qualifier) for q in qs]


@pytest.mark.parametrize("text,lang,want", [
    ("Carrefour pourrait fermer une vingtaine de magasins.", "fr", [("une vingtaine", 20, "about")]),
    ("Une centaine de personnes ont manifesté.", "fr", [("Une centaine", 100, "about")]),
    ("Un millier de personnes étaient là.", "fr", [("Un millier", 1000, "about")]),
    ("Il y avait une dizaine d'enfants.", "fr", [("une dizaine", 10, "about")]),
    ("une quinzaine de jours", "fr", [("une quinzaine", 15, "about")]),
    ("une quarantaine de cas", "fr", [("une quarantaine", 40, "about")]),
    ("deux centaines de personnes", "fr", [("deux centaines", 200, "about")]),
    ("une douzaine d'œufs", "fr", [("une douzaine", 12, None)]),
    ("plus de une vingtaine de morts", "fr", [("une vingtaine", 20, "more-than")]),
    ("a dozen eggs", "en", [("a dozen", 12, None)]),
    ("two dozen eggs", "en", [("two dozen", 24, None)]),
    ("ein Dutzend Häuser", "de", [("ein Dutzend", 12, None)]),
    ("zwei Dutzend Häuser", "de", [("zwei Dutzend", 24, None)]),
])
def test_counting_nouns(text, lang, want):
    assert _one(text, lang) == want


@pytest.mark.parametrize("text,lang", [
    ("Le navire a été mis en quarantaine.", "fr"),
    ("Des dizaines de manifestants ont été arrêtés.", "fr"),
    ("la quarantaine de personnes", "fr"),
    ("Dutzende Häuser", "de"),
    ("dozens of eggs", "en"),
])
def test_unread(text, lang):
    assert _one(text, lang) == []


def test_quarantine_of_days_is_not_forty():
    assert [q.value for q in extract("une quarantaine de 14 jours", "fr")] == [14]


def test_written_qualifier_wins():
    (q,) = extract("près d'un millier de personnes", "fr")
    assert (q.value, q.qualifier) == (1000, "about")  # "près d'" is no listed qualifier: the noun's
    (q,) = extract("presque une centaine de personnes", "fr")
    assert (q.value, q.qualifier) == (100, "nearly")


def test_currency_after_link():
    (q,) = extract("une vingtaine d'euros", "fr")
    assert (q.value, q.unit, q.role, q.qualifier) == (20, "EUR", "amount", "about")
