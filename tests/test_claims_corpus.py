"""Claim ledger on the SenseTime corpus, with the real quantity extractor."""
from __future__ import annotations

from pathlib import Path

import pytest

from audit.claims import build_ledger, csv_rows
from audit.numbers.extract import extract

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "sensetime"

pytestmark = pytest.mark.skipif(not extract("$600 million", "en"), reason="quantity extractor not available")


@pytest.fixture(scope="module")
def corpus():
    from audit.load import load
    from audit.pipeline import align_document, segment_side

    adocs = []
    for d in load(str(CORPUS)):
        src = segment_side(d, "source", False) if d.has_source else []
        tgt = segment_side(d, "target", False)
        adocs.append(align_document(d, src, tgt, None))
    return adocs, build_ledger(adocs)


def _rows(led, subject, predicate, value=None):
    out = []
    for r in led.rows:
        if r["subject"] == subject and r["predicate"] == predicate:
            if value is None or any(c["value"] == value for c in r["claims"] if c["side"] == "source"
                                    or c["linked_to"] is None):
                out.append(r)
    return out


def test_spans_are_exact(corpus):
    adocs, led = corpus
    docs = {a.doc.id: a.doc for a in adocs}
    for r in led.rows:
        for c in r["claims"]:
            t = docs[c["doc"]].text(c["side"])
            assert t[c["span"]["start"]:c["span"]["end"]] == c["span"]["text"]
    for f in led.findings:
        for side, span in (("source", f.source), ("target", f.target)):
            if span is not None:
                assert docs[f.doc].text(side)[span.start:span.end] == span.text
    assert len(csv_rows(led)) == sum(len(r["claims"]) for r in led.rows)


def test_600_million_round_told_five_ways_is_one_agreeing_row(corpus):
    _, led = corpus
    rows = _rows(led, "SenseTime", "funding", 6e8)
    assert len(rows) == 1
    row = rows[0]
    assert {"000", "001", "002", "004"} <= set(row["documents"])
    assert {c["lang"] for c in row["claims"]} == {"en", "de", "fr"}
    assert row["status"] == "agreement"
    assert "Series C" in row["ordinals"]


def test_410_million_round_drift_and_ordinal(corpus):
    _, led = corpus
    rows = _rows(led, "SenseTime", "funding", 4.1e8)
    assert len(rows) == 1
    row = rows[0]
    assert {"000", "001", "002", "004"} <= set(row["documents"])
    kinds = {(f.doc, f.details["kind"]) for f in led.findings if f.details["row"] == row["id"]}
    assert ("002", "translation-drift") in kinds
    assert ("000", "ordinal-disagreement") in kinds
    drift = [f for f in led.findings if f.details["row"] == row["id"] and f.details["kind"] == "translation-drift"][0]
    assert "2017" in drift.target.text and drift.source.text == "$410million" and drift.severity == "major"


def test_valuations_with_who_reported_them(corpus):
    _, led = corpus
    rows = _rows(led, "SenseTime", "valuation")
    attrs = set().union(*(set(r["attributions"]) for r in rows))
    assert {"Bloomberg", "Reuters", "Wall Street Journal"} <= attrs
    kinds = {f.details["kind"] for f in led.findings if f.details["predicate"] == "valuation"}
    assert kinds <= {"attributed-disagreement"}


def test_megvii_rounds_market_and_founding(corpus):
    _, led = corpus
    assert _rows(led, "Megvii", "funding", 6e8) and _rows(led, "Megvii", "funding", 4.6e8)
    market = _rows(led, "China", "market")
    assert any(r["time"] == "by 2025" and {"002", "004"} <= set(r["documents"]) for r in market)
    founded = _rows(led, "SenseTime", "founded")
    assert founded and any(f.doc == "003" and f.details["kind"] == "translation-drift"
                           for f in led.findings if f.details["row"] == founded[0]["id"])
