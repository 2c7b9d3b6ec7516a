"""Helpers (no tests): the behavioral-testing number/currency files as sentence pairs."""
from __future__ import annotations

from pathlib import Path

DIR = Path(__file__).parent / "data" / "behavioral"
NUMBER_FILES = (
    "numbers_decimal_numerical.tsv",
    "numbers_decimal_textual.tsv",
    "numbers_integer_numerical.tsv",
    "numbers_integer_textual.tsv",
    "numbers_large.tsv",
)


def _rows(name: str):
    with open(DIR / name, encoding="utf-8", newline="") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if "\t" not in line:
                continue
            en, de = line.split("\t", 1)
            if de.startswith('"') and de.endswith('"'):
                de = de[1:-1].replace('""', '"')
            yield en.strip(), [r.strip() for r in de.split("|") if r.strip()]


def known_bad() -> set[tuple[str, str, str]]:
    out = set()
    path = DIR / "known_bad.tsv"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                f, en, de = line.split("\t")[:3]
                out.add((f, en, de))
    return out


def pairs(include_bad: bool = False):
    """(file, english, german, src sentence, tgt sentence) for every rendering."""
    bad = known_bad()
    for name in NUMBER_FILES:
        for en, des in _rows(name):
            for de in des:
                if not include_bad and (name, en, de) in bad:
                    continue
                yield name, en, de, f"The figure was {en} last year.", f"Die Zahl lag letztes Jahr bei {de}."
    for code, des in _rows("currencies.tsv"):
        for de in des:
            if not include_bad and ("currencies.tsv", code, de) in bad:
                continue
            yield "currencies.tsv", code, de, f"It cost 250 {code} in total.", f"Es kostete insgesamt 250 {de}."
