"""A finding matched across two runs that became major is *worsened*: reported
apart from the unchanged ones and failing ``--fail-on new-major`` (diff and
``run --baseline`` alike)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.diff import baseline_check, diff_cmd, diff_findings, diff_runs, is_worsened


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


def finding(severity: str, message: str, text: str = "1, 5 Milliarden", doc: str = "d",
            category: str = "number", start: int = 10) -> dict:
    return {"doc": doc, "check": "numbers", "category": category, "severity": severity,
            "message": message, "source": None,
            "target": {"start": start, "end": start + len(text), "text": text}}


def write_findings(folder: Path, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "findings.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return folder


@pytest.fixture
def minor_to_major(tmp_path: Path) -> tuple[Path, Path]:
    old = write_findings(tmp_path / "old", [finding("minor", "odd spacing in a number")])
    new = write_findings(tmp_path / "new", [finding("major", "the amount is misread", start=12)])
    return old, new


def test_is_worsened():
    assert is_worsened({"severity": "minor"}, {"severity": "major"})
    assert is_worsened({}, {"severity": "major"})  # no severity before: lower than major
    assert not is_worsened({"severity": "major"}, {"severity": "major"})
    assert not is_worsened({"severity": "major"}, {"severity": "minor"})
    assert not is_worsened({"severity": "minor"}, {"severity": "minor"})


def test_minor_that_became_major_is_worsened_not_unchanged(minor_to_major):
    r = diff_runs(*minor_to_major)
    assert not r.new and not r.resolved and not r.unchanged
    assert len(r.worsened) == 1
    old, new = r.worsened[0]
    assert (old["severity"], new["severity"]) == ("minor", "major")
    assert new["message"] == "the amount is misread"
    assert r.totals() == {"new": 0, "new_major": 0, "resolved": 0, "unchanged": 0,
                                       "worsened": 1}
    assert r.groups() == [{"doc": "d", "category": "number", "new": 0, "new_major": 0,
                                        "resolved": 0, "unchanged": 0, "worsened": 1}]
    assert r.exit_code("new-major") == 1
    assert r.exit_code("new") == 1
    assert r.exit_code("never") == 0


def test_major_that_became_minor_is_unchanged_and_passes():
    r = diff_findings([finding("major", "a")], [finding("minor", "b")])
    assert len(r.unchanged) == 1 and not r.worsened
    assert r.exit_code("new-major") == 0 and r.exit_code("new") == 0


def test_same_severity_is_paired_first():
    """minor -> (minor, major): the minor stays unchanged, the major is new (not worsened)."""
    r = diff_findings([finding("minor", "a")], [finding("minor", "a"), finding("major", "b")])
    assert len(r.unchanged) == 1 and len(r.new) == 1 and not r.worsened
    # two minors that both became major: both worsened
    r = diff_findings([finding("minor", "a")] * 2, [finding("major", "b")] * 2)
    assert len(r.worsened) == 2 and not r.unchanged and r.exit_code("new-major") == 1


def test_cli_table_gate_and_json(minor_to_major):
    old, new = minor_to_major
    res = runner().invoke(diff_cmd, [str(old), str(new), "--fail-on", "new-major"])
    assert res.exit_code == 1, res.output
    assert "0 new (0 major), 0 resolved, 0 unchanged, 1 worsened" in res.output
    header = next(ln for ln in res.output.splitlines() if "of which major" in ln)
    assert "worsened" in header  # a column of the table
    assert "minor -> major" in res.output and "the amount is misread" in res.output
    res = runner().invoke(diff_cmd, [str(old), str(new), "--fail-on", "new"])
    assert res.exit_code == 1
    res = runner().invoke(diff_cmd, [str(old), str(new)])
    assert res.exit_code == 0
    res = runner().invoke(diff_cmd, [str(old), str(new), "--json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["totals"]["worsened"] == 1
    assert data["unchanged"] == []
    assert data["worsened"][0]["old"]["severity"] == "minor"
    assert data["worsened"][0]["new"]["severity"] == "major"
    assert data["groups"][0]["worsened"] == 1
    # the other way round the finding got milder: unchanged, the gate passes
    res = runner().invoke(diff_cmd, [str(new), str(old), "--fail-on", "new-major"])
    assert res.exit_code == 0, res.output
    assert "0 new (0 major), 0 resolved, 1 unchanged, 0 worsened" in res.output


def test_baseline_check_fails_on_worsened(minor_to_major, tmp_path):
    from rich.console import Console

    old, new = minor_to_major
    with open(tmp_path / "out.txt", "w", encoding="utf-8") as fh:
        console = Console(file=fh, width=120)
        assert baseline_check(old, new, "new-major", console) == 1
        assert baseline_check(old, new, "never", console) == 0
    saved = json.loads((new / "diff.json").read_text(encoding="utf-8"))
    assert saved["totals"]["worsened"] == 1
    assert "1 worsened" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_run_with_baseline_fails_on_worsened(tmp_path):
    """``mtaudit run --baseline OLD --fail-on new-major`` on a real run whose
    baseline had the same findings as minor ones."""
    pytest.importorskip("audit.pipeline")
    from audit.cli import cli

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({
        "id": "b", "source_lang": "de", "target_lang": "en",
        "source": "Er sagte, es waren 400 Besucher.", "target": "He said there were 4000 visitors.",
    }) + "\n", encoding="utf-8")
    first = runner().invoke(cli, ["run", str(src), "--out", str(tmp_path / "r1"), "-q",
                                  "--no-html", "--no-progress"])
    assert first.exit_code == 0, first.output + str(first.stderr)
    rows = [json.loads(ln) for ln in
            (tmp_path / "r1" / "findings.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert any(r["severity"] == "major" for r in rows), rows
    write_findings(tmp_path / "base", [dict(r, severity="minor") for r in rows])

    args = ["run", str(src), "-q", "--no-html", "--no-progress", "--fail-on", "new-major"]
    same = runner().invoke(cli, args + ["--out", str(tmp_path / "r2"), "--baseline", str(tmp_path / "r1")])
    assert same.exit_code == 0, same.output
    worse = runner().invoke(cli, args + ["--out", str(tmp_path / "r3"), "--baseline", str(tmp_path / "base")])
    assert worse.exit_code == 1, worse.output
    majors = sum(r["severity"] == "major" for r in rows)
    assert f"0 new (0 major), 0 resolved, {len(rows) - majors} unchanged, {majors} worsened" in worse.output
