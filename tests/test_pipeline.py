"""The backbone end to end on the shipped corpus: outputs, offsets, alignment, determinism."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from audit.load import load
from audit.outputs import write_outputs
from audit.pipeline import AuditOptions, run_audit

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpora" / "sensetime"


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "sensetime"
    result = run_audit(CORPUS, AuditOptions(progress=False))
    write_outputs(result, out, formats=("jsonl", "csv"))
    return result, out


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_writes_every_file(corpus_run):
    _, out = corpus_run
    for name in ("alignment.jsonl", "findings.jsonl", "summary.json", "claims.jsonl", "claims.csv",
                 "report.html", "alignment.csv", "findings.csv", "documents.csv"):
        assert (out / name).is_file(), name
    summary = json.loads((out / "summary.json").read_text())
    assert [d["id"] for d in summary["documents"]] == ["000", "001", "002", "003", "004"]
    assert summary["totals"]["documents"] == 5


def test_every_offset_verifies(corpus_run):
    _, out = corpus_run
    texts = {}
    for d in load(CORPUS):
        texts[(d.id, "source")] = d.source
        texts[(d.id, "target")] = d.target
    rows = _jsonl(out / "alignment.jsonl") + _jsonl(out / "findings.jsonl")
    checked = 0
    for row in rows:
        for side in ("source", "target"):
            span = row[side]
            if span is not None:
                assert texts[(row["doc"], side)][span["start"]:span["end"]] == span["text"]
                checked += 1
    assert checked > 100


def _pair_of(rows, doc, src_start, tgt_start):
    for r in rows:
        if r["doc"] != doc:
            continue
        s = r["source"]["text"] if r["source"] else None
        t = r["target"]["text"] if r["target"] else None
        if (src_start is None and s is None or s is not None and src_start is not None and src_start in s) and \
                (tgt_start is None and t is None or t is not None and tgt_start is not None and tgt_start in t):
            return r
    return None


@pytest.mark.parametrize("doc,src,tgt", [
    ("001", "In July it raised $410 million", "Im Juli beschaffte das Unternehmen"),
    ("002", "$410million", "$ 2017million"),
    ("002", "Mr Trump quashed", "Herr Trump hob"),
    ("003", "View all comments", "Alle Kommentare anzeigen"),
    ("004", "En juillet 2017, Pékin a annoncé", "In July 2017, Peking announced"),
    ("003", None, "Wikipedia Commons"),
])
def test_known_alignments(corpus_run, doc, src, tgt):
    _, out = corpus_run
    rows = _jsonl(out / "alignment.jsonl")
    assert _pair_of(rows, doc, src, tgt) is not None, (doc, src, tgt)


def test_every_sentence_aligned_once(corpus_run):
    result, _ = corpus_run
    for adoc in result.adocs:
        src = [i for p in adoc.pairs for i in p.src]
        tgt = [i for p in adoc.pairs for i in p.tgt]
        assert src == list(range(len(adoc.source_segments)))
        assert tgt == list(range(len(adoc.target_segments)))


def test_target_only_document_is_audited(corpus_run):
    result, _ = corpus_run
    adoc = next(a for a in result.adocs if a.doc.id == "000")
    assert adoc.source_segments == [] and all(p.src == () for p in adoc.pairs)
    assert len(adoc.pairs) == len(adoc.target_segments)


def test_same_input_same_bytes(corpus_run, tmp_path):
    _, out = corpus_run
    again = tmp_path / "again"
    write_outputs(run_audit(CORPUS, AuditOptions(progress=False)), again, formats=("jsonl", "csv"))
    for f in sorted(out.iterdir()):
        assert (again / f.name).read_bytes() == f.read_bytes(), f.name


def test_failed_write_leaves_earlier_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text("earlier run")
    result = run_audit(CORPUS, AuditOptions(progress=False, claims=False))

    def boom(_):
        raise RuntimeError("report failed")

    monkeypatch.setattr("audit.report.html.render", boom)
    with pytest.raises(RuntimeError):
        write_outputs(result, out)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (out / "summary.json").read_text() == "earlier run"


def test_api_returns_dataframes():
    import audit

    tables = audit.run(CORPUS, claims=False)
    assert set(tables) == {"alignment", "findings", "documents", "claims"}
    assert list(tables["documents"]["id"]) == ["000", "001", "002", "003", "004"]
    assert {"doc", "category", "severity", "target_text"} <= set(tables["findings"].columns)


def _mtaudit(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "audit", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_run_and_bad_input(tmp_path):
    ok = _mtaudit("run", str(CORPUS), "--out", str(tmp_path / "o"), "-q", "--no-html")
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "o" / "findings.jsonl").is_file()
    bad = _mtaudit("run", str(tmp_path / "missing"), "--out", str(tmp_path / "x"))
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "Traceback" not in bad.stderr
    assert "no such file or folder" in bad.stderr
    assert not (tmp_path / "x").exists()


def test_cli_jsonl_input_with_bad_line(tmp_path):
    j = tmp_path / "p.jsonl"
    j.write_text('{"id": "a", "source": "It cost $5m.", "target": "Es kostete 5 Mio. USD.", "source_lang": "en", "target_lang": "de"}\nnot json\n')
    bad = _mtaudit("run", str(j), "--out", str(tmp_path / "o"))
    assert bad.returncode == 2 and ":2: malformed JSON" in bad.stderr


def test_cli_align_prints_gold_format(tmp_path):
    src = tmp_path / "s.txt"
    tgt = tmp_path / "t.txt"
    src.write_text("One sentence here.\nTwo sentences here.\n")
    tgt.write_text("Ein Satz hier.\nZwei Sätze hier.\n")
    res = _mtaudit("align", str(src), str(tgt), "--presegmented", "-s", "en", "-t", "de")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["[0]:[0]", "[1]:[1]"]
