"""Entity check on correct translations: titles, months, German common nouns
and adjective declension inside a multi-word name give no finding, while a
real name that is changed or dropped still does."""
from __future__ import annotations

import pytest
from helpers import make_pair

from audit.checks.entities import EntityCheck
from audit.sense.names import find_names, locate

PM = {"fr": "Le Premier ministre a démissionné.",
      "en": "The Prime Minister resigned.",
      "de": "Der Premierminister ist zurückgetreten."}
SUNAK = {"en": "On Monday, Prime Minister Rishi Sunak visited a new factory in Berlin.",
         "de": "Am Montag besuchte Premierminister Rishi Sunak eine neue Fabrik in Berlin.",
         "fr": "Lundi, le Premier ministre Rishi Sunak a visité une nouvelle usine à Berlin."}
SCHOLZ = {"en": "On Monday, Chancellor Olaf Scholz met President Emmanuel Macron.",
          "de": "Am Montag traf Bundeskanzler Olaf Scholz Präsident Emmanuel Macron.",
          "fr": "Lundi, le chancelier Olaf Scholz a rencontré le président Emmanuel Macron."}
QUARTER = {"de": "Im dritten Quartal stieg der Umsatz. Der Chef sprach mit Gewerkschaftern.",
           "en": "In the third quarter, sales rose. The boss spoke with trade unionists.",
           "fr": "Au troisième trimestre, le chiffre d'affaires a augmenté. Le chef a parlé avec des syndicalistes."}
BARREL = {"de": "Im März kostete ein Barrel Öl 80 Dollar, sagte die Zentralbank. Zentralbank und Regierung schwiegen.",
          "en": "In March a barrel of oil cost 80 dollars, the central bank said. The central bank and the government were silent.",
          "fr": "En mars, un baril de pétrole coûtait 80 dollars, a déclaré la banque centrale. La banque centrale et le gouvernement se sont tus."}
DB = {"fr": "L'action de la Deutsche Bank a chuté.",
      "de": "Die Aktien der Deutschen Bank fielen.",
      "en": "Shares of Deutsche Bank fell."}


def entities(src, tgt, sl, tl):
    return [f.message for f in EntityCheck().run(make_pair(src, tgt, sl, tl))]


def pairs(texts):
    return [(a, b) for a in texts for b in texts if a != b]


@pytest.mark.parametrize("texts", [PM, SUNAK, SCHOLZ, QUARTER, BARREL, DB],
                         ids=["pm", "sunak", "scholz", "quarter", "barrel", "deutsche-bank"])
def test_correct_translations_are_clean(texts):
    for sl, tl in pairs(texts):
        assert entities(texts[sl], texts[tl], sl, tl) == [], (sl, tl)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "On Monday, Prime Minister Rishi Sunak resigned from his office.", ["Rishi Sunak"]),
    ("de", "Am Montag trat Premierminister Rishi Sunak zurück.", ["Rishi Sunak"]),
    ("fr", "Lundi, le Premier ministre Rishi Sunak a démissionné.", ["Rishi Sunak"]),
    ("fr", "Le Premier ministre a démissionné.", []),
    ("en", "He met the President and the CEO on Friday.", []),
    ("de", "Der Chef kam im März.", []),
    ("en", "It rose in March, and again in July.", []),
    ("en", "Shares of General Motors rose.", ["General Motors"]),   # not a title there
])
def test_titles_and_months_are_not_names(lang, text, expected):
    assert [n.text for n in find_names(text, lang, doc_text=text)] == expected


def test_month_inside_a_name_still_counts():
    text = "Yesterday the band April Wine played in a small hall."
    assert "April Wine" in [n.text for n in find_names(text, "en", doc_text=text)]


@pytest.mark.parametrize("form,text,tl,sl", [
    ("Deutsche Bank", "Die Aktien der Deutschen Bank fielen.", "de", "fr"),
    ("Deutsche Bank", "Ein Deutscher Bank-Kunde.", "de", "en"),
    ("Deutschen Bank", "Shares of Deutsche Bank fell.", "en", "de"),
])
def test_adjective_declension_inside_a_name(form, text, tl, sl):
    hit = locate(form, text, tl, [(0, len(text))], sl)
    assert hit is not None and hit.how in ("exact", "declension")


def test_real_name_changes_are_still_reported():
    msgs = entities(SUNAK["en"], "Am Montag besuchte Premierminister Boris Johnson eine neue Fabrik in Berlin.", "en", "de")
    assert any("Rishi Sunak" in m for m in msgs)
    msgs = entities(DB["fr"], "Die Aktien der Commerzbank fielen.", "fr", "de")
    assert any("Deutsche Bank" in m for m in msgs)
    msgs = entities("Lundi, le Premier ministre Rishi Sunak a démissionné.", "On Monday, the Prime Minister resigned.", "fr", "en")
    assert any("Name missing" in m and "Rishi Sunak" in m for m in msgs)
    assert not any("Premier" in m for m in msgs)
