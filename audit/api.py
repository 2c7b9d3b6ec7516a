"""The Python API: the audit's tables as pandas DataFrames."""
from __future__ import annotations

from pathlib import Path

from .outputs import alignment_records, document_rows, finding_records, flatten
from .pipeline import AuditOptions, run_audit
from .score import ScoringOptions


def run(input_path: str | Path, *, presegmented: bool = False, checks: list[str] | None = None,
        backends: tuple[str, ...] = ("auto",), model: str | None = None, claims: bool = True):
    """Audit ``input_path`` and return ``{"alignment", "findings", "documents", "claims"}`` DataFrames.

    Columns match the CSV files of ``mtaudit run --format csv`` (spans are
    flattened into ``source_start``, ``source_end``, ``source_text`` ...).
    """
    import pandas as pd

    from .claims import csv_rows

    options = AuditOptions(presegmented=presegmented, checks=checks,
                           scoring=ScoringOptions(backends=tuple(backends), model=model),
                           claims=claims, progress=False)
    result = run_audit(input_path, options)
    return {
        "alignment": pd.DataFrame([flatten(r) for r in alignment_records(result.adocs)]),
        "findings": pd.DataFrame(
            [flatten(r) for r in finding_records(result.findings)],
            columns=["doc", "check", "category", "severity", "message", "source_start", "source_end",
                     "source_text", "target_start", "target_end", "target_text", "details"],
        ),
        "documents": pd.DataFrame(document_rows(result.summary)),
        "claims": pd.DataFrame(csv_rows(result.ledger)),
    }
