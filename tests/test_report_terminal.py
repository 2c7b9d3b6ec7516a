"""The summary table printed at the end of a run."""
from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from audit.report.terminal import print_summary

SUMMARY = {
    "tool": "mtaudit",
    "backends": [
        {"name": "lexical", "ran": True, "reason": None},
        {"name": "embeddings", "ran": False, "reason": "sentence-transformers not installed [extra]"},
    ],
    "documents": [
        {"id": "000", "source_lang": None, "target_lang": "de", "pairs": 17,
         "similarity": {"backend": None, "mean": None, "values": []},
         "findings": {"total": 1, "by_category": {"fluency": {"major": 0, "minor": 1}},
                      "by_severity": {"major": 0, "minor": 1}}},
        {"id": "[b]002[/b]", "source_lang": "en", "target_lang": "de", "pairs": 12,
         "similarity": {"backend": "lexical", "mean": 0.612, "values": [0.6, 0.62]},
         "findings": {"total": 4, "by_category": {"number": {"major": 2, "minor": 0},
                                                  "sense": {"major": 1, "minor": 1}},
                      "by_severity": {"major": 3, "minor": 1}}},
    ],
    "totals": {"documents": 2, "pairs": 29, "findings": 5, "by_category": {},
               "by_severity": {"major": 3, "minor": 2}},
}


def output(summary: dict, path: Path | None) -> str:
    buf = io.StringIO()
    print_summary(summary, path, console=Console(file=buf, width=140, color_system=None))
    return buf.getvalue()


def test_table_has_documents_categories_backends_and_path() -> None:
    out = output(SUMMARY, Path("/tmp/out/report.html"))
    for word in ("000", "[b]002[/b]", "num", "sense", "flu", "num = number", "en→de", "de only", "0.61"):
        assert word in out, word
    assert "negation" not in out  # categories nobody found are left out
    assert "2/0" in out and "1/1" in out and "0/1" in out
    assert "embeddings did not run: sentence-transformers not installed [extra]" in out
    assert "lexical" in out
    assert out.rstrip().endswith("Report: /tmp/out/report.html")
    assert "3/2" in out


def test_nine_categories_fit_in_80_columns() -> None:
    from audit.model import CATEGORIES

    docs = [{"id": f"{i:03d}", "source_lang": "en", "target_lang": "de", "pairs": 31,
             "similarity": {"mean": 0.7},
             "findings": {"total": 13 * 9, "by_category": {c: {"major": 1, "minor": 12} for c in CATEGORIES},
                          "by_severity": {"major": 9, "minor": 108}}} for i in range(3)]
    buf = io.StringIO()
    print_summary({"documents": docs, "backends": [], "totals": {"pairs": 93}}, None,
                  console=Console(file=buf, width=80, color_system=None))
    out = buf.getvalue()
    assert "…" not in out
    assert all(f"{i:03d}" in out for i in range(3))
    assert "9/108" in out and "xdoc" in out


def test_no_documents_no_report() -> None:
    out = output({"documents": [], "backends": []}, None)
    assert "No documents." in out and "Report" not in out
