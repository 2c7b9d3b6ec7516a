"""Write an audit's results: JSONL (and CSV) tables, summary.json, report.html.

Everything is written into a temporary sibling folder first and moved into
place at the end, so a failed run leaves an earlier output folder untouched.
Records are built in a fixed key order and floats are rounded, so the same
input gives byte-identical files.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any, Iterable

from .errors import AuditError
from .model import CATEGORIES, SEVERITIES, AlignedDocument

FLOAT_DIGITS = 4
# the files a run may leave in its folder: only a folder holding nothing else
# is ever replaced, so a mistyped --out cannot delete a user's files
OUTPUT_NAMES = frozenset({
    "alignment.jsonl", "findings.jsonl", "claims.jsonl", "claims.csv", "summary.json", "report.html",
    "alignment.csv", "findings.csv", "documents.csv", "diff.json",
})


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, FLOAT_DIGITS)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return value


def alignment_records(adocs: Iterable[AlignedDocument]) -> list[dict[str, Any]]:
    rows = []
    for adoc in adocs:
        for pair in adoc.pairs:
            src = adoc.span("source", pair)
            tgt = adoc.span("target", pair)
            rows.append({
                "doc": adoc.doc.id,
                "index": pair.index,
                "type": pair.type,
                "source": src.to_dict() if src else None,
                "target": tgt.to_dict() if tgt else None,
                "confidence": pair.confidence,
                "low_confidence": pair.low_confidence,
                "furniture": pair.furniture,
                "scores": dict(sorted(pair.scores.items())),
            })
    return _round(rows)


def finding_records(findings) -> list[dict[str, Any]]:
    return _round([f.to_dict() for f in findings])


def dumps_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def flatten(row: dict[str, Any]) -> dict[str, Any]:
    """One CSV row: spans become ``source_start`` ..., nested dicts JSON strings."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if key in ("source", "target") and (value is None or isinstance(value, dict)):
            for part in ("start", "end", "text"):
                flat[f"{key}_{part}"] = None if value is None else value.get(part)
        elif isinstance(value, (dict, list)):
            flat[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            flat[key] = value
    return flat


def _cell(value: Any) -> Any:
    """A CSV cell: nothing for None, JSON's true / false for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def dumps_csv(rows: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    flat = [flatten(r) for r in rows]
    if columns is None:
        columns = []
        for r in flat:
            for k in r:
                if k not in columns:
                    columns.append(k)
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in flat:
        writer.writerow({k: _cell(r.get(k)) for k in columns})
    return buf.getvalue()


def document_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per document of ``summary.json`` (for CSV and DataFrames)."""
    docs = summary["documents"]
    # the same columns whatever was found: every severity and category
    severities = list(SEVERITIES)
    seen = {k for d in docs for k in d["findings"]["by_category"]}
    categories = list(CATEGORIES) + sorted(seen - set(CATEGORIES))
    rows = []
    for d in docs:
        row = {k: d.get(k) for k in ("id", "source_lang", "target_lang", "source_name", "target_name", "pairs")}
        row["source_segments"] = d["segments"]["source"]
        row["target_segments"] = d["segments"]["target"]
        sim = d.get("similarity") or {}
        row["similarity_backend"] = sim.get("backend")
        row["similarity_mean"] = sim.get("mean")
        row["findings"] = d["findings"]["total"]
        for sev in severities:  # every count in every row: 0, not blank
            row[sev] = d["findings"]["by_severity"].get(sev, 0)
        for cat in categories:
            row[cat] = sum(d["findings"]["by_category"].get(cat, {}).values())
        rows.append(row)
    return rows


def render_files(result, formats: Iterable[str] = ("jsonl",)) -> dict[str, str]:
    """Every output file of ``result`` as ``{name: text}``."""
    from .claims import CSV_COLUMNS, csv_rows

    alignment = alignment_records(result.adocs)
    findings = finding_records(result.findings)
    claims = _round(result.ledger.rows)
    files = {
        "alignment.jsonl": dumps_jsonl(alignment),
        "findings.jsonl": dumps_jsonl(findings),
        "claims.jsonl": dumps_jsonl(claims),
        "claims.csv": dumps_csv(_round(csv_rows(result.ledger)), list(CSV_COLUMNS)),
        "summary.json": json.dumps(_round(result.summary), ensure_ascii=False, indent=2) + "\n",
    }
    if "csv" in formats:
        files["alignment.csv"] = dumps_csv(alignment)
        files["findings.csv"] = dumps_csv(
            findings, ["doc", "check", "category", "severity", "message",
                       "source_start", "source_end", "source_text",
                       "target_start", "target_end", "target_text", "details"])
        files["documents.csv"] = dumps_csv(document_rows(result.summary))
    return files


def check_out_dir(out_dir: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """``out_dir`` made absolute, after checking that writing there destroys
    nothing but an earlier run's outputs: it must be new, empty, or hold only
    files of :data:`OUTPUT_NAMES`, and must not hold the current folder or any
    of ``inputs``."""
    shown = out_dir
    out_dir = Path(os.path.abspath(out_dir))
    here = Path(os.path.abspath(os.getcwd()))
    if here == out_dir or here.is_relative_to(out_dir):
        raise AuditError(f"{shown}: is the current folder or holds it; choose a new or empty folder")
    for item in inputs:
        if Path(os.path.abspath(item)).is_relative_to(out_dir):
            raise AuditError(f"{shown}: holds the input {item}; choose another output folder")
    if not out_dir.exists():
        return out_dir
    if not out_dir.is_dir():
        raise AuditError(f"{shown}: exists and is not a folder")
    try:
        entries = sorted(out_dir.iterdir())
    except OSError as exc:
        raise AuditError(f"{shown}: cannot read folder ({exc.strerror or exc})") from None
    foreign = [e.name for e in entries if e.name not in OUTPUT_NAMES or e.is_symlink() or not e.is_file()]
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        raise AuditError(
            f"{shown}: holds files that are not mtaudit outputs ({', '.join(foreign[:3])}{more}); "
            "choose a new or empty folder")
    return out_dir


def write_files(files: dict[str, str], out_dir: Path, html: bool = True) -> Path:
    """Write ``files`` (and report.html) into ``out_dir`` atomically; an
    existing ``out_dir`` is replaced only if :func:`check_out_dir` allows."""
    given = Path(out_dir)
    out_dir = check_out_dir(given)
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AuditError(f"{parent}: cannot create folder ({exc.strerror or exc})") from None
    tmp = parent / f".{out_dir.name}.tmp-{os.getpid()}"
    old = parent / f".{out_dir.name}.old-{os.getpid()}"
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        for name, text in sorted(files.items()):
            (tmp / name).write_text(text, encoding="utf-8", newline="")
        if html:
            from .report.html import render

            (tmp / "report.html").write_text(render(tmp), encoding="utf-8", newline="")
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            os.replace(old, out_dir)
        raise AuditError(f"{given}: cannot write outputs ({exc.strerror or exc})") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return given


def write_outputs(result, out_dir: str | Path, formats: Iterable[str] = ("jsonl",), html: bool = True,
                  extra: dict[str, str] | None = None) -> Path:
    """Render and write every output of ``result`` (plus ``extra`` files, such
    as ``diff.json``) into ``out_dir``."""
    files = render_files(result, formats)
    files.update(extra or {})
    return write_files(files, Path(out_dir), html=html)
