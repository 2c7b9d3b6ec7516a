"""mtaudit: audit machine translations for distorted claims.

The Python API mirrors the CLI: ``audit.run(path)`` loads a paired corpus,
segments, aligns, checks and scores it, and returns the tables as pandas
DataFrames.
"""
from __future__ import annotations

__version__ = "0.1.0"


def run(input_path, **options):
    """Audit ``input_path``; return ``{"alignment", "findings", "documents", "claims"}`` DataFrames.

    Keyword options (see :func:`audit.api.run`): ``presegmented``, ``checks``,
    ``backends``, ``model``, ``claims``, as for ``mtaudit run``.
    """
    from .api import run as _run

    return _run(input_path, **options)
