"""Claim ledger across the documents of a corpus (issue 9).

``build_ledger(adocs)`` extracts claims (subject, predicate, quantity, time,
ordinal, qualifier, attribution) from every text of the corpus, groups them
into rows (one per subject, predicate and time) and flags cross-document
disagreements as findings of category ``cross-document``.
``csv_rows(ledger)`` flattens the rows for ``claims.csv``.
"""
from __future__ import annotations

from .ledger import CSV_COLUMNS, Ledger, build_ledger, csv_rows, display
from .model import Claim, ClaimTime

__all__ = ["CSV_COLUMNS", "Ledger", "build_ledger", "csv_rows", "display", "Claim", "ClaimTime"]
