"""The names check: missing, changed, misspelled, target-only; exonyms and declension."""
from __future__ import annotations

from helpers import make_adoc, make_pair

from audit.checks.entities import EntityCheck
from audit.sense.names import find_names, locate


def run(src, tgt, sl="en", tl="de"):
    return list(EntityCheck().run(make_pair(src, tgt, sl, tl)))


def _spans_ok(adoc, findings):
    for f in findings:
        if f.source:
            assert adoc.doc.source[f.source.start:f.source.end] == f.source.text
        if f.target:
            assert adoc.doc.target[f.target.start:f.target.end] == f.target.text


def test_faithful_with_exonyms_and_declension():
    assert run("SenseTime opened an office in Beijing, Qualcomm's partner said.",
               "SenseTime eröffnete ein Büro in Peking, sagte der Partner Qualcomms.") == []
    assert run("Alibaba's investment in the U.S. and in Singapore grew.",
               "Les investissements d'Alibaba aux États-Unis et à Singapour ont augmenté.", "en", "fr") == []
    assert run("SenseTime a levé des fonds à Pékin.", "SenseTime raised funds in Beijing.", "fr", "en") == []
    assert run("The S&P Global index and R&D spending rose.",
               "Der Index von S & P Global und die F&E-Ausgaben stiegen.") == []


def test_missing_name_is_major_with_both_spans():
    ad = make_pair("The fund is backed by Temasek and Alibaba.", "Der Fonds wird von Alibaba unterstützt.")
    out = list(EntityCheck().run(ad))
    assert [f.source.text for f in out] == ["Temasek"]
    assert out[0].severity == "major" and out[0].category == "entity"
    assert "Temasek" in out[0].message
    _spans_ok(ad, out)


def test_changed_and_misspelled():
    out = run("Goldman Sachs advised the buyer.", "Goldmann Sacks beriet den Käufer.")
    assert out and out[0].details["kind"] == "misspelled"
    assert out[0].target.text == "Goldmann Sacks"
    out = run("The buyer was advised by Tencent.", "Der Käufer wurde von Vodafone beraten.")
    assert out and out[0].details["kind"] == "changed"
    assert "Tencent" in out[0].message and "Vodafone" in out[0].message


def test_ticker_and_acronym():
    out = run("Alibaba (BABA) led the round.", "Alibaba (BIDU) führte die Runde an.")
    assert any(f.source.text == "BABA" for f in out)


def test_name_found_in_neighbour_pair():
    ad = make_adoc(["Huawei sells phones.", "It is based in Shenzhen."],
                   ["Huawei verkauft Telefone und hat seinen Sitz in Shenzhen.", "Das ist bekannt."])
    assert list(EntityCheck().run(ad)) == []


def test_german_source_common_nouns_are_not_names():
    assert run("Die Regierung hat die Gesichtserkennung bei Siemens geprüft.",
               "The government checked the facial recognition at Siemens.", "de", "en") == []
    names = [n.text for n in find_names("Der Konzern Siemens verhandelt mit der Bank.", "de")]
    assert names == ["Siemens"]


def test_locate_handles_french_elision_and_hyphen_compounds():
    assert locate("Alibaba", "le succès d'Alibaba", "fr", [(0, 19)]) is not None
    assert locate("SK", "der SK-Gruppe", "de", [(0, 13)]) is not None
