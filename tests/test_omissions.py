"""Omissions and additions, with page furniture at most minor."""
from __future__ import annotations

from helpers import make_adoc

from audit.checks.omissions import OmissionCheck
from audit.sense.cues import is_furniture


def run(adoc):
    return list(OmissionCheck().run(adoc))


def test_unaligned_source_sentence_is_major_omission():
    ad = make_adoc(["SenseTime raised $600 million.", "Temasek and Suning joined the round led by Alibaba."],
                   ["SenseTime sammelte 600 Millionen Dollar."], pairs=[((0,), (0,)), ((1,), ())])
    out = run(ad)
    assert len(out) == 1 and out[0].category == "omission" and out[0].severity == "major"
    assert out[0].source.text == "Temasek and Suning joined the round led by Alibaba."
    assert out[0].target is None


def test_furniture_addition_is_minor():
    ad = make_adoc(["SenseTime raised $600 million."],
                   ["SenseTime sammelte 600 Millionen Dollar.", "Bitte teilen Sie diese Geschichte!"],
                   pairs=[((0,), (0,)), ((), (1,))])
    ad.pairs[1].furniture = True
    out = run(ad)
    assert len(out) == 1 and out[0].category == "addition" and out[0].severity == "minor"


def test_real_addition_is_major():
    ad = make_adoc(["SenseTime raised $600 million."],
                   ["SenseTime sammelte 600 Millionen Dollar.", "Der Umsatz von Megvii stieg 2017 um 40 Prozent."],
                   pairs=[((0,), (0,)), ((), (1,))])
    out = run(ad)
    assert out[0].category == "addition" and out[0].severity == "major"


def test_dropped_subject_clause():
    src = ["SenseTime's fundraising comes as China's government pushes to lead in AI by 2025.",
           "The U.S., which was accused by the chairman of Alphabet Inc. (GOOGL) of not investing enough, "
           "is currently the biggest AI market."]
    tgt = ["Die Spendenaktion von SenseTime findet statt, während die chinesische Regierung bis 2025 in KI "
           "führen will Ist derzeit der größte KI-Markt."]
    ad = make_adoc(src, tgt, pairs=[((0, 1), (0,))])
    out = run(ad)
    assert out and out[0].severity == "major" and out[0].details["subject"]
    assert out[0].source.text.startswith("The U.S., which")
    assert out[0].target.text == "Ist derzeit der größte KI-Markt"
    assert ad.doc.target[out[0].target.start:out[0].target.end] == out[0].target.text


def test_relative_clause_with_names_dropped():
    ad = make_adoc(["Volkswagen never paid the fine that the court in Munich imposed in 2019."],
                   ["Volkswagen zahlte die Strafe nie."])
    out = run(ad)
    assert out and "Munich" in out[0].message and out[0].severity == "major"


def test_faithful_pair_has_no_omission():
    ad = make_adoc(["Michelin, which employs 9,000 people in Clermont-Ferrand, reported a loss."],
                   ["Michelin, qui emploie 9 000 personnes à Clermont-Ferrand, a annoncé une perte."],
                   "en", "fr")
    assert run(ad) == []


def test_is_furniture_en_de_fr():
    yes = [("Please share this story!", "en"), ("Read the full story here…", "en"), ("0 Comments", "en"),
           ("Leave a Reply", "en"), ("View all comments", "en"), ("Lesen Sie die ganze Geschichte hier…", "de"),
           ("Kommentar schreiben", "de"), ("Wikipedia Commons", "de"), ("Crédits : SenseTime", "fr"),
           ("Laisser un commentaire", "fr"), ("Lire la suite", "fr"), ("Credits : SenseTime", "en")]
    no = [("SenseTime raised $600 million.", "en"), ("Die Bürger sagen Nein.", "de"),
          ("Alibaba a mené le tour de table.", "fr")]
    assert all(is_furniture(t, lang) for t, lang in yes)
    assert not any(is_furniture(t, lang) for t, lang in no)
