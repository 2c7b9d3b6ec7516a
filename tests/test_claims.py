"""Claim ledger (issue 9) on small hand-made corpora.

The quantities come from a small stand-in extractor defined here, so these
tests do not depend on the numbers extractor; ``test_claims_corpus.py`` runs
the real one.
"""
from __future__ import annotations

import json
import re

import pytest

from audit.claims import build_ledger, csv_rows
from audit.numbers.model import Quantity
from helpers import make_adoc

_MAG = {"billion": 1e9, "bn": 1e9, "milliarden": 1e9, "mrd.": 1e9, "milliards": 1e9,
        "million": 1e6, "m": 1e6, "millionen": 1e6, "mio.": 1e6, "millions": 1e6}
_QUAL = [(r"(?:more than|over|über|plus de)\s+$", "more-than"),
         (r"(?:about|around|rund|environ|etwa)\s+$", "about"),
         (r"(?:nearly|beinahe|fast|près de)\s+$", "nearly"),
         (r"(?:as much as|up to|bis zu|jusqu'à)\s+$", "up-to")]
_RE = re.compile(
    r"(?P<cur>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)?)\s?"
    r"(?P<mag>billion|bn|Milliarden|Mrd\.|milliards|million|Millionen|Mio\.|millions|m)?(?![\w])"
    r"(?:\s+(?:de\s+)?(?P<cur2>dollars|Dollar|US-Dollar|USD|euros|Euro))?")


def fake_extract(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    end = len(text) if end is None else end
    out = []
    for m in _RE.finditer(text, start, end):
        num = m.group("num")
        if lang in ("de", "fr"):
            num = num.replace(".", "").replace(",", ".")
        value = float(num)
        mag = (m.group("mag") or "").lower()
        cur = m.group("cur") or m.group("cur2")
        unit = {"$": "USD", "€": "EUR", "£": "GBP"}.get(m.group("cur") or "", None)
        if unit is None and m.group("cur2"):
            unit = "EUR" if m.group("cur2").lower().startswith("euro") else "USD"
        if not mag and not cur and 1900 <= value <= 2100 and "." not in num:
            role = "year"
        else:
            role = "amount" if unit else "count"
            value *= _MAG.get(mag, 1)
        s, e = m.start(), m.end()
        while text[s].isspace():
            s += 1
        qual = None
        for pat, q in _QUAL:
            if re.search(pat, text[max(0, s - 14):s], re.IGNORECASE):
                qual = q
        out.append(Quantity(value, role, s, e, text[s:e], unit, qual))
    return out


def ledger_of(*adocs):
    led = build_ledger(list(adocs), extract=fake_extract)
    check_spans(led, adocs)
    return led


def check_spans(led, adocs):
    texts = {a.doc.id: a.doc for a in adocs}
    for row in led.rows:
        for c in row["claims"]:
            text = texts[c["doc"]].text(c["side"])
            assert text[c["span"]["start"]:c["span"]["end"]] == c["span"]["text"]
            assert text[c["sentence"]["start"]:c["sentence"]["end"]] == c["sentence"]["text"]
    for f in led.findings:
        assert f.category == "cross-document"
        doc = texts[f.doc].doc if hasattr(texts[f.doc], "doc") else texts[f.doc]
        for side, span in (("source", f.source), ("target", f.target)):
            if span is not None:
                assert doc.text(side)[span.start:span.end] == span.text
    json.dumps(led.rows)  # JSON-able


def rows_for(led, subject, predicate):
    return [r for r in led.rows if r["subject"] == subject and r["predicate"] == predicate]


# ---------------------------------------------------------------- agreement
def test_same_round_in_three_languages_is_one_row_without_finding():
    a = make_adoc(["Acme raised $600 million in April."],
                  ["Acme hat im April 600 Millionen Dollar gesammelt."], "en", "de", doc_id="a")
    b = make_adoc(["Acme vient de lever 600 millions de dollars."],
                  ["Acme just raised $600 million."], "fr", "en", doc_id="b")
    c = make_adoc(None, ["Der Online-Riese Globex hat 600 Millionen Dollar in Acme gesteckt."],
                  None, "de", doc_id="c")
    led = ledger_of(a, b, c)
    rows = rows_for(led, "Acme", "funding")
    assert len(rows) == 1
    assert rows[0]["documents"] == ["a", "b", "c"]
    assert rows[0]["status"] == "agreement"
    assert {(x["doc"], x["side"]) for x in rows[0]["claims"]} == {
        ("a", "source"), ("a", "target"), ("b", "source"), ("b", "target"), ("c", "target")}
    assert led.findings == []


def test_beneficiary_not_investor_is_the_subject():
    c = make_adoc(None, ["Globex led a $600m investment in Acme."], None, "en", doc_id="c")
    d = make_adoc(None, ["Acme raised $600m from investors, among them Globex."], None, "en", doc_id="d")
    led = ledger_of(c, d)
    assert [r["subject"] for r in led.rows] == ["Acme"]


# ---------------------------------------------------------------- disagreement
def test_values_that_cannot_both_be_true_are_flagged_on_the_minority():
    a = make_adoc(None, ["In July 2017 Acme raised $410 million."], None, "en", doc_id="a")
    b = make_adoc(None, ["Im Juli 2017 sammelte Acme 410 Millionen Dollar."], None, "de", doc_id="b")
    c = make_adoc(None, ["En juillet 2017, Acme a levé 500 millions de dollars."], None, "fr", doc_id="c")
    led = ledger_of(a, b, c)
    rows = rows_for(led, "Acme", "funding")
    assert len(rows) == 1 and rows[0]["time"] == "July 2017"
    assert [(f.doc, f.severity, f.details["kind"]) for f in led.findings] == [("c", "major", "disagreement")]
    f = led.findings[0]
    assert f.target.text == "500 millions de dollars"
    assert "$500 million" in f.message and "$410 million" in f.message
    assert {o["doc"] for o in f.details["others"]} == {"a", "b"}


def test_different_years_are_different_rows():
    a = make_adoc(None, ["In 2017 Acme raised $410 million."], None, "en", doc_id="a")
    b = make_adoc(None, ["In 2018 Acme raised $600 million."], None, "en", doc_id="b")
    led = ledger_of(a, b)
    assert len(rows_for(led, "Acme", "funding")) == 2
    assert led.findings == []


def test_attributed_disagreement_is_minor():
    a = make_adoc(None, ["According to Bloomberg, Acme is now valued at $3 billion."], None, "en", doc_id="a")
    b = make_adoc(None, ["Laut Reuters ist Acme jetzt 4,5 Milliarden Dollar wert."], None, "de", doc_id="b")
    c = make_adoc(None, ["Selon Reuters, Acme est aujourd'hui valorisée à 4,5 milliards de dollars."],
                  None, "fr", doc_id="c")
    led = ledger_of(a, b, c)
    rows = rows_for(led, "Acme", "valuation")
    assert len(rows) == 1
    assert rows[0]["attributions"] == ["Bloomberg", "Reuters"]
    assert [(f.doc, f.severity, f.details["kind"]) for f in led.findings] == [
        ("a", "minor", "attributed-disagreement")]
    assert "Bloomberg" in led.findings[0].message and "Reuters" in led.findings[0].message


# ---------------------------------------------------------------- qualifiers
def test_qualifiers_make_values_compatible():
    a = make_adoc(None, ["Acme is now worth more than $4.5 billion."], None, "en", doc_id="a")
    b = make_adoc(None, ["Acme ist jetzt rund 4,5 Milliarden Dollar wert."], None, "de", doc_id="b")
    c = make_adoc(None, ["Acme is now valued at about $4.6 billion."], None, "en", doc_id="c")
    led = ledger_of(a, b, c)
    assert len(rows_for(led, "Acme", "valuation")) == 1
    assert led.findings == []
    quals = {x["qualifier"] for x in led.rows[0]["claims"]}
    assert quals == {"more-than", "about"}


def test_more_than_does_not_stretch_to_any_value():
    a = make_adoc(None, ["Acme is now worth more than $3 billion."], None, "en", doc_id="a")
    b = make_adoc(None, ["Acme is now worth about $4.5 billion."], None, "en", doc_id="b")
    c = make_adoc(None, ["Acme ist jetzt rund 4,5 Milliarden Dollar wert."], None, "de", doc_id="c")
    led = ledger_of(a, b, c)
    assert [(f.doc, f.details["kind"]) for f in led.findings] == [("a", "disagreement")]
    assert "more than $3 billion" in led.findings[0].message


def test_up_to_is_compatible_with_less():
    a = make_adoc(None, ["In 2018 Acme raised as much as $1.6 billion."], None, "en", doc_id="a")
    b = make_adoc(None, ["In 2018 Acme raised $1.2 billion."], None, "en", doc_id="b")
    led = ledger_of(a, b)
    assert led.findings == []


# ---------------------------------------------------------------- ordinals
def test_round_ordinals_that_differ_are_flagged():
    a = make_adoc(None, ["In 2017 Acme raised $410 million in its second round of funding."],
                  None, "en", doc_id="a")
    b = make_adoc(None, ["2017 wurden in der ersten Finanzierungsrunde 410 Millionen Dollar in Acme investiert."],
                  None, "de", doc_id="b")
    led = ledger_of(a, b)
    rows = rows_for(led, "Acme", "funding")
    assert len(rows) == 1 and rows[0]["ordinals"] == ["first round", "second round"]
    kinds = sorted((f.doc, f.details["kind"]) for f in led.findings)
    assert kinds == [("a", "ordinal-disagreement"), ("b", "ordinal-disagreement")]
    fb = [f for f in led.findings if f.doc == "b"][0]
    assert fb.target.text == "ersten Finanzierungsrunde"
    assert "first round" in fb.message and "second round" in fb.message


def test_series_letters_agree_across_languages():
    a = make_adoc(["Acme raised $600 million in its April Series-C fundraising."],
                  ["Acme sammelte im April 600 Millionen Dollar in der Serie C."], "en", "de", doc_id="a")
    b = make_adoc(None, ["Acme a levé 600 millions de dollars lors de sa série C."], None, "fr", doc_id="b")
    led = ledger_of(a, b)
    rows = rows_for(led, "Acme", "funding")
    assert len(rows) == 1 and rows[0]["ordinals"] == ["Series C"]
    assert led.findings == []


# ---------------------------------------------------------------- translation drift
def test_translation_that_differs_from_its_source_while_others_agree():
    a = make_adoc(["Acme was founded in 2014. In 2017 it received $410 million in its second round."],
                  ["Acme wurde 2014 gegründet. 2017 erhielt es in seiner zweiten Runde $ 2017 Millionen."],
                  "en", "de", doc_id="a")
    b = make_adoc(None, ["In July 2017 Acme raised $410 million."], None, "en", doc_id="b")
    led = ledger_of(a, b)
    drift = [f for f in led.findings if f.details["kind"] == "translation-drift"]
    assert len(drift) == 1
    f = drift[0]
    assert f.doc == "a" and f.severity == "major"
    assert f.source.text == "$410 million" and f.target.text == "$ 2017 Millionen"
    assert "its source says $410 million" in f.message and "b agrees" in f.message
    row = rows_for(led, "Acme", "funding")[0]
    target = [c for c in row["claims"] if c["side"] == "target"][0]
    assert target["agrees_with_source"] is False and target["linked_to"] == "source"


def test_drift_without_support_is_left_to_the_per_document_checks():
    a = make_adoc(["In 2017 Acme received $410 million."], ["2017 erhielt Acme 2017 Millionen Dollar."],
                  "en", "de", doc_id="a")
    led = ledger_of(a)
    assert led.findings == []
    assert len(rows_for(led, "Acme", "funding")) == 1


# ---------------------------------------------------------------- names and time
def test_names_match_across_languages_and_spellings():
    a = make_adoc(None, ["En juillet 2017, Pékin a annoncé un plan.",
                         "Son objectif : générer 60 milliards de dollars d'ici 2025."], None, "fr", doc_id="a")
    b = make_adoc(None, ["China hopes the industry will be worth $60bn by 2025."], None, "en", doc_id="b")
    c = make_adoc(None, ["Megviis vorherige Finanzierungsrunde brachte 460 Millionen Dollar."], None, "de", doc_id="c")
    d = make_adoc(None, ["Megvii's previous funding round raised $460 million."], None, "en", doc_id="d")
    led = ledger_of(a, b, c, d)
    market = rows_for(led, "China", "market")
    assert len(market) == 1 and market[0]["documents"] == ["a", "b"] and market[0]["time"] == "by 2025"
    megvii = rows_for(led, "Megvii", "funding")
    assert len(megvii) == 1 and megvii[0]["documents"] == ["c", "d"]
    assert led.findings == []


def test_now_and_a_year_ago_are_different_rows():
    a = make_adoc(None, ["Acme is now worth $4.5 billion. A year ago Acme was valued at $1.5 billion."],
                  None, "en", doc_id="a")
    b = make_adoc(None, ["Vor einem Jahr lag die Bewertung von Acme bei rund 1,5 Milliarden Dollar."],
                  None, "de", doc_id="b")
    led = ledger_of(a, b)
    rows = rows_for(led, "Acme", "valuation")
    assert len(rows) == 2
    assert led.findings == []


# ---------------------------------------------------------------- outputs
def test_csv_rows_are_flat_scalars():
    a = make_adoc(["Acme raised $600 million."], ["Acme sammelte 600 Millionen Dollar."], "en", "de", doc_id="a")
    led = ledger_of(a)
    rows = csv_rows(led)
    assert len(rows) == 2
    for r in rows:
        assert all(v is None or isinstance(v, (str, int, float, bool)) for v in r.values())
        assert {"row", "subject", "predicate", "time", "doc", "side", "value", "qualifier",
                "attribution", "ordinal", "start", "end", "text"} <= set(r)


def test_empty_corpus():
    led = build_ledger([], extract=fake_extract)
    assert led.rows == [] and led.findings == [] and csv_rows(led) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "Acme raised $600 million."),
    ("de", "Acme hat 600 Millionen Dollar aufgebracht."),
    ("fr", "Acme a levé 600 millions de dollars."),
])
def test_each_language_yields_a_funding_claim(lang, text):
    # German capitalises every noun: a German name is known as a name from the
    # other languages of the corpus (or from its shape: SenseTime, CDH)
    other = make_adoc(None, ["We wrote about Acme."], None, "en", doc_id="y")
    led = ledger_of(make_adoc(None, [text], None, lang, doc_id="x"), other)
    assert [(r["subject"], r["predicate"]) for r in led.rows] == [("Acme", "funding")]
