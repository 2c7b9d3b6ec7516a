"""The Python API: the audit's tables as pandas DataFrames."""
from __future__ import annotations

from pathlib import Path

from .outputs import alignment_records, document_rows, finding_records, flatten
from .pipeline import AuditOptions, run_audit
from .score import ScoringOptions


def _names(value, what: str) -> list[str] | None:
    """A list of names from a list/tuple or a comma-separated string."""
    if value is None:
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(f"{what} must be a comma-separated string or a list of strings, not {value!r}")


def run(input_path: str | Path, *, presegmented: bool = False, checks: str | list[str] | None = None,
        backends: str | tuple[str, ...] = ("auto",), model: str | None = None, claims: bool = True):
    """Audit ``input_path`` and return ``{"alignment", "findings", "documents", "claims"}`` DataFrames.

    The options are those of ``mtaudit run``: ``checks`` and ``backends``
    take a list or a comma-separated string ("numbers,lexicon"), ``claims``
    is the opposite of ``--no-claims``.  Columns match the CSV files of
    ``mtaudit run --format csv`` (spans are flattened into ``source_start``,
    ``source_end``, ``source_text`` ...), also when a table is empty.
    """
    import pandas as pd

    from .claims import CSV_COLUMNS, csv_rows

    options = AuditOptions(presegmented=presegmented, checks=_names(checks, "checks"),
                           scoring=ScoringOptions(backends=tuple(_names(backends, "backends") or ("auto",)),
                                                  model=model),
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
        "claims": pd.DataFrame(csv_rows(result.ledger), columns=list(CSV_COLUMNS)),
    }
