"""Scoring: how close each aligned pair is in meaning (placeholder)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import AlignedDocument, Finding


@dataclass
class ScoringOptions:
    backends: tuple[str, ...] = ("auto",)  # "lexical", "embeddings", "backtranslation", "auto"
    model: str | None = None
    cache_dir: str | None = None


@dataclass
class ScoringReport:
    backends: list[dict[str, Any]] = field(default_factory=list)  # {name, ran, reason}
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-doc summary
    findings: list[Finding] = field(default_factory=list)
    signature: dict[str, str] = field(default_factory=dict)


def embeddings_for_alignment(sentences_by_side, options: ScoringOptions):
    """Sentence embeddings to help the aligner, or None when no backend runs."""
    return None


def score(adocs: list[AlignedDocument], options: ScoringOptions) -> ScoringReport:
    """Fill ``pair.scores`` and summarise per document (placeholder)."""
    return ScoringReport(backends=[{"name": "lexical", "ran": False, "reason": "not written yet"}])
