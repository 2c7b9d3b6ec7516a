"""Back-translation through argostranslate, scored with sacrebleu.

A tiny package is built offline (random Marian model converted with
CTranslate2, SentencePiece model trained on the fly) and installed with
``argostranslate.package.install_from_path`` into the test folder that
``conftest.py`` points ARGOS_PACKAGES_DIR at.
"""
from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("argostranslate")
pytest.importorskip("ctranslate2")

from click.testing import CliRunner  # noqa: E402
from sacrebleu.metrics import BLEU, CHRF  # noqa: E402

import audit.score.backtranslation as bt  # noqa: E402
from audit.score import ScoringOptions, score  # noqa: E402
from audit.score.cli import models  # noqa: E402
from audit.score.models import argos_packages, argos_route  # noqa: E402
from helpers import make_adoc  # noqa: E402
from tinymodels import SAMPLE_SRC, SAMPLE_TGT, build_argos_package  # noqa: E402

SRC, TGT = SAMPLE_SRC, SAMPLE_TGT


@pytest.fixture(scope="module")
def installed():
    """Install the tiny de->en package with the CLI; remove it afterwards."""
    archive = build_argos_package("de", "en")
    result = CliRunner().invoke(models, ["add-argos", str(archive)])
    assert result.exit_code == 0, result.output
    assert "installed de → en" in result.output
    yield archive
    for p in argos_packages():
        shutil.rmtree(p["path"], ignore_errors=True)


@pytest.fixture()
def options(tmp_path):
    return ScoringOptions(backends=("backtranslation",), cache_dir=str(tmp_path / "cache"))


def test_models_lists_the_installed_pair(installed):
    result = CliRunner().invoke(models, ["--json"])
    assert result.exit_code == 0, result.output
    inv = json.loads(result.output)
    assert [(p["from"], p["to"]) for p in inv["argos_packages"]] == [("de", "en")]
    text = CliRunner().invoke(models, ["list"]).output
    assert "de → en" in text


def test_add_argos_refuses_a_non_package(tmp_path):
    bad = tmp_path / "x.argosmodel"
    bad.write_text("not a zip")
    result = CliRunner().invoke(models, ["add-argos", str(bad)])
    assert result.exit_code == 1
    assert "not an argostranslate package" in result.output
    assert "Traceback" not in result.output


def test_real_backtranslation_scored_with_sacrebleu(installed, options):
    adoc = make_adoc(SRC, TGT)
    report = score([adoc], options)
    b = {b["name"]: b for b in report.backends}["backtranslation"]
    assert b == {"name": "backtranslation", "ran": True, "reason": None, "model": "de→en"}
    back = report.backtranslations["t"]
    assert sorted(back) == [0, 1, 2, 3] and all(isinstance(v, str) for v in back.values())
    hyps = [back[i] for i in range(4)]
    for i, pair in enumerate(adoc.pairs):
        assert pair.scores["bt_chrf"] == pytest.approx(CHRF().sentence_score(hyps[i], [SRC[i]]).score, abs=0.01)
        assert pair.scores["bt_bleu"] == pytest.approx(
            BLEU(effective_order=True).sentence_score(hyps[i], [SRC[i]]).score, abs=0.01)
    doc = report.documents["t"]["backtranslation"]
    assert doc["package"] == "de→en"
    assert doc["chrf"] == pytest.approx(CHRF().corpus_score(hyps, [SRC]).score, abs=0.01)
    assert doc["bleu"] == pytest.approx(BLEU().corpus_score(hyps, [SRC]).score, abs=0.01)
    assert doc["sentence_chrf"]["n"] == 4


def test_signature_says_how_to_reproduce(installed, options):
    report = score([make_adoc(SRC, TGT)], options)
    sig = report.signature
    assert sig["chrf"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:")
    assert sig["bleu"].startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:")
    assert "eff:yes" in sig["sentence_bleu"]


def test_second_run_makes_no_translation_call(installed, options, monkeypatch):
    calls = []
    real = bt._translate_with_package

    def counting(path, texts):
        calls.append(len(texts))
        return real(path, texts)

    monkeypatch.setattr(bt, "_translate_with_package", counting)
    first = make_adoc(SRC, TGT)
    r1 = score([first], options)
    assert calls == [4]
    second = make_adoc(SRC, TGT)
    r2 = score([second], options)
    assert calls == [4]  # all from the cache
    assert r2.backtranslations == r1.backtranslations
    assert [p.scores["bt_chrf"] for p in second.pairs] == [p.scores["bt_chrf"] for p in first.pairs]


def test_no_package_for_the_direction(installed, options):
    adoc = make_adoc(SRC, SRC, "en", "fr")  # needs fr→en
    report = score([adoc], options)
    b = {b["name"]: b for b in report.backends}["backtranslation"]
    assert not b["ran"] and b["reason"].startswith("no argostranslate package for fr→en")


def test_far_off_backtranslation_is_a_finding(installed, options, monkeypatch):
    """The translator mocked at its boundary; the sacrebleu scores are real."""
    good = dict(zip(TGT, SRC))
    good[TGT[2]] = "The weather was sunny and the market was quiet."

    monkeypatch.setattr(bt, "_translate_with_package", lambda path, texts: [good[t] for t in texts])
    adoc = make_adoc(SRC, TGT)
    report = score([adoc], options)
    assert [p.scores["bt_chrf"] for p in adoc.pairs][:2] == [100.0, 100.0]
    assert report.documents["t"]["backtranslation"]["bleu"] < 100
    (f,) = report.findings
    assert (f.check, f.category, f.severity) == ("similarity", "sense", "major")
    assert f.details["pair"] == 2
    assert 'Translated back, the target reads "The weather was sunny' in f.message
    assert f.source.text == SRC[2] and f.target.text == TGT[2]


def test_pivot_route():
    pk = [{"from": "de", "to": "en", "version": "1", "path": "a"},
          {"from": "en", "to": "fr", "version": "1", "path": "b"}]
    assert [p["path"] for p in argos_route("de", "fr", pk)] == ["a", "b"]
    assert [p["path"] for p in argos_route("de", "en", pk)] == ["a"]
    assert argos_route("fr", "de", pk) is None


def test_same_language_pair_needs_no_package(tmp_path):
    opts = ScoringOptions(backends=("backtranslation",), cache_dir=str(tmp_path / "c"))
    report = score([make_adoc(["The cat sat."], ["The cat sat."], "en", "en")], opts)
    b = {b["name"]: b for b in report.backends}["backtranslation"]
    assert not b["ran"] and b["reason"] == "source and target are in the same language"
