"""Reading an output folder back: the JSONL files that ``mtaudit run`` wrote.

The report, the regression gate and the run comparison all read them here,
so a damaged file gives the same one-line error everywhere.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import AuditError


def jsonl_lines(text: str):
    """``(line number, line)`` of the non-blank lines of a JSONL text.

    Lines end at ``\n`` only: JSON strings may hold U+2028, U+0085 and other
    characters that :meth:`str.splitlines` would break on.  A leading BOM and
    the ``\r`` of CRLF endings are dropped.
    """
    for n, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        line = line.removesuffix("\r")
        if line.strip():
            yield n, line


def read_jsonl(path: Path, require: tuple[str, ...] = (), error: type[AuditError] = AuditError) -> list[dict[str, Any]]:
    """One dict per non-empty line; every problem names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read ({exc})") from None
    rows = []
    for n, line in jsonl_lines(text):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{n}: malformed JSON ({exc.msg})") from None
        except RecursionError:
            raise error(f"{path}:{n}: JSON nested too deeply") from None
        if not isinstance(row, dict) or any(k not in row for k in require):
            need = f" with {', '.join(repr(k) for k in require)}" if require else ""
            raise error(f"{path}:{n}: expected a JSON object{need}")
        rows.append(row)
    return rows


def read_findings(path: str | Path) -> list[dict[str, Any]]:
    """The findings of a run: its output folder or its ``findings.jsonl``."""
    p = Path(path)
    if not p.exists():
        raise AuditError(f"{p}: no such run folder or findings file")
    f = p / "findings.jsonl" if p.is_dir() else p
    if not f.is_file():
        raise AuditError(f"{p}: not a run folder (no findings.jsonl)")
    return read_jsonl(f, require=("doc", "category"))
