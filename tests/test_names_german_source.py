"""German as the source language: capitalised common nouns are not names.

German capitalises every noun.  Inflected nouns ("Ökosystems"), compounds
("Pionierarbeit", "Forschungsergebnisse") and nominalised adjectives
("Kriminellen") must not be reported as missing names, while real names in
German text (Alibaba, Peking, Xu Li, Qualcomm, Hongkong ...) are still found
and checked.
"""
from __future__ import annotations

import pytest
from helpers import make_pair

from audit.checks.entities import EntityCheck
from audit.sense.names import common_word, find_names

REPRO_DE = ("Die Forschungsergebnisse wurden in Bezug auf das Ökosystem veröffentlicht. "
            "Das Unternehmen leistet Pionierarbeit.")
REPRO_EN = ("The research results were published with regard to the ecosystem. "
            "The company is doing pioneering work.")
REPRO_FR = ("Les résultats de la recherche ont été publiés au sujet de l'écosystème. "
            "L'entreprise fait œuvre de pionnier.")


def entities(src, tgt, sl="de", tl="en"):
    return list(EntityCheck().run(make_pair(src, tgt, sl, tl)))


def names(text, lang="de"):
    return [n.text for n in find_names(text, lang, doc_text=text)]


@pytest.mark.parametrize("tl,tgt", [("en", REPRO_EN), ("fr", REPRO_FR)])
def test_repro_gives_no_entity_finding(tl, tgt):
    assert entities(REPRO_DE, tgt, "de", tl) == []
    assert names(REPRO_DE) == []


@pytest.mark.parametrize("word", [
    "Bezug", "Pionierarbeit",                         # listed noun; compound read by its tail
    "Forschungsergebnisse", "Forschungsergebnissen",  # compound + inflection
    "Ökosystems", "Gebäuden", "Bildern", "Bürgern", "Rückschlägen", "Geräten",  # inflection
    "Chipherstellers", "Fahrergesichter", "Finanzmitteln", "Datenschutzprobleme",
    "Gesichtserkennungsunternehmen", "Einkaufstheken", "Vorbericht",
    "Kriminellen",                                    # nominalised adjective
])
def test_common_nouns_in_running_text_are_not_names(word):
    text = f"Wir sprachen gestern mit {word} in der Stadt."
    assert names(text) == []
    assert common_word(word, "de") > 0


@pytest.mark.parametrize("word", [
    "Alibaba", "Qualcomm", "Temasek", "Bloomberg", "Megvii", "Foxconn", "Reuters", "Tencent",
    "Siemens", "Einstein", "Frankenstein", "Ingolstadt", "Saarbrücken",
])
def test_names_are_not_read_as_common_nouns(word):
    assert common_word(word, "de") == 0
    assert names(f"Wir sprachen gestern mit {word} in der Stadt.") == [word]


def test_real_names_in_german_source_are_still_found():
    assert names("Der Konzern Alibaba investierte in Peking.") == ["Alibaba", "Peking"]
    text = ("Forschungsleiter Xu Li sagte in Shanghai, SenseTime arbeite mit Qualcomm zusammen. "
            "Das Büro in Hongkong wächst, sagte Xu Li.")
    found = names(text)
    for name in ("Shanghai", "SenseTime", "Qualcomm", "Hongkong", "Xu Li"):
        assert name in found, (name, found)


def test_missing_real_name_is_still_reported_with_german_source():
    out = entities("Der Konzern Alibaba investierte mit Temasek in Peking in Pionierarbeit.",
                   "The group Alibaba invested in Beijing in pioneering work.")
    assert [f.source.text for f in out] == ["Temasek"]
    assert out[0].details["kind"] == "missing"


def test_a_noun_inside_a_multi_word_name_still_counts():
    # "Tiger" is a German noun, "Fischer" too: inside a run of names they stay
    found = {n.text: [p[2] for p in n.parts] for n in find_names(
        "Die Investoren Tiger Global und Joschka Fischer sprachen. Später schwieg Fischer.", "de",
        doc_text="Die Investoren Tiger Global und Joschka Fischer sprachen. Später schwieg Fischer.")}
    assert found["Tiger Global"] == ["Global"]  # a leading noun is not checked on its own
    assert found["Joschka Fischer"] == ["Joschka", "Fischer"]
    assert "Fischer" in found  # alone, because the document names "Joschka Fischer"


def test_a_leading_title_is_not_checked_on_its_own():
    assert entities("Laut Forschungsleiter Xu Li wächst SenseTime.",
                    "According to its chief executive Xu Li, SenseTime is growing.") == []


def test_exonym_next_to_a_common_noun_keeps_only_the_exonym():
    assert names("Wir bauten am 19. Juli Lager und Zelte auf.") == ["Juli"]


def test_german_target_is_unchanged():
    # strict target reading does not depend on the noun lexicon
    assert entities("SenseTime opened an office in Beijing, Qualcomm's partner said.",
                    "SenseTime eröffnete ein Büro in Peking, sagte der Partner Qualcomms.",
                    "en", "de") == []
