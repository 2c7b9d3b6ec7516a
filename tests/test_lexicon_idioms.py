"""Idioms of the behavioral-testing set: correct renderings silent, foils flagged.

tests/data/idioms holds copies of idioms_correct.tsv and idioms_foil.tsv
(CC BY-SA 4.0, see README.md there).  Every English idiom is set against each
of its renderings, one sentence pair at a time, through the whole lexicon
check (false friends included).
"""
from __future__ import annotations

from pathlib import Path

import yaml
from helpers import make_pair

from audit.checks.lexicon import LexiconCheck
from audit.lang import data_path
from audit.sense.idiom_builder import build, read_tsv

DATA = Path(__file__).parent / "data" / "idioms"
CORRECT = read_tsv(DATA / "idioms_correct.tsv")
FOILS = read_tsv(DATA / "idioms_foil.tsv")
CHECK = LexiconCheck()


def sense(src: str, tgt: str):
    return [f for f in CHECK.run(make_pair(src, tgt, "en", "de")) if f.category == "sense"]


def test_material_is_complete():
    assert len(CORRECT) == 691 and len(FOILS) == 691
    assert (DATA / "LICENSE").is_file() and (DATA / "README.md").is_file()
    assert data_path("pairs", "en-de", "IDIOMS-LICENSE").is_file()


def test_every_correct_rendering_is_silent():
    alarms = []
    for idiom, rends in CORRECT.items():
        for r in dict.fromkeys(rends):
            fs = sense(idiom, r)
            if fs:
                alarms.append((idiom, r, fs[0].message))
    assert alarms == []


def test_foil_renderings_are_flagged():
    total = flagged = 0
    for idiom, rends in FOILS.items():
        correct = set(CORRECT.get(idiom, ()))
        for r in dict.fromkeys(rends):
            if r in correct:  # the set lists it as idiomatic as well: cannot be a finding
                continue
            total += 1
            flagged += bool(sense(idiom, r))
    # measured 1608 / 1905 (84.4%); many unflagged foils are idiomatic renderings
    assert flagged / total >= 0.80, (flagged, total)


def test_known_literal_renderings():
    for src, tgt, span in [
        ("think outside the box", "außerhalb der Box denken", "außerhalb der Box denken"),
        ("spills the beans", "die Bohnen verschütten", "Bohnen verschütten"),
        ("bite the bullet", "die Kugel beißen", "Kugel beißen"),
        ("He finally spilled the beans.", "Er hat endlich die Bohnen verschüttet.", "Bohnen verschüttet"),
    ]:
        fs = sense(src, tgt)
        assert fs and fs[0].target.text == span, (src, tgt, [f.target.text for f in fs])
        assert fs[0].severity == "major" and "literal" in fs[0].message


def test_idiom_yaml_is_up_to_date():
    entries, _ = build(DATA / "idioms_correct.tsv", DATA / "idioms_foil.tsv", "en", "de")
    stored = yaml.safe_load(data_path("pairs", "en-de", "idioms.yaml").read_text(encoding="utf-8"))
    assert stored["entries"] == entries, "run: python -m audit.sense.idiom_builder"
