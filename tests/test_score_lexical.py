"""audit.score without any model: the lexical fallback, the summary, the findings logic."""
from __future__ import annotations

import pytest

from audit.score import (
    EMBEDDING_CEILING,
    EMBEDDING_MAJOR_MARGIN,
    EMBEDDING_MINOR_MARGIN,
    ScoringOptions,
    ScoringReport,
    _similarity_findings,
    backend_lines,
    score,
)
from helpers import make_adoc

SRC = [
    "SenseTime raised $600 million in 2018.",
    "The company was founded in 2014 by Tang Xiao'ou.",
    "Alibaba led the funding round.",
    "Its software is used by the police in China.",
    "Investors include Temasek and Suning.",
]
TGT = [
    "SenseTime sammelte 2018 600 Millionen Dollar ein.",
    "Das Unternehmen wurde 2014 von Tang Xiao'ou gegründet.",
    "Alibaba führte die Finanzierungsrunde an.",
    "Seine Software wird von der Polizei in China genutzt.",
    "Zu den Investoren gehören Temasek und Suning.",
]


@pytest.fixture()
def no_models(tmp_path, monkeypatch):
    """Empty model folders: no sentence-transformers model, no argos package."""
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    return ScoringOptions(cache_dir=str(tmp_path / "cache"))


def test_lexical_fallback_scores_every_pair(no_models):
    adoc = make_adoc(SRC, TGT)
    report = score([adoc], no_models)
    assert isinstance(report, ScoringReport)
    for pair in adoc.pairs:
        assert 0.0 <= pair.scores["lexical"] <= 1.0
        assert "embedding" not in pair.scores
    by_name = {b["name"]: b for b in report.backends}
    assert list(by_name) == ["lexical", "embeddings", "backtranslation"]
    assert by_name["lexical"] == {"name": "lexical", "ran": True, "reason": None, "model": None}
    assert not by_name["embeddings"]["ran"]
    assert "not on this machine" in by_name["embeddings"]["reason"]
    assert not by_name["backtranslation"]["ran"]
    assert "no argostranslate package for de→en" in by_name["backtranslation"]["reason"]
    doc = report.documents["t"]
    assert doc["backend"] == "lexical"
    assert "no model" in doc["label"]
    assert doc["values"] == [p.scores["lexical"] for p in adoc.pairs]
    assert doc["mean"] == pytest.approx(sum(doc["values"]) / len(doc["values"]), abs=1e-3)
    assert doc["distribution"]["n"] == 5
    assert report.findings == []  # lexical similarity alone never makes findings
    lines = backend_lines(report)
    assert lines[0] == "lexical: ran"
    assert lines[1].startswith("embeddings: did not run -- ")
    assert len(lines) == 3


def test_related_pair_scores_higher_than_unrelated(no_models):
    adoc = make_adoc(
        ["SenseTime raised $600 million in 2018.", "The weather was fine."],
        ["SenseTime sammelte 2018 600 Millionen Dollar ein.", "Alibaba kauft 45 Prozent von Suning."],
    )
    score([adoc], no_models)
    assert adoc.pairs[0].scores["lexical"] > adoc.pairs[1].scores["lexical"]


def test_backends_not_requested(no_models):
    no_models.backends = ("lexical",)
    report = score([make_adoc(SRC, TGT)], no_models)
    assert [(b["name"], b["ran"], b["reason"]) for b in report.backends] == [
        ("lexical", True, None),
        ("embeddings", False, "not requested"),
        ("backtranslation", False, "not requested"),
    ]


def test_unknown_backend_is_an_error(no_models):
    no_models.backends = ("magic",)
    with pytest.raises(ValueError):
        score([make_adoc(SRC, TGT)], no_models)


def test_target_only_and_one_sided_pairs(no_models):
    alone = make_adoc(None, TGT, doc_id="solo")
    gappy = make_adoc(SRC[:3], TGT[:2], pairs=[((0,), (0,)), ((1,), ()), ((2,), (1,))], doc_id="gap")
    report = score([alone, gappy], no_models)
    assert list(report.documents) == ["solo", "gap"]
    assert report.documents["solo"]["backend"] is None
    assert report.documents["solo"]["values"] == [None] * len(TGT)
    values = report.documents["gap"]["values"]
    assert values[1] is None and values[0] is not None and values[2] is not None
    assert report.documents["gap"]["distribution"]["n"] == 2


def test_furniture_pairs_stay_out_of_the_level(no_models):
    adoc = make_adoc(SRC, TGT)
    adoc.pairs[4].furniture = True
    report = score([adoc], no_models)
    assert report.documents["t"]["distribution"]["n"] == 4


# -- the findings logic, on set scores ---------------------------------------


def _with_embedding_scores(values, src=None, tgt=None):
    src = src or [f"Sentence number {i} says something about SenseTime." for i in range(len(values))]
    tgt = tgt or [f"Satz Nummer {i} sagt etwas über SenseTime." for i in range(len(values))]
    adoc = make_adoc(src, tgt)
    for pair, v in zip(adoc.pairs, values):
        pair.scores["embedding"] = v
    return adoc


def test_far_below_the_level_is_a_sense_finding():
    level = 0.9
    minor = round(level - EMBEDDING_MINOR_MARGIN - 0.02, 2)
    major = round(level - EMBEDDING_MAJOR_MARGIN - 0.02, 2)
    adoc = _with_embedding_scores([level, level, minor, level, major, level])
    found = _similarity_findings(adoc, ScoringReport())
    assert [(f.details["pair"], f.category, f.severity) for f in found] == [
        (2, "sense", "minor"),
        (4, "sense", "major"),
    ]
    for f in found:
        assert f.check == "similarity"
        assert adoc.doc.source[f.source.start : f.source.end] == f.source.text
        assert adoc.doc.target[f.target.start : f.target.end] == f.target.text
        assert f.source.text in f.message and f.target.text in f.message
        assert "document median of 0.90" in f.message


def test_no_finding_above_the_ceiling_or_in_small_documents():
    adoc = _with_embedding_scores([1.0, 1.0, EMBEDDING_CEILING, 1.0])
    assert _similarity_findings(adoc, ScoringReport()) == []
    small = _with_embedding_scores([0.9, 0.1])
    assert _similarity_findings(small, ScoringReport()) == []


def test_short_target_is_an_omission_long_target_an_addition():
    src = ["SenseTime raised money."] * 4 + [
        "SenseTime, which was founded in 2014 in Hong Kong by Tang Xiao'ou, raised $600 million."
    ]
    tgt = ["SenseTime sammelte Geld."] * 4 + ["SenseTime sammelte Geld."]
    adoc = _with_embedding_scores([0.9, 0.9, 0.9, 0.9, 0.4], src, tgt)
    (f,) = _similarity_findings(adoc, ScoringReport())
    assert (f.category, f.severity) == ("omission", "major")
    assert "much shorter" in f.message
    adoc = _with_embedding_scores([0.9, 0.9, 0.9, 0.9, 0.4], tgt, src)
    (f,) = _similarity_findings(adoc, ScoringReport())
    assert f.category == "addition"


def test_backtranslation_chrf_is_used_when_no_embeddings():
    adoc = make_adoc(SRC, TGT)
    report = ScoringReport(backtranslations={"t": {}})
    for pair, v in zip(adoc.pairs, [70.0, 72.0, 20.0, 71.0, 69.0]):
        pair.scores["bt_chrf"] = v
        report.backtranslations["t"][pair.index] = f"back {pair.index}"
    (f,) = _similarity_findings(adoc, report)
    assert f.details["pair"] == 2 and f.severity == "major"
    assert "back-translation chrF 20" in f.message
    assert 'Translated back, the target reads "back 2"' in f.message
