"""The behavioral-testing number/currency files (CC BY-SA 4.0, see tests/data/behavioral).

Every rendering not listed in known_bad.tsv compares equal with its English
expression (no number finding); a digit changed in the German, or
"Milliarden" swapped for "Billionen", is flagged; every known-bad rendering
is flagged.
"""
from __future__ import annotations

import re

from audit.checks.numbers import NumberCheck
from test_numbers_data import known_bad, pairs
from helpers import make_pair

CHECK = NumberCheck()


def findings(src, tgt):
    return list(CHECK.run(make_pair(src, tgt)))


def test_correct_renderings_compare_equal():
    bad = []
    n = 0
    for name, en, de, src, tgt in pairs():
        n += 1
        fs = findings(src, tgt)
        if fs:
            bad.append((name, en, de, [f.message for f in fs]))
    assert n > 5000
    assert bad == []


def _change_digit(s: str) -> str | None:
    m = re.search(r"\d", s)
    if not m:
        return None
    d = int(m.group(0))
    return s[: m.start()] + str(d + 1 if d < 9 else d - 1) + s[m.end():]


def test_one_digit_changed_is_flagged():
    missed, n = [], 0
    for name, en, de, src, tgt in pairs():
        if name == "currencies.tsv":
            tgt2 = tgt.replace("250", "260")
        else:
            changed = _change_digit(de)
            if changed is None:
                continue
            tgt2 = tgt.replace(de, changed)
        n += 1
        if not findings(src, tgt2):
            missed.append((name, en, tgt2))
    assert n > 1500
    assert missed == []


def test_milliarden_for_billionen_is_flagged():
    missed, n = [], 0
    for name, en, de, src, tgt in pairs():
        if "Milliarde" not in de:
            continue
        n += 1
        tgt2 = tgt.replace("Milliarden", "Billionen").replace("Milliarde", "Billion")
        fs = findings(src, tgt2)
        if not any(f.severity == "major" for f in fs):
            missed.append((en, tgt2))
    assert n > 50
    assert missed == []


def test_known_bad_renderings_are_flagged():
    bad = known_bad()
    assert len(bad) > 100
    wanted = {(n, e, d) for n, e, d, *_ in [(x[0], x[1], x[2]) for x in pairs(include_bad=True)]} & bad
    missed = [k for k in wanted
              if not findings(*[p[3:] for p in pairs(include_bad=True) if p[:3] == k][0])]
    assert missed == []
