"""``mtaudit report DIR``: rebuild ``DIR/report.html`` from the run files.

Before anything is written the run files are checked against the documented
schema (README, "Output schema"), so a corrupt or foreign folder fails with
one line naming the file (and line) instead of a report built from nonsense.
The page renderer itself (:mod:`audit.report.html`) stays lenient: it also
previews hand-made runs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..cli import user_errors
from ..errors import AuditError
from ..model import SEVERITIES
from ..runfiles import jsonl_lines


def _json_type(value: Any) -> str:
    for t, name in ((bool, "a boolean"), (str, "a string"), (int, "a number"), (float, "a number"),
                    (dict, "an object"), (list, "a list")):
        if isinstance(value, t):
            return name
    return "null"


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else str(path)


def _check_span(value: Any, where: str, side: str) -> None:
    """A span is null/absent or ``{start, end, text}`` with 0 <= start <= end."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise AuditError(f"{where}: {side!r} must be a span object or null")
    start, end = value.get("start"), value.get("end")
    for name, v in (("start", start), ("end", end)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise AuditError(f"{where}: {side}.{name} must be an integer offset, not {v!r}")
    if not 0 <= start <= end:
        raise AuditError(f"{where}: {side} span has start {start} and end {end} "
                         "(needs 0 <= start <= end)")
    if "text" in value and not isinstance(value["text"], str):
        raise AuditError(f"{where}: {side}.text must be a string")


def _line_numbers(path: Path, count: int) -> list[int | None]:
    """The line number of each record :func:`audit.runfiles.read_jsonl` returned."""
    try:
        numbers: list[int | None] = [n for n, _ in jsonl_lines(path.read_text(encoding="utf-8"))]
    except (OSError, UnicodeDecodeError):  # read a moment ago; name the file at least
        numbers = []
    return numbers if len(numbers) == count else [None] * count


def check_summary(summary: Any, path: Path) -> None:
    """summary.json: an object whose ``documents`` is a list of objects with an id."""
    if not isinstance(summary, dict):
        raise AuditError(f"{path}: expected a JSON object")
    if "documents" not in summary:
        raise AuditError(f"{path}: no 'documents' list (not an mtaudit summary)")
    docs = summary["documents"]
    if not isinstance(docs, list):
        raise AuditError(f"{path}: 'documents' must be a list, not {_json_type(docs)}")
    for i, d in enumerate(docs):
        if not isinstance(d, dict) or "id" not in d:
            raise AuditError(f"{path}: documents[{i}] must be an object with an 'id'")


def check_findings(rows: list[dict[str, Any]], path: Path) -> None:
    """Every finding: doc, category, a known severity, well-formed spans."""
    for row, line in zip(rows, _line_numbers(path, len(rows))):
        where = _where(path, line)
        for key in ("doc", "category"):
            v = row.get(key)
            if not isinstance(v, str) or not v:
                raise AuditError(f"{where}: a finding needs {key!r} (a non-empty string), got {v!r}")
        sev = row.get("severity")
        if sev not in SEVERITIES:
            raise AuditError(f"{where}: unknown severity {sev!r} (known: {', '.join(SEVERITIES)})")
        for side in ("source", "target"):
            _check_span(row.get(side), where, side)


def check_alignment(rows: list[dict[str, Any]], path: Path) -> None:
    """Every aligned pair: a doc and well-formed spans."""
    for row, line in zip(rows, _line_numbers(path, len(rows))):
        where = _where(path, line)
        v = row.get("doc")
        if not isinstance(v, str) or not v:
            raise AuditError(f"{where}: an aligned pair needs 'doc' (a non-empty string), got {v!r}")
        for side in ("source", "target"):
            _check_span(row.get(side), where, side)


def check_run(directory: str | Path) -> dict[str, Any]:
    """The parsed run files of ``directory`` (see :func:`audit.report.html.load_run`);
    :class:`AuditError` (one line) unless they are in the documented format."""
    from .html import load_run

    d = Path(directory)
    if d.exists() and not d.is_dir():
        raise AuditError(f"{d}: is a file; expected a run folder (the --out folder of "
                         "mtaudit run, holding summary.json, alignment.jsonl and findings.jsonl)")
    try:
        run = load_run(d)
    except (OSError, UnicodeDecodeError) as exc:  # summary.json unreadable
        raise AuditError(f"{d / 'summary.json'}: cannot read ({exc})") from None
    except RecursionError:
        raise AuditError(f"{d / 'summary.json'}: JSON nested too deeply") from None
    check_summary(run["summary"], d / "summary.json")
    check_alignment(run["alignment"], d / "alignment.jsonl")
    check_findings(run["findings"], d / "findings.jsonl")
    return run


@click.command("report")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=True, dir_okay=True, path_type=str))
@user_errors
def report_cmd(directory: str) -> None:
    """Rebuild DIR/report.html from the files of a run (summary.json,
    alignment.jsonl, findings.jsonl and claims.jsonl if present)."""
    from .html import write_report

    run = check_run(directory)
    try:
        path = write_report(directory, run=run)
    except OSError as exc:
        raise AuditError(f"{directory}: cannot write report.html ({exc.strerror or exc})") from None
    click.echo(str(path))
