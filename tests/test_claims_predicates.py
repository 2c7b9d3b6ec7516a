"""Claims take subject and predicate from their own sentence and clause.

A JSONL pair is one aligned segment that may hold several sentences; the
founding year of a German participial attribute ("das 2015 gegründete
Unternehmen") or a French/English apposition ("fondée en 2014") is a
founding claim, and the employee count next to it is not.
"""
from __future__ import annotations

from audit.claims import build_ledger, csv_rows
from helpers import make_adoc


def _rows(led):
    return {(r["subject"], r["predicate"]): r for r in led.rows}


def test_two_sentences_in_one_pair_keep_their_own_subject_and_predicate():
    a = make_adoc(["The company, founded in 2014, employs 3,000 people. It was founded in 2014 by Tang Xiao'ou."],
                  ["Das 2015 gegründete Unternehmen beschäftigt 3.000 Mitarbeiter. Es wurde 2016 von Tang Xiao'ou "
                   "gegründet."], "en", "de", doc_id="m3")
    led = build_ledger([a])
    rows = _rows(led)
    assert set(rows) == {("(the company of m3)", "founded"), ("(the company of m3)", "employees")}
    founded = rows[("(the company of m3)", "founded")]
    values = sorted((c["side"], c["value"]) for c in founded["claims"])
    assert values == [("source", 2014), ("source", 2014), ("target", 2015), ("target", 2016)]
    assert "target differs from source" in founded["status"]
    assert "target disagrees with itself" in founded["status"]
    employees = rows[("(the company of m3)", "employees")]
    assert {c["value"] for c in employees["claims"]} == {3000}
    assert employees["time"] is None  # the founding year does not date the head count
    # each claim cites its own sentence, not the whole pair
    sentences = {c["sentence"]["text"] for c in founded["claims"]}
    assert "Es wurde 2016 von Tang Xiao'ou gegründet." in sentences
    assert "Das 2015 gegründete Unternehmen beschäftigt 3.000 Mitarbeiter." in sentences
    assert all(r["subject"] != "Tang Xiao'ou" for r in csv_rows(led))


def test_french_apposition_founding_year_and_head_count():
    a = make_adoc(["L'entreprise, fondée en 2014, emploie 3 000 personnes."],
                  ["The company, founded in 2015, employs 3,000 people."], "fr", "en", doc_id="f1")
    led = build_ledger([a])
    rows = _rows(led)
    founded = rows[("(the company of f1)", "founded")]
    assert sorted(c["value"] for c in founded["claims"]) == [2014, 2015]
    assert founded["status"] == "single, target differs from source"
    employees = rows[("(the company of f1)", "employees")]
    assert employees["status"] == "single"


def test_unnamed_companies_of_two_documents_stay_apart():
    a = make_adoc(None, ["The company employs 3,000 people."], None, "en", doc_id="a")
    b = make_adoc(None, ["The company employs 5,000 people."], None, "en", doc_id="b")
    led = build_ledger([a, b])
    assert sorted(r["subject"] for r in led.rows) == ["(the company of a)", "(the company of b)"]
    assert led.findings == []


def test_trigger_in_the_numbers_own_clause_wins():
    # "raised" is nearer in characters, but "employs" is in the number's clause
    a = make_adoc(None, ["Acme, which raised $5 million, employs 300 people."], None, "en", doc_id="a")
    other = make_adoc(None, ["We wrote about Acme."], None, "en", doc_id="y")
    led = build_ledger([a, other])
    assert {(r["subject"], r["predicate"]) for r in led.rows} == {("Acme", "funding"), ("Acme", "employees")}


def test_named_company_stays_the_topic_when_a_founder_is_named():
    a = make_adoc(None, ["Acme was founded in 2014 by Tang Xiao'ou. It employs 3,000 people."],
                  None, "en", doc_id="a")
    led = build_ledger([a])
    assert {(r["subject"], r["predicate"]) for r in led.rows} == {("Acme", "founded"), ("Acme", "employees")}
