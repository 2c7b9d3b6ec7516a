"""The fluency check: fused sentences, fused tokens, verbless fragments."""
from __future__ import annotations

import pytest
from helpers import make_adoc, make_pair

from audit.checks.fluency import FluencyCheck, signs


def kinds(text, lang="de", source=None, source_lang=None):
    return [(s.kind, text[s.start:s.end]) for s in signs(text, lang, 0, source, source_lang)]


@pytest.mark.parametrize("text, span", [
    ("Die Regierung will die Steuern zu senken Ist derzeit unklar.", "senken Ist"),
    ("Das Land soll führend werden zu machen Ist derzeit der größte KI-Markt.", "machen Ist"),
    ("SenseTime ist zur Weltspitze geworden Das wertvollste private Startup.", "geworden Das"),
])
def test_fused_sentences_de(text, span):
    assert ("fused-sentence", span) in kinds(text)


def test_fused_sentence_en_fr():
    assert ("fused-sentence", "market Is") in kinds("It wants to lead the market Is currently the largest.", "en")
    assert ("fused-sentence", "marché Sont") in kinds("Ils veulent le marché Sont aussi les leaders.", "fr")


@pytest.mark.parametrize("text, lang, token", [
    ("Es kostet 600 Millionen Dollarund mehr.", "de", "Dollarund"),
    ("international führend in AIund die Industrie", "de", "AIund"),
    ("Er traf Vertreter vonAlibaba in Peking.", "de", "vonAlibaba"),
    ("China leads in AIand robotics.", "en", "AIand"),
    ("Elle a levé 600 millions de dollarset plus.", "fr", "dollarset"),
])
def test_fused_tokens(text, lang, token):
    assert ("fused-token", token) in kinds(text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Aus diesem Grund ist der Hund rund und gesund.", "de"),
    ("Der Bund zahlt ein Pfund und der Befund ist klar.", "de"),
    ("SenseTime und iPhone sind Marken der Branche.", "de"),
    ("Hat die Firma das Geld?", "de"),
    ("Die Welt berichtete am Montag darüber.", "de"),
    ("Laut Die Welt hat die Firma verkauft.", "de"),
    ("Sie sagte der Zeitung Die Welt, dass sie gehe.", "de"),
    ("Sie zeigte ein hohes Können am Berg.", "de"),
    ("Thousands of people in Thailand and England demand a new brand.", "en"),
    ("The Will of the People Is Strong", "en"),
    ("Investors Are Placing Big Bets On China's Startups", "en"),
    ("He said: Is this true?", "en"),
    ("Le marché est en hausse à l'Est du pays.", "fr"),
])
def test_clean_sentences_are_silent(text, lang):
    assert kinds(text, lang) == []


def test_fragment_needs_a_source_with_a_verb():
    tgt = "Das wertvollste private Startup für künstliche Intelligenz in der ganzen Welt."
    src_verb = "SenseTime became the most valuable private AI startup in the world."
    src_headline = "The most valuable private AI startup in the whole world."
    assert ("fragment", tgt) in kinds(tgt, "de", src_verb, "en")
    assert kinds(tgt, "de", src_headline, "en") == []  # verbless in the source too
    assert kinds(tgt, "de") == []  # no source: lists and captions are normal
    ok = "Die Firma sammelte 600 Millionen Dollar von Investoren ein."
    assert kinds(ok, "de", src_verb, "en") == []


def test_check_on_pairs_and_offsets():
    adoc = make_adoc(
        ["Hello.", "China's government wants to lead in AI. The US is the largest market."],
        ["Hallo.", "Die Regierung will das Land zu einem Führer zu machen Ist derzeit der größte KI-Markt."],
        pairs=[((0,), (0,)), ((1,), (1,))],
    )
    (f,) = FluencyCheck().run(adoc)
    assert (f.category, f.severity, f.check) == ("fluency", "minor", "fluency")
    assert f.target.text == "machen Ist"
    assert adoc.doc.target[f.target.start:f.target.end] == f.target.text
    assert f.source is not None and adoc.doc.source[f.source.start:f.source.end] == f.source.text
    assert "machen Ist" in f.message and "source says" in f.message


def test_target_only_documents():
    adoc = make_adoc(None, ["Es kostet 600 Millionen Dollarund mehr."])
    assert FluencyCheck().applies_to(adoc)
    (f,) = FluencyCheck().run(adoc)
    assert f.source is None and f.target.text == "Dollarund"


def test_furniture_and_unknown_language_are_skipped():
    adoc = make_pair("x", "Es kostet Dollarund mehr.")
    adoc.pairs[0].furniture = True
    assert FluencyCheck().run(adoc) == []
    assert FluencyCheck().run(make_pair("x", "Es kostet Dollarund mehr.", "en", "xx")) == []


def test_corpus_signs():
    from pathlib import Path

    from audit.pipeline import AuditOptions, run_audit
    from audit.score import ScoringOptions

    root = Path(__file__).resolve().parents[1]
    opts = AuditOptions(checks=["fluency"], scoring=ScoringOptions(backends=("lexical",)), claims=False,
                        progress=False)
    res = run_audit(str(root / "corpora/sensetime"), opts)
    got = {(f.doc, f.target.text) for f in res.findings}
    assert {("001", "machen Ist"), ("001", "geworden Das"), ("002", "AIund")} <= got
