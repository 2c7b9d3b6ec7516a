"""``mtaudit report DIR`` refuses corrupt or foreign run folders: one line on
stderr naming the file (and line), exit code 2, no report.html written."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.errors import AuditError
from audit.report.cli import check_run, report_cmd


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


@pytest.fixture(scope="module")
def real_run(tmp_path_factory) -> Path:
    """A run folder written by ``mtaudit run`` on a two-document JSONL input."""
    pytest.importorskip("audit.pipeline")
    from audit.cli import cli

    tmp = tmp_path_factory.mktemp("report-validate")
    src = tmp / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (
        {"id": "a", "source_lang": "de", "target_lang": "en",
         "source": "Die Firma erhielt 1,5 Milliarden Euro im Jahr 2017.",
         "target": "The firm received 1.5 billion euros in 2017."},
        {"id": "b", "source_lang": "de", "target_lang": "en",
         "source": "Er sagte nicht, dass es 400 waren.", "target": "He said it was 4000."},
    )), encoding="utf-8")
    out = tmp / "run"
    res = runner().invoke(cli, ["run", str(src), "--out", str(out), "-q", "--no-html", "--no-progress"])
    assert res.exit_code == 0, res.output + str(res.stderr)
    assert len((out / "findings.jsonl").read_text(encoding="utf-8").splitlines()) >= 2
    return out


@pytest.fixture
def run_copy(real_run: Path, tmp_path: Path) -> Path:
    d = tmp_path / "run"
    shutil.copytree(real_run, d)
    return d


def finding_lines(d: Path) -> list[str]:
    return (d / "findings.jsonl").read_text(encoding="utf-8").splitlines()


def set_finding(d: Path, n: int, **changes) -> None:
    """Change finding ``n`` (0-based) of ``d``; a value of ... deletes the key."""
    lines = finding_lines(d)
    row = json.loads(lines[n])
    for k, v in changes.items():
        if v is ...:
            row.pop(k, None)
        else:
            row[k] = v
    lines[n] = json.dumps(row, ensure_ascii=False)
    (d / "findings.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def refused(d: Path | str, *needles: str) -> str:
    res = runner().invoke(report_cmd, [str(d)])
    assert res.exit_code == 2, (res.output, res.stderr)
    err = res.stderr
    assert err.count("\n") == 1 and err.startswith("mtaudit: error: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


def test_a_real_run_passes_and_is_rebuilt(run_copy: Path) -> None:
    check_run(run_copy)
    res = runner().invoke(report_cmd, [str(run_copy)])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.strip() == str(run_copy / "report.html")
    assert (run_copy / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_sample_run_passes(tmp_path: Path) -> None:
    from audit.model import Finding, Span
    from audit.report.sample import write_run
    from helpers import make_adoc

    a = make_adoc(["It rose 5%."], ["Es stieg um 50 %."], doc_id="001")
    f = Finding("001", "numbers", "number", "major", "5 vs 50", Span(8, 10, "5%"), Span(12, 17, "50 %"))
    check_run(write_run(tmp_path / "s", [a], [f]))
    check_run(write_run(tmp_path / "empty", [], []))


@pytest.mark.parametrize("summary, needle", [
    ({"foo": 1}, "no 'documents' list"),
    ({"documents": "x"}, "'documents' must be a list, not a string"),
    ({"documents": {"id": "a"}}, "'documents' must be a list, not an object"),
    ({"documents": [1]}, "documents[0] must be an object"),
    ({"documents": [{"id": "a"}, {"name": "b"}]}, "documents[1] must be an object with an 'id'"),
    ([1, 2], "expected a JSON object"),
])
def test_bad_summary(run_copy: Path, summary, needle: str) -> None:
    (run_copy / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    refused(run_copy, "summary.json", needle)
    assert not (run_copy / "report.html").exists()


def test_summary_that_is_not_utf8_or_json(run_copy: Path) -> None:
    (run_copy / "summary.json").write_bytes(b"\xff\xfe{}")
    refused(run_copy, "summary.json", "cannot read")
    (run_copy / "summary.json").write_text("{nope", encoding="utf-8")
    refused(run_copy, "summary.json", "not valid JSON")


def test_foreign_finding_record(run_copy: Path) -> None:
    with (run_copy / "findings.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('\n{"x": 1}\n')  # after a blank line: the line number still counts it
    n = len(finding_lines(run_copy))
    refused(run_copy, f"findings.jsonl:{n}:", "'doc'")


@pytest.mark.parametrize("changes, needle", [
    ({"severity": "critical"}, "unknown severity 'critical'"),
    ({"severity": ...}, "unknown severity None"),
    ({"category": ...}, "'category'"),
    ({"category": ""}, "'category'"),
    ({"doc": 7}, "'doc'"),
    ({"target": {"start": 9, "end": 3, "text": ""}}, "target span has start 9 and end 3"),
    ({"source": {"start": -2, "end": 3, "text": "abcde"}}, "source span has start -2"),
    ({"target": {"start": "0", "end": 3, "text": "abc"}}, "target.start must be an integer"),
    ({"target": {"start": 0, "text": "abc"}}, "target.end must be an integer"),
    ({"target": {"start": True, "end": 3, "text": "abc"}}, "target.start must be an integer"),
    ({"target": {"start": 0, "end": 3, "text": 3}}, "target.text must be a string"),
    ({"source": "0-3"}, "'source' must be a span object or null"),
])
def test_bad_finding(run_copy: Path, changes: dict, needle: str) -> None:
    set_finding(run_copy, 1, **changes)
    refused(run_copy, "findings.jsonl:2:", needle)


def test_bad_alignment_record(run_copy: Path) -> None:
    with (run_copy / "alignment.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc": "a", "index": 9, "source": None,
                             "target": {"start": 5, "end": 1, "text": ""}}) + "\n")
    n = len((run_copy / "alignment.jsonl").read_text(encoding="utf-8").splitlines())
    refused(run_copy, f"alignment.jsonl:{n}:", "target span has start 5 and end 1")


def test_a_file_instead_of_a_folder(run_copy: Path, tmp_path: Path) -> None:
    err = refused(run_copy / "summary.json", "summary.json", "is a file", "expected a run folder")
    assert "no such folder" not in err
    refused(tmp_path / "missing", "no such folder")
    with pytest.raises(AuditError, match="is a file"):
        check_run(run_copy / "findings.jsonl")


def test_through_the_mtaudit_command(run_copy: Path) -> None:
    """The same one-line error when called as ``mtaudit report``."""
    from audit.cli import cli

    set_finding(run_copy, 0, severity="critical")
    res = runner().invoke(cli, ["report", str(run_copy)])
    assert res.exit_code == 2
    assert res.stderr.startswith("mtaudit: error: ") and res.stderr.count("\n") == 1
    assert "findings.jsonl:1: unknown severity 'critical'" in res.stderr
