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
from .model import AlignedDocument

FLOAT_DIGITS = 4


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
        writer.writerow({k: "" if r.get(k) is None else r.get(k) for k in columns})
    return buf.getvalue()


def document_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per document of ``summary.json`` (for CSV and DataFrames)."""
    rows = []
    for d in summary["documents"]:
        row = {k: d.get(k) for k in ("id", "source_lang", "target_lang", "source_name", "target_name", "pairs")}
        row["source_segments"] = d["segments"]["source"]
        row["target_segments"] = d["segments"]["target"]
        sim = d.get("similarity") or {}
        row["similarity_backend"] = sim.get("backend")
        row["similarity_mean"] = sim.get("mean")
        row["findings"] = d["findings"]["total"]
        for sev, n in d["findings"]["by_severity"].items():
            row[sev] = n
        for cat, sevs in d["findings"]["by_category"].items():
            row[cat] = sum(sevs.values())
        rows.append(row)
    return rows


def render_files(result, formats: Iterable[str] = ("jsonl",)) -> dict[str, str]:
    """Every output file of ``result`` as ``{name: text}``."""
    from .claims import csv_rows

    alignment = alignment_records(result.adocs)
    findings = finding_records(result.findings)
    claims = _round(result.ledger.rows)
    files = {
        "alignment.jsonl": dumps_jsonl(alignment),
        "findings.jsonl": dumps_jsonl(findings),
        "claims.jsonl": dumps_jsonl(claims),
        "claims.csv": dumps_csv(_round(csv_rows(result.ledger))),
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


def write_files(files: dict[str, str], out_dir: Path, html: bool = True) -> Path:
    """Write ``files`` (and report.html) into ``out_dir`` atomically."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise AuditError(f"{out_dir}: exists and is not a folder")
    parent = out_dir.parent if str(out_dir.parent) else Path(".")
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
        raise AuditError(f"{out_dir}: cannot write outputs ({exc.strerror or exc})") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return out_dir


def write_outputs(result, out_dir: str | Path, formats: Iterable[str] = ("jsonl",), html: bool = True) -> Path:
    return write_files(render_files(result, formats), Path(out_dir), html=html)
