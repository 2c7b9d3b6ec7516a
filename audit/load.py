"""Load a paired corpus: a folder with pairs.csv, a pairs.csv, a JSONL or a TSV file.

Every problem with the input is an :class:`AuditError` whose message names the
file and, where it can, the line: the CLI prints it as one line and exits 2.
Texts are decoded as UTF-8 with their line endings untouched, so that offsets
into them are offsets into the file's text.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

from .errors import AuditError
from .model import LANGUAGES, Document
from .runfiles import jsonl_lines

PAIR_FIELDS = ("id", "source_lang", "source", "target_lang", "target")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def read_text(path: Path, shown: str | None = None) -> str:
    """The file's text decoded as UTF-8, line endings untouched."""
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AuditError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise AuditError(f"{shown}: is a folder, not a file") from None
    except OSError as exc:
        raise AuditError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    except ValueError:  # a NUL byte in the path
        raise AuditError(f"{shown!r}: not a usable file name") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise AuditError(
            f"{shown}: not UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {col})"
        ) from None


def _lang(value, where: str, required: bool) -> str | None:
    if value is not None and not isinstance(value, str):
        raise AuditError(f"{where}: language code must be a string, not {type(value).__name__}")
    given = (value or "").strip()
    value = given.lower()
    if not value:
        if required:
            raise AuditError(f"{where}: language code missing")
        return None
    if value not in LANGUAGES:
        raise AuditError(
            f"{where}: unknown language code {given!r} (known: {', '.join(LANGUAGES)})"
        )
    return value


def _check_text(text: str, where: str) -> str:
    if not text.strip():
        raise AuditError(f"{where}: empty document")
    return text


def _make(rec: dict, where: str, src_text: str | None, tgt_text: str,
          src_name: str | None, tgt_name: str | None, meta: dict) -> Document:
    doc_id = str(rec.get("id") or "").strip()
    if not doc_id:
        raise AuditError(f"{where}: missing id")
    if _CONTROL.search(doc_id):
        raise AuditError(f"{where}: id {doc_id!r} holds a line break or other control character")
    tgt_lang = _lang(rec.get("target_lang"), f"{where} (target_lang)", True)
    src_lang = _lang(rec.get("source_lang"), f"{where} (source_lang)", src_text is not None)
    if src_text is None:
        src_lang = None
    else:
        _check_text(src_text, src_name or f"{where} (source)")
    _check_text(tgt_text, tgt_name or f"{where} (target)")
    return Document(doc_id, tgt_lang, tgt_text, src_lang, src_text, src_name, tgt_name, meta)


def _unique(docs: list[Document], shown: str) -> list[Document]:
    seen: set[str] = set()
    for d in docs:
        if d.id in seen:
            raise AuditError(f"{shown}: duplicate id {d.id!r}")
        seen.add(d.id)
    if not docs:
        raise AuditError(f"{shown}: no documents")
    return docs


def _corpus_file(folder: Path, rel: str, where: str) -> tuple[Path, str]:
    """The file ``rel`` names, which must lie inside ``folder`` as written
    (``..`` may not climb out; a symbolic link inside the folder may point
    anywhere: linking is the user's choice)."""
    rel = rel.strip()
    root = os.path.normpath(os.path.abspath(folder))
    path = os.path.normpath(os.path.join(root, rel))
    if Path(rel).is_absolute() or os.path.commonpath([root, path]) != root:
        raise AuditError(f"{where}: path {rel!r} leaves the corpus folder")
    return Path(path), rel


def _table(path: Path, **dialect) -> csv.DictReader:
    """A reader over the rows of a table file whose header must name every
    field of ``PAIR_FIELDS``."""
    text = read_text(path).removeprefix("\ufeff")  # a BOM, as spreadsheet programs write
    reader = csv.DictReader(io.StringIO(text, newline=""), **dialect)
    names = reader.fieldnames or []
    missing = [f for f in PAIR_FIELDS if f not in names]
    if missing:
        raise AuditError(f"{path}: header lacks column(s) {', '.join(missing)}")
    twice = sorted({f for f in names if f and names.count(f) > 1})
    if twice:
        raise AuditError(f"{path}: header names column(s) {', '.join(twice)} more than once")
    return reader


def load_pairs_csv(path: Path) -> list[Document]:
    """A corpus described by ``pairs.csv``; paths are relative to its folder."""
    folder = path.parent
    reader = _table(path)
    docs = []
    for rec in reader:
        where = f"{path}:{reader.line_num}"
        if not (rec.get("target") or "").strip():
            raise AuditError(f"{where}: no target file")
        tpath, tname = _corpus_file(folder, rec["target"], where)
        tgt = read_text(tpath, f"{where}: {tname}")
        src = sname = None
        if (rec.get("source") or "").strip():
            spath, sname = _corpus_file(folder, rec["source"], where)
            src = read_text(spath, f"{where}: {sname}")
        meta = {k: v for k, v in rec.items() if k not in PAIR_FIELDS and k and v}
        docs.append(_make(rec, where, src, tgt, sname, tname, meta))
    return _unique(docs, str(path))


def _inline(rec: dict, where: str) -> Document:
    src = rec.get("source")
    tgt = rec.get("target")
    if src is not None and not isinstance(src, str) or not isinstance(tgt, str):
        raise AuditError(f"{where}: 'source' and 'target' must be strings")
    if src is not None and not src.strip():
        src = None
    return _make(rec, where, src, tgt, None, None, {"prealigned": "1"})


def load_jsonl(path: Path) -> list[Document]:
    """Pre-aligned pairs, one JSON object per line."""
    docs = []
    for n, line in jsonl_lines(read_text(path)):
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AuditError(f"{where}: malformed JSON ({exc.msg})") from None
        except RecursionError:
            raise AuditError(f"{where}: JSON nested too deeply") from None
        if not isinstance(rec, dict):
            raise AuditError(f"{where}: expected a JSON object")
        try:
            json.dumps(rec, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start]
            raise AuditError(f"{where}: holds an unpaired surrogate (U+{ord(bad):04X}), not valid Unicode") from None
        rec["id"] = rec.get("id") if rec.get("id") is not None else ""
        rec["id"] = str(rec["id"])
        docs.append(_inline(rec, where))
    return _unique(docs, str(path))


def load_tsv(path: Path) -> list[Document]:
    """Pre-aligned pairs in a tab-separated file with a header line."""
    reader = _table(path, delimiter="\t", quoting=csv.QUOTE_NONE)
    docs = []
    for rec in reader:
        where = f"{path}:{reader.line_num}"
        if None in rec or any(v is None for v in rec.values()):
            raise AuditError(f"{where}: expected {len(reader.fieldnames or [])} tab-separated fields")
        docs.append(_inline(dict(rec), where))
    return _unique(docs, str(path))


def load(path: str | Path) -> list[Document]:
    """Load any supported input; the kind is told by the path."""
    p = Path(path)
    if p.is_dir():
        pairs = p / "pairs.csv"
        if not pairs.is_file():
            raise AuditError(f"{p}: folder has no pairs.csv")
        return load_pairs_csv(pairs)
    if not p.exists():
        raise AuditError(f"{p}: no such file or folder")
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return load_pairs_csv(p)
    if suffix in (".jsonl", ".ndjson"):
        return load_jsonl(p)
    if suffix in (".tsv", ".tab"):
        return load_tsv(p)
    raise AuditError(f"{p}: unknown input kind (expected a corpus folder, pairs.csv, .jsonl or .tsv)")
