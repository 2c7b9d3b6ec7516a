"""Perturbation tests: faithful en/de/fr pairs stay clean, distortions are caught.

The figures are printed by ``benchmarks/perturbations.py``; here they are
held above floors so that a regression shows.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("perturbations", ROOT / "benchmarks" / "perturbations.py")
perturbations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(perturbations)


@pytest.fixture(scope="module")
def figures():
    return perturbations.evaluate()


def test_data_covers_every_direction():
    pairs = perturbations.load_pairs()
    dirs = {(p["src_lang"], p["tgt_lang"]) for p in pairs}
    assert {("en", "de"), ("en", "fr"), ("fr", "en"), ("de", "en"), ("de", "fr"), ("fr", "de")} <= dirs


def test_no_major_finding_on_faithful_pairs(figures):
    assert figures["alarms"] == []


@pytest.mark.parametrize("kind,floor", [("negation", 0.95), ("hedge", 0.9), ("name-swap", 0.9),
                                        ("name-misspell", 0.9), ("clause", 0.4)])
def test_recall_floor(figures, kind, floor):
    assert figures["tried"][kind] >= 10
    assert figures["recall"][kind] >= floor, figures["misses"]
