"""Run comparison: `mtaudit diff OLD NEW`, matching by text not offsets, exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.diff import (
    baseline_check,
    baseline_diff,
    diff_cmd,
    diff_findings,
    diff_runs,
    finding_key,
    load_run,
)
from audit.errors import AuditError
from audit.model import Finding, Span


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


def write_run(folder: Path, findings: list[Finding | dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [f.to_dict() if isinstance(f, Finding) else f for f in findings]
    (folder / "findings.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (folder / "summary.json").write_text(json.dumps({"tool": "mtaudit"}), encoding="utf-8")
    return folder


def on(doc: str, text: str, needle: str, category: str, severity: str = "major",
       check: str = "c", message: str | None = None, src: tuple[str, str] | None = None) -> Finding:
    """A finding on ``needle`` in ``text`` (the document's target)."""
    start = text.index(needle)
    source = None
    if src:
        s = src[0].index(src[1])
        source = Span(s, s + len(src[1]), src[1])
    return Finding(doc, check, category, severity, message or f"{category} on {needle}",
                   source, Span(start, start + len(needle), needle))


# A document of three sentences with three errors, and its edited version:
# one sentence inserted at the top (with an error of its own), one error fixed.
S1 = "SenseTime erhielt $ 2017million in seiner zweiten Runde."
S2 = "Die Kameras helfen, Interessenten auf Festivals zu erkennen."
S3 = "Die Branche soll bis 63.3 einen Wert von 2025 Mrd. USD haben."
OLD = " ".join([S1, S2, S3])
INSERTED = "Alibaba investierte 700 Millionen Euro."
NEW = " ".join([INSERTED, S1.replace("$ 2017million", "$ 410million"), S2, S3])


def old_findings() -> list[Finding]:
    return [
        on("002", OLD, "$ 2017million", "number"),
        on("002", OLD, "Interessenten", "sense"),
        on("002", OLD, "63.3", "number"),
        on("002", OLD, "2025 Mrd. USD", "number"),
        on("003", "Andere Datei mit Anerkennung.", "Anerkennung", "sense", "minor"),
    ]


def new_findings() -> list[Finding]:
    return [
        on("002", NEW, "700 Millionen Euro", "number"),
        on("002", NEW, "Alibaba investierte", "addition", "minor"),
        on("002", NEW, "Interessenten", "sense"),
        on("002", NEW, "63.3", "number"),
        on("002", NEW, "2025 Mrd. USD", "number"),
        on("003", "Andere Datei mit Anerkennung.", "Anerkennung", "sense", "minor"),
    ]


def test_inserted_sentence_and_one_fix(tmp_path):
    old = write_run(tmp_path / "old", old_findings())
    new = write_run(tmp_path / "new", new_findings())
    r = diff_runs(old, new)
    assert [f["target"]["text"] for f in r.resolved] == ["$ 2017million"]
    assert sorted(f["target"]["text"] for f in r.new) == ["700 Millionen Euro", "Alibaba investierte"]
    # every new finding lies in the inserted sentence
    assert all(f["target"]["end"] <= len(INSERTED) for f in r.new)
    assert len(r.unchanged) == 4
    # offsets moved for the unchanged ones of 002, and they still matched
    moved = [(o, n) for o, n in r.unchanged if o["doc"] == "002"]
    shift = NEW.index(S2) - OLD.index(S2)
    assert shift > 0
    assert moved and all(n["target"]["start"] == o["target"]["start"] + shift
                         and n["target"]["text"] == o["target"]["text"] for o, n in moved)
    assert r.totals() == {"new": 2, "new_major": 1, "worsened": 0, "resolved": 1, "unchanged": 4}
    groups = {(g["doc"], g["category"]): g for g in r.groups()}
    assert groups[("002", "number")] == {"doc": "002", "category": "number", "new": 1,
                                         "new_major": 1, "worsened": 0, "resolved": 1, "unchanged": 2}
    assert groups[("002", "addition")]["new"] == 1
    assert groups[("003", "sense")]["unchanged"] == 1


def test_cli_table_json_and_fail_on(tmp_path):
    old = write_run(tmp_path / "old", old_findings())
    new = write_run(tmp_path / "new", new_findings())
    res = runner().invoke(diff_cmd, [str(old), str(new)])
    assert res.exit_code == 0, res.output
    assert "2 new (1 major), 1 resolved, 4 unchanged" in res.output
    assert "$ 2017million" in res.output  # the resolved one is listed
    res = runner().invoke(diff_cmd, [str(old), str(new), "--fail-on", "new-major"])
    assert res.exit_code == 1
    res = runner().invoke(diff_cmd, [str(old), str(new), "--json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["totals"] == {"new": 2, "new_major": 1, "worsened": 0, "resolved": 1, "unchanged": 4}
    assert [f["target"]["text"] for f in data["resolved"]] == ["$ 2017million"]
    assert {"doc", "category", "new", "resolved", "unchanged"} <= set(data["groups"][0])
    # the reverse direction: the fix is new (major), the inserted sentence's findings resolved
    res = runner().invoke(diff_cmd, [str(new), str(old), "--json", "--fail-on", "new-major"])
    assert res.exit_code == 1
    assert json.loads(res.stdout)["totals"]["resolved"] == 2


def test_fail_on_levels(tmp_path):
    base = [on("d", "Eins zwei drei.", "zwei", "number", "major")]
    minor_new = base + [on("d", "Eins zwei drei.", "drei", "fluency", "minor")]
    old = write_run(tmp_path / "old", base)
    new = write_run(tmp_path / "new", minor_new)
    for fail_on, code in (("never", 0), ("new-major", 0), ("new", 1)):
        res = runner().invoke(diff_cmd, [str(old), str(new), "--fail-on", fail_on])
        assert res.exit_code == code, (fail_on, res.output)
    # nothing new: passes even with --fail-on new
    res = runner().invoke(diff_cmd, [str(new), str(old), "--fail-on", "new"])
    assert res.exit_code == 0


def test_multiplicity_and_severity():
    t = "Zahl 5 und Zahl 5."
    one = on("d", t, "Zahl 5", "number")
    r = diff_findings([one, one], [one])
    assert len(r.unchanged) == 1 and len(r.resolved) == 1 and not r.new
    r = diff_findings([one], [one, one, one])
    assert len(r.new) == 2 and len(r.unchanged) == 1
    # same key, same severity paired first
    minor = on("d", t, "Zahl 5", "number", "minor")
    r = diff_findings([minor], [one, minor])
    assert [f["severity"] for f in r.new] == ["major"] and r.exit_code("new-major") == 1


def test_key_ignores_offsets_whitespace_check_and_message_but_not_doc_or_category():
    a = on("d", "x  Interessenten", "Interessenten", "sense", check="lexicon", message="a")
    b = dict(a.to_dict(), message="reworded", check="renamed")
    b["target"] = {"start": 99, "end": 112, "text": "Interessenten"}
    assert finding_key(a.to_dict()) == finding_key(b)
    spaced = dict(b, target={"start": 0, "end": 5, "text": "4,  5\nMrd"})
    assert finding_key(spaced)[3] == "4, 5 Mrd"
    assert finding_key(dict(b, doc="e")) != finding_key(b)
    assert finding_key(dict(b, category="number")) != finding_key(b)


def test_source_only_findings_are_keyed_by_source_text():
    src = "The U.S. is the biggest AI market."
    om = Finding("001", "omission", "omission", "major", "dropped", Span(0, 8, "The U.S."), None)
    moved = Finding("001", "omission", "omission", "major", "dropped", Span(40, 48, "The U.S."), None)
    same_text_in_target = Finding("001", "x", "omission", "major", "m", None, Span(0, 8, "The U.S."))
    assert src[0:8] == "The U.S."
    r = diff_findings([om], [moved])
    assert len(r.unchanged) == 1
    r = diff_findings([om], [same_text_in_target])
    assert len(r.new) == 1 and len(r.resolved) == 1


def test_new_document_and_accepts_finding_objects():
    r = diff_findings([], old_findings())
    assert len(r.new) == 5 and not r.resolved
    assert r.exit_code("new") == 1 and r.exit_code("never") == 0
    with pytest.raises(AuditError):
        r.exit_code("sometimes")


def test_bad_dirs_exit_2_with_one_line(tmp_path):
    good = write_run(tmp_path / "good", old_findings())
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "findings.jsonl").write_text('{"doc": "1", "category": "number"}\n{oops\n',
                                           encoding="utf-8")
    notfinding = tmp_path / "notfinding"
    notfinding.mkdir()
    (notfinding / "findings.jsonl").write_text('[1, 2]\n', encoding="utf-8")
    for old, new in ((tmp_path / "missing", good), (good, empty), (broken, good), (good, notfinding)):
        res = runner().invoke(diff_cmd, [str(old), str(new)])
        assert res.exit_code == 2, res.output
        err = res.stderr.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("mtaudit: error: ") and "Traceback" not in res.stderr
    with pytest.raises(AuditError, match=r"findings.jsonl:2: malformed JSON"):
        load_run(broken)


def test_a_findings_file_works_as_well_as_a_folder(tmp_path):
    old = write_run(tmp_path / "old", old_findings())
    new = write_run(tmp_path / "new", new_findings())
    r = diff_runs(old / "findings.jsonl", new)
    assert r.totals()["resolved"] == 1


def test_baseline_helpers(tmp_path):
    old = write_run(tmp_path / "old", old_findings())
    r = baseline_diff(old, new_findings())
    assert r.totals() == {"new": 2, "new_major": 1, "worsened": 0, "resolved": 1, "unchanged": 4}
    new = write_run(tmp_path / "new", new_findings())
    from rich.console import Console

    console = Console(file=open(tmp_path / "out.txt", "w"), width=120)
    assert baseline_check(old, new, "new-major", console) == 1
    assert baseline_check(old, new, "never", console) == 0
    saved = json.loads((new / "diff.json").read_text(encoding="utf-8"))
    assert saved["totals"]["resolved"] == 1
    with pytest.raises(AuditError):
        baseline_check(tmp_path / "nope", new)


# ----------------------------------------------------------- with the real pipeline


def test_real_pipeline_edit_one_fix_and_an_inserted_sentence(tmp_path):
    """Edit a target (sentence inserted at the top, one error fixed): exactly one
    finding is resolved, and only the inserted sentence's findings are new."""
    pipeline = pytest.importorskip("audit.pipeline")
    outputs = pytest.importorskip("audit.outputs")
    import shutil

    corpus = Path(__file__).resolve().parent.parent / "corpora" / "sensetime"
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    # audit doc 002 only, to keep the test fast
    (work / "pairs.csv").write_text(
        "\n".join(ln for ln in (corpus / "pairs.csv").read_text(encoding="utf-8").splitlines()
                  if ln.startswith(("id,", "002,"))) + "\n", encoding="utf-8")
    options = pipeline.AuditOptions(claims=False, progress=False)
    old = pipeline.run_audit(work, options)
    outputs.write_outputs(old, tmp_path / "old", html=False)

    target = work / "de" / "002.txt"
    text = target.read_text(encoding="utf-8")
    broken = "$ 2017million"
    # the real fix: the year back in its place, the amount restored
    fixed_text = text.replace("und in seiner zweiten Finanzierungsrunde $ 2017million",
                              "und 2017 in seiner zweiten Finanzierungsrunde $ 410million")
    assert fixed_text != text
    inserted = "Die Firma erhielt 999 Millionen Euro von Alibaba.\n"
    target.write_text(inserted + fixed_text, encoding="utf-8")
    new = pipeline.run_audit(work, options)
    outputs.write_outputs(new, tmp_path / "new", html=False)

    b0 = text.index(broken)
    old_on_broken = [f for f in old.findings
                     if f.target and f.target.start < b0 + len(broken) and b0 < f.target.end]
    assert len(old_on_broken) == 1, [f.to_dict() for f in old_on_broken]
    r = diff_runs(tmp_path / "old", tmp_path / "new")
    assert len(r.resolved) == 1, r.resolved
    assert r.resolved[0]["target"] == old_on_broken[0].to_dict()["target"]
    assert r.new, "the inserted sentence has an unsourced figure: it must be flagged"
    assert all(f["target"] and f["target"]["end"] <= len(inserted) for f in r.new), r.new
    assert len(r.unchanged) == len(old.findings) - 1
