"""The lexicon check: false friends and literal renderings, both spans, plain messages."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_adoc, make_pair

from audit.checks.lexicon import LEXICON_FILES, LexiconCheck, lexicon, match_texts
from audit.lang import pair_data
from audit.model import SEVERITIES

ROOT = Path(__file__).resolve().parents[1]
PAIRS = [("en", "de"), ("de", "en"), ("fr", "en"), ("en", "fr")]

SRC_001 = ("The company said its strategic partner Alibaba led the round, and it also name-dropped the "
           "Chinese e-commerce company Suning.Com and the Singapore state fund Temasek as other big backers.")
TGT_001 = ("Das Unternehmen gab seinen strategischen Partner Alibaba bekannt leitete die Finanzierung und "
           "ließ auch das chinesische E-Commerce-Unternehmen Suning.Com und den Singapur-Staatsfonds Temasek "
           "als weitere große Geldgeber fallen.")


def run(src, tgt, sl="en", tl="de"):
    return [f for f in LexiconCheck().run(make_pair(src, tgt, sl, tl)) if f.category == "sense"]


def test_name_drop_clause_is_one_major_hit_with_both_spans():
    adoc = make_pair(SRC_001, TGT_001)
    fs = LexiconCheck().run(adoc)
    assert len(fs) == 1
    f = fs[0]
    assert (f.category, f.severity, f.check) == ("sense", "major", "lexicon")
    assert f.source.text == "name-dropped"
    assert f.target.text.startswith("ließ") and f.target.text.endswith("fallen")
    assert adoc.doc.target[f.target.start:f.target.end] == f.target.text
    assert adoc.doc.source[f.source.start:f.source.end] == f.source.text
    assert "name-dropped" in f.message and "dropped" in f.message and "source" in f.message


def test_offsets_in_multi_sentence_documents():
    adoc = make_adoc(["Hello there.", SRC_001], ["Hallo.", TGT_001])
    (f,) = LexiconCheck().run(adoc)
    assert adoc.doc.target[f.target.start:f.target.end] == f.target.text
    assert adoc.doc.source[f.source.start:f.source.end] == f.source.text == "name-dropped"


@pytest.mark.parametrize("src, tgt, sl, tl, src_text, tgt_text", [
    ("Its April fundraising set a record.", "Seine Spendenaktion im April stellte einen Rekord auf.",
     "en", "de", "fundraising", "Spendenaktion"),
    ("It helps spot people of interest at festivals.", "Es hilft, Interessenten auf Festivals zu erkennen.",
     "en", "de", "people of interest", "Interessenten"),
    ("Startups for facial recognition", "Startups für die Anerkennung von Gesichtern",
     "en", "de", "recognition", "Anerkennung"),
    ("The deal will eventually close.", "Der Deal wird eventuell abgeschlossen.",
     "en", "de", "eventually", "eventuell"),
    ("The actual figure is higher.", "Die aktuelle Zahl ist höher.", "en", "de", "actual", "aktuelle"),
    ("She became chairwoman.", "Sie bekam den Vorsitz.", "en", "de", "became", "bekam"),
    ("It makes sense.", "Das macht Sinn.", "en", "de", "makes sense", "macht Sinn"),
    ("Der Chef des Konzerns trat zurück.", "The chef of the group resigned.", "de", "en", "Chef", "chef"),
    ("Das ist eventuell zu spät.", "That is eventually too late.", "de", "en", "eventuell", "eventually"),
    ("Elle est actuellement en tête.", "It is actually in the lead.", "fr", "en", "actuellement", "actually"),
    ("Fondée en 2014, la startup grandit.", "Funded in 2014, the startup grows.", "fr", "en", "Fondée", "Funded"),
    ("Elle a ouvert une librairie.", "She opened a library.", "fr", "en", "librairie", "library"),
    ("La société de Jack Ma a lancé le service.", "Jack Ma's society launched the service.",
     "fr", "en", "société", "society"),
    ("Il compte 2.000 collaborateurs.", "It has 2,000 collaborators.", "fr", "en", "collaborateurs", "collaborators"),
    ("The company eventually went public.", "La société est éventuellement devenue publique.",
     "en", "fr", "eventually", "éventuellement"),
    ("The library is closed.", "La librairie est fermée.", "en", "fr", "library", "librairie"),
])
def test_false_friends_fire(src, tgt, sl, tl, src_text, tgt_text):
    fs = run(src, tgt, sl, tl)
    assert fs, (src, tgt)
    assert any(f.source.text == src_text and f.target.text == tgt_text for f in fs), [f.to_dict() for f in fs]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    # faithful translations, paraphrases included: no finding
    ("The company eventually raised $600 million.", "Das Unternehmen sammelte schließlich 600 Millionen Dollar ein.", "en", "de"),
    ("SenseTime has become the most valuable AI startup.", "SenseTime ist zum wertvollsten KI-Start-up geworden.", "en", "de"),
    ("It name-dropped Temasek as a backer.", "Es nannte Temasek als Geldgeber.", "en", "de"),
    ("The company dropped its plans.", "Das Unternehmen ließ seine Pläne fallen.", "en", "de"),
    ("The chef opened a restaurant.", "Der Koch eröffnete ein Restaurant.", "en", "de"),
    ("The actual figure is higher.", "Die tatsächliche Zahl liegt höher.", "en", "de"),
    ("It makes sense to invest.", "Es ist sinnvoll zu investieren.", "en", "de"),
    ("The fundraising round was led by Alibaba.", "Die Finanzierungsrunde wurde von Alibaba angeführt.", "en", "de"),
    ("People familiar with the matter told Bloomberg.", "Mit der Sache vertraute Personen sagten Bloomberg.", "en", "de"),
    ("It develops facial recognition.", "Es entwickelt Gesichtserkennung.", "en", "de"),
    ("The company won recognition for its work.", "Das Unternehmen erhielt Anerkennung für seine Arbeit.", "en", "de"),
    ("Possibly, it will eventually sell.", "Eventuell wird es verkaufen.", "en", "de"),
    ("Its shares rose 5 percent.", "Seine Aktien stiegen um 5 Prozent.", "en", "de"),
    ("Eventuell wird die Firma verkauft.", "The firm may possibly be sold.", "de", "en"),
    ("Der aktuelle Kurs liegt bei 5 Euro.", "The current price is 5 euros.", "de", "en"),
    ("Der Chef des Konzerns trat zurück.", "The head of the group resigned.", "de", "en"),
    ("La société a été fondée en 2014.", "The company was founded in 2014.", "fr", "en"),
    ("Elle compte actuellement 2.000 collaborateurs.", "It currently has 2,000 employees.", "fr", "en"),
    ("La valorisation dépasse 3 milliards.", "The valuation exceeds 3 billion.", "fr", "en"),
    ("La société civile s'inquiète.", "Civil society is worried.", "fr", "en"),
    ("The company eventually went public.", "La société s'est finalement introduite en Bourse.", "en", "fr"),
    ("The library is closed.", "La bibliothèque est fermée.", "en", "fr"),
])
def test_faithful_translations_are_silent(src, tgt, sl, tl):
    assert run(src, tgt, sl, tl) == []


def test_fires_only_with_trigger_in_source():
    assert run("The deal may close.", "Der Deal wird eventuell abgeschlossen.") == []
    assert run("It name-dropped Temasek.", "Es nannte Temasek.") == []


def test_no_lexicon_for_unknown_pair_and_target_only():
    assert LexiconCheck().run(make_pair("It eventually closed.", "Il a fermé.", "en", "xx")) == []
    adoc = make_adoc(None, ["Der Deal wird eventuell abgeschlossen."])
    assert not LexiconCheck().applies_to(adoc)


def test_match_texts_helper():
    hits = match_texts("It will eventually close.", "Es wird eventuell schließen.", "en", "de")
    assert [h.entry.id for h in hits] == ["eventually"]


@pytest.mark.parametrize("src, tgt", PAIRS)
def test_lexicon_data_is_well_formed(src, tgt):
    lex = lexicon(src, tgt)
    ff = pair_data(src, tgt, "false_friends")
    assert len(ff["entries"]) >= 40, "dozens of false friends per direction"
    for e in lex.entries:
        assert e.source and e.target, e.id
        assert e.severity in SEVERITIES, e.id
        assert e.means and e.target_means, e.id
    for name in LEXICON_FILES:
        for e in (pair_data(src, tgt, name) or {}).get("entries", []):
            for key in ("source", "target", "unless_source", "unless_target", "context"):
                vals = e.get(key) or []
                for v in vals if isinstance(vals, list) else [vals]:
                    assert isinstance(v, (str, dict)), (e.get("id"), key, v)  # YAML "on"/"no" would be bools


def test_corpus_name_drop_is_flagged():
    from audit.pipeline import AuditOptions, run_audit
    from audit.score import ScoringOptions

    opts = AuditOptions(checks=["lexicon"], scoring=ScoringOptions(backends=("lexical",)), claims=False,
                        progress=False)
    res = run_audit(str(ROOT / "corpora/sensetime"), opts)
    hits = [f for f in res.findings if f.doc == "001" and f.source and f.source.text == "name-dropped"]
    assert len(hits) == 1
    f = hits[0]
    assert (f.category, f.severity) == ("sense", "major")
    assert f.target.text.startswith("ließ auch") and f.target.text.endswith("Geldgeber fallen")
