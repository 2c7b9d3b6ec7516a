"""NumberCheck on sentence pairs and on the SenseTime corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from audit.checks.number_format import NumberFormatCheck
from audit.checks.numbers import NumberCheck
from helpers import make_adoc, make_pair


def run(src, tgt, sl="en", tl="de"):
    findings = list(NumberCheck().run(make_pair(src, tgt, sl, tl)))
    for f in findings:
        assert f.category == "number" and f.severity in ("major", "minor")
    return findings


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Alibaba led a $600m investment.", "Alibaba tätigte eine Investition von 600 Mio. USD.", "en", "de"),
    ("It is worth $4.5 billion.", "Es ist 4,5 Milliarden US-Dollar wert.", "en", "de"),
    ("The three-year-old startup grew.", "Das dreijährige Start-up wuchs.", "en", "de"),
    ("SoftBank's $100 billion Vision Fund bought in.", "Der 100-Milliarden-Dollar-Vision-Fonds stieg ein.", "en", "de"),
    ("It sought a $1 billion stake.", "Er strebte einen 1-Milliarden-Dollar-Anteil an.", "en", "de"),
    ("in its second round of funding", "in seiner zweiten Finanzierungsrunde", "en", "de"),
    ("elle a levé 600 millions de dollars en 2017", "it raised $600 million in 2017", "fr", "en"),
    ("about 90 people", "rund 90 Menschen", "en", "de"),
    ("It raised 150 billion yuan.", "Il a levé 150 milliards de yuans.", "en", "fr"),
])
def test_correct_renderings_are_silent(src, tgt, sl, tl):
    assert run(src, tgt, sl, tl) == []


def kinds(fs):
    return sorted((f.details["kind"], f.severity) for f in fs)


def test_year_for_amount():
    fs = run("in 2017 it received $410million in its second round.",
             "in seiner zweiten Finanzierungsrunde $ 2017million erhalten.")
    assert kinds(fs) == [("year-amount", "major")]
    assert "$410million" in fs[0].message and "2017" in fs[0].message


def test_year_and_amount_swapped():
    src = "SenseTime has raised more than $1.6 billion since it was founded in 2014."
    tgt = "SenseTime hat seit seiner Gründung im Jahr 1.6 bereits über 2014 Milliarden US-Dollar aufgebracht."
    fs = run(src, tgt)
    assert kinds(fs) == [("year-amount", "major")]
    assert fs[0].target.text.startswith("im Jahr 1.6 bereits über 2014 Milliarden")


def test_value_magnitude_currency_qualifier():
    assert kinds(run("It cost $5 billion.", "Es kostete 6 Milliarden Dollar.")) == [("value", "major")]
    assert kinds(run("It cost $5 billion.", "Es kostete 5 Billionen Dollar.")) == [("magnitude", "major")]
    assert kinds(run("It cost $5 billion.", "Es kostete 5 Milliarden Euro.")) == [("currency", "major")]
    assert kinds(run("It raised $460 million.", "Es brachte 460 Millionen auf.")) == [("currency-lost", "minor")]
    assert kinds(run("about 90 people", "über 90 Menschen")) == [("qualifier", "major")]
    assert kinds(run("près de 300 villes", "more than 300 cities", "fr", "en")) == [("qualifier", "major")]
    assert kinds(run("50 millions de caméras", "over 50 million cameras", "fr", "en")) == [("qualifier", "major")]


def test_forms():
    assert kinds(run("It is worth $4.5 billion.", "Es ist 4, 5 Milliarden US-Dollar wert.")) == [("format", "minor")]
    assert kinds(run("It grew 7.2 percent.", "Es wuchs um 7, 2 Prozent.")) == [("format", "minor")]
    assert kinds(run("de 1.500 à 2.000 salariés", "from 1.500 to 2.000 staff", "fr", "en")) == [
        ("misread", "major"), ("misread", "major")]
    assert kinds(run("with 12 clinics in Bavaria", "mit den Kliniken von 12 in Bayern")) == [("detached", "major")]


def test_missing_added_and_moved():
    assert kinds(run("It has 12 offices and 300 staff.", "Es hat 300 Mitarbeiter.")) == [("missing", "minor")]
    assert kinds(run("It has 300 staff.", "Es hat 300 Mitarbeiter und 5 Mrd. Euro.")) == [("added", "major")]
    # a figure that moved to the next sentence is no loss
    adoc = make_adoc(["It has 300 staff.", "It was founded in 2014."],
                     ["Es hat Mitarbeiter.", "Es wurde 2014 gegründet und hat 300 Mitarbeiter."])
    assert list(NumberCheck().run(adoc)) == []


def test_spans_verify():
    src, tgt = "It cost $5 billion in 2014.", "Es kostete 6 Milliarden Dollar im Jahr 2014."
    adoc = make_pair(src, tgt)
    for f in NumberCheck().run(adoc):
        assert adoc.doc.target[f.target.start:f.target.end] == f.target.text
        assert adoc.doc.source[f.source.start:f.source.end] == f.source.text


def test_format_check_target_only():
    adoc = make_adoc(None, ["Der Wert stieg um 7, 2 Prozent auf 3.5 Mio. Euro."], None, "de")
    fs = list(NumberFormatCheck().run(adoc))
    assert [f.target.text for f in fs] == ["7, 2 Prozent", "3.5 Mio. Euro"]
    assert all(f.severity == "minor" and f.category == "number" for f in fs)
    assert NumberFormatCheck().applies_to(adoc)
    assert not NumberFormatCheck().applies_to(make_pair("a", "b"))


CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "sensetime" / "pairs.csv"


def _corpus_findings():
    from audit.load import load
    from audit.pipeline import align_document, segment_side

    out = {}
    for doc in load(CORPUS):
        if not doc.has_source:
            continue
        adoc = align_document(doc, segment_side(doc, "source", False), segment_side(doc, "target", False))
        out[doc.id] = (doc, list(NumberCheck().run(adoc)))
    return out


def test_sensetime_corpus():
    found = _corpus_findings()
    for doc, fs in found.values():
        for f in fs:
            assert doc.target[f.target.start:f.target.end] == f.target.text
    def has(doc_id, target_part, severity="major"):
        return any(target_part in f.target.text or f.target.text in target_part
                   for f in found[doc_id][1] if f.severity == severity)
    doc2 = found["002"][1]
    f2 = [f for f in doc2 if "2017million" in f.target.text]
    assert f2 and f2[0].severity == "major" and "410" in f2[0].message
    f3 = [f for f in found["003"][1] if "1.6 bereits über 2014 Milliarden" in found["003"][0].target[
        f.target.start - 5:f.target.end + 5] or "2014 Milliarden" in f.target.text]
    assert f3 and f3[0].severity == "major" and "1.6 billion" in f3[0].message and "2014" in f3[0].message
    assert has("001", "4, 5 Milliarden US-Dollar", "minor")
    assert has("002", "bis 63.3 einen Wert von 2025 Mrd. USD")
    assert has("002", "von 40 in")
    assert has("004", "more than 400")
    assert has("004", "1.500")
    assert has("004", "3 billions", "minor")
    # no finding on correct renderings
    for doc_id, (doc, fs) in found.items():
        for f in fs:
            assert "600 Mio. USD" not in f.target.text and "dreijährige" not in f.target.text
