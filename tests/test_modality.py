"""Hedges dropped (hardened into facts) or added."""
from __future__ import annotations

from helpers import make_adoc, make_pair

from audit.checks.modality import ModalityCheck
from audit.checks.numbers import NumberCheck
from audit.sense.cues import find_cues


def run(src, tgt, sl="en", tl="de"):
    return list(ModalityCheck().run(make_pair(src, tgt, sl, tl)))


def numbers(src, tgt, sl="en", tl="de"):
    return list(NumberCheck().run(make_pair(src, tgt, sl, tl)))


def test_hardened_hedge_is_major():
    src = "The fund was expected to raise up to $2 billion."
    tgt = "Der Fonds sammelte 2 Milliarden Dollar."
    out = run(src, tgt)
    assert out and all(f.category == "modality" for f in out)
    assert out[0].severity == "major"
    # "up to" qualifies the figure: the numbers check reports it, once
    assert {f.source.text for f in out} == {"was expected to"}
    assert out[0].target.text == tgt
    assert [(f.details["kind"], f.severity) for f in numbers(src, tgt)] == [("qualifier", "major")]


def test_close_to_raising_became_collected():
    src = ("In the past week, Chinese facial recognition companies were, according to two reports, "
           "close to raising as much as $1.6 billion.")
    tgt = ("In der vergangenen Woche haben chinesische Unternehmen für Gesichtserkennung Berichten zufolge "
           "beinahe 1.6 Milliarden US-Dollar gesammelt.")
    out = run(src, tgt)
    assert [f.source.text for f in out] == ["close to"]
    assert out[0].severity == "major"


def test_kept_hedges_are_not_findings():
    assert run("SenseTime is now likely to be valued at more than $3 billion.",
               "SenseTime dürfte jetzt mehr als 3 Milliarden Dollar wert sein.") == []
    assert run("Selon Bloomberg, Alibaba aurait investi près de 600 millions de dollars.",
               "According to Bloomberg, Alibaba reportedly invested nearly $600 million.", "fr", "en") == []
    assert run("Berichten zufolge will Daimler bis zu 10.000 Stellen abbauen.",
               "Daimler reportedly wants to cut up to 10,000 jobs.", "de", "en") == []


def test_approximation_replaced_by_bound():
    src, tgt = ("Des collaborations avec près de 400 municipalités sont prévues.",
                "The company plans to work with more than 400 municipalities.")
    assert run(src, tgt, "fr", "en") == []  # a qualifier of a figure: the numbers check's
    out = numbers(src, tgt, "fr", "en")
    assert len(out) == 1 and out[0].source.text == "près de 400" and out[0].severity == "major"


def test_qualifier_hedges_still_pair_with_hedges():
    # "une vingtaine" (no figure) and "etwa zwanzig" (a qualified figure) are the same approximation
    assert run("Carrefour pourrait fermer une vingtaine de magasins.",
               "Carrefour könnte etwa zwanzig Geschäfte schließen.", "fr", "de") == []
    out = run("Nearly 400 cities use it.", "400 Städte nutzen sie.")
    assert out == []
    assert [f.details["kind"] for f in numbers("Nearly 400 cities use it.", "400 Städte nutzen sie.")] == ["qualifier"]


def test_added_hedge_is_minor():
    out = run("SenseTime raised $600 million.", "SenseTime könnte 600 Millionen Dollar gesammelt haben.")
    assert len(out) == 1 and out[0].severity == "minor" and out[0].details["direction"] == "added"


def test_low_confidence_downgrades():
    ad = make_pair("The fund was expected to raise $2 billion.", "Der Fonds sammelte 2 Milliarden Dollar.")
    ad.pairs[0].low_confidence = True
    assert all(f.severity == "minor" for f in ModalityCheck().run(ad))


def test_may_the_month_is_not_a_hedge():
    assert [c.text for c in find_cues("As recently as May it was valued at $4.5 billion.", "en", "hedge")] == []


def test_dropped_clause_hedges_left_to_omissions():
    ad = make_adoc(["The U.S., which Alphabet Inc. (GOOGL) said would lose ground, is the biggest AI market."],
                   ["Ist der größte KI-Markt."])
    assert list(ModalityCheck().run(ad)) == []
