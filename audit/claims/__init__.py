"""Claim ledger across the documents of a corpus (placeholder)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import AlignedDocument, Finding


@dataclass
class Ledger:
    rows: list[dict[str, Any]] = field(default_factory=list)  # JSON-able, one per ledger row
    findings: list[Finding] = field(default_factory=list)  # category "cross-document"


def build_ledger(adocs: list[AlignedDocument]) -> Ledger:
    return Ledger()
