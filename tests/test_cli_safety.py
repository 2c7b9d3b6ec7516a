"""The command line with awkward input: one-line errors, exit 2, and no output
folder replaced unless it holds nothing but an earlier run's files."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from audit.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "sensetime"
PAIR = {"id": "a", "source_lang": "en", "target_lang": "de",
        "source": "The company raised $600 million in 2017. It is now worth $4.5 billion.",
        "target": "Das Unternehmen sammelte 2017 600 Millionen Dollar. Es ist jetzt 4,5 Milliarden Dollar wert."}


def mtaudit(capsys, *args) -> tuple[int, str, str]:
    """Run the ``mtaudit`` entry point in process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    assert err.startswith("mtaudit: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err


def write_jsonl(path: Path, *records, raw: str | None = None) -> Path:
    path.write_text(raw if raw is not None else "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


# ------------------------------------------------------------ output folder


def test_out_folder_with_other_files_is_never_replaced(tmp_path, capsys):
    inp = write_jsonl(tmp_path / "in.jsonl", PAIR)
    docs = tmp_path / "mydocs"
    docs.mkdir()
    (docs / "notes.txt").write_text("important")
    code, _, err = mtaudit(capsys, "run", inp, "--out", docs, "-q")
    one_line_error(code, err, "notes.txt", "not mtaudit outputs")
    assert (docs / "notes.txt").read_text() == "important"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "mydocs"]


def test_corpus_folder_as_out_is_refused(tmp_path, capsys):
    corpus = tmp_path / "corp"
    shutil.copytree(CORPUS, corpus)
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    code, _, err = mtaudit(capsys, "run", corpus, "--out", corpus, "-q")
    one_line_error(code, err, "holds the input")
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before


def test_earlier_run_is_replaced_and_odd_out_paths(tmp_path, capsys, monkeypatch):
    inp = write_jsonl(tmp_path / "in.jsonl", PAIR)
    out = tmp_path / "out"
    assert mtaudit(capsys, "run", inp, "--out", out, "-q", "--format", "csv")[0] == 0
    first = (out / "findings.jsonl").read_bytes()
    assert mtaudit(capsys, "run", inp, "--out", out, "-q")[0] == 0  # an earlier run: replaced
    assert (out / "findings.jsonl").read_bytes() == first
    assert not (out / "findings.csv").exists()
    monkeypatch.chdir(tmp_path)
    code, _, err = mtaudit(capsys, "run", inp, "--out", ".", "-q")
    one_line_error(code, err, "current folder")
    code, _, err = mtaudit(capsys, "run", inp, "--out", "x/..", "-q")
    one_line_error(code, err)
    assert not (tmp_path / "x").exists()


def test_bad_baseline_fails_before_anything_is_written(tmp_path, capsys):
    inp = write_jsonl(tmp_path / "in.jsonl", PAIR)
    out = tmp_path / "out"
    assert mtaudit(capsys, "run", inp, "--out", out, "-q")[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    base = tmp_path / "base"
    shutil.copytree(out, base)
    with open(base / "findings.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"x": 1}\n')
    other = write_jsonl(tmp_path / "other.jsonl", dict(PAIR, target=PAIR["target"].replace("600", "700")))
    code, _, err = mtaudit(capsys, "run", other, "--out", out, "--baseline", base, "-q")
    one_line_error(code, err, "findings.jsonl:")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_baseline_may_be_the_out_folder_itself(tmp_path, capsys):
    """The baseline is read before --out replaces it, so a new major finding
    is still seen; diff.json is written with the other outputs."""
    clean = dict(PAIR)
    broken = dict(PAIR, target=PAIR["target"].replace("4,5 Milliarden", "4,5 Billionen"))
    out = tmp_path / "out"
    assert mtaudit(capsys, "run", write_jsonl(tmp_path / "a.jsonl", clean), "--out", out, "-q")[0] == 0
    code, stdout, _ = mtaudit(capsys, "run", write_jsonl(tmp_path / "b.jsonl", broken), "--out", out,
                              "--baseline", out, "--fail-on", "new-major", "-q")
    assert code == 1, stdout
    diff = json.loads((out / "diff.json").read_text(encoding="utf-8"))
    assert diff["totals"]["new"] >= 1
    # and the baseline may be given as its findings.jsonl
    keep = tmp_path / "keep"
    shutil.copytree(out, keep)
    code, _, _ = mtaudit(capsys, "run", tmp_path / "b.jsonl", "--out", tmp_path / "o2",
                         "--baseline", keep / "findings.jsonl", "--fail-on", "new-major", "-q")
    assert code == 0


# ------------------------------------------------------------ input


def test_line_separators_inside_texts_survive_a_run(tmp_path, capsys):
    rec = dict(PAIR, source="The company\u2028raised $600 million in 2017.\u0085It is now worth $4.5 billion.")
    inp = write_jsonl(tmp_path / "in.jsonl", rec)
    out = tmp_path / "out"
    code, _, err = mtaudit(capsys, "run", inp, "--out", out, "-q")
    assert code == 0, err
    assert mtaudit(capsys, "report", out)[0] == 0
    rows = [json.loads(x) for x in (out / "alignment.jsonl").read_text(encoding="utf-8").split("\n") if x]
    src = rec["source"]
    for r in rows:
        if r["source"]:
            assert src[r["source"]["start"]:r["source"]["end"]] == r["source"]["text"]


@pytest.mark.parametrize("raw, needle", [
    ('{"id":"a","source":"The cat.","target":"Die Katze.","source_lang":5,"target_lang":"de"}', "must be a string"),
    ('{"id":"a","source":"The cat.","target":"Die Katze.","source_lang":["en"],"target_lang":"de"}', "must be a string"),
    ('{"id":"a","source":"The \\ud800 cat.","target":"Die Katze.","source_lang":"en","target_lang":"de"}',
     "unpaired surrogate"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"id":"a\\nb","source":"The cat.","target":"Die Katze.","source_lang":"en","target_lang":"de"}',
     "line break"),
])
def test_bad_jsonl_records_are_one_line_errors(tmp_path, capsys, raw, needle):
    inp = write_jsonl(tmp_path / "in.jsonl", raw=raw + "\n")
    code, _, err = mtaudit(capsys, "run", inp, "--out", tmp_path / "out", "-q")
    one_line_error(code, err, "in.jsonl:1", needle)
    assert not (tmp_path / "out").exists()


def test_bom_in_table_and_jsonl_inputs(tmp_path, capsys):
    (tmp_path / "en.txt").write_text(PAIR["source"], encoding="utf-8")
    (tmp_path / "de.txt").write_text(PAIR["target"], encoding="utf-8")
    (tmp_path / "pairs.csv").write_text("\ufeffid,source_lang,source,target_lang,target\n1,en,en.txt,de,de.txt\n",
                                        encoding="utf-8")
    assert mtaudit(capsys, "run", tmp_path / "pairs.csv", "--out", tmp_path / "o1", "-q")[0] == 0
    inp = write_jsonl(tmp_path / "in.jsonl", raw="\ufeff" + json.dumps(PAIR) + "\r\n")
    assert mtaudit(capsys, "run", inp, "--out", tmp_path / "o2", "-q")[0] == 0


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlinked_text_inside_corpus_folder(tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "de.txt").write_text(PAIR["target"], encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text(PAIR["source"], encoding="utf-8")
    (corpus / "de.txt").symlink_to(elsewhere / "de.txt")
    (corpus / "pairs.csv").write_text("id,source_lang,source,target_lang,target\n1,en,en.txt,de,de.txt\n")
    assert mtaudit(capsys, "run", corpus, "--out", tmp_path / "o", "-q")[0] == 0
    (corpus / "pairs.csv").write_text("id,source_lang,source,target_lang,target\n1,en,en.txt,de,../elsewhere/de.txt\n")
    code, _, err = mtaudit(capsys, "run", corpus, "--out", tmp_path / "o", "-q")
    one_line_error(code, err, "leaves the corpus folder")


# ------------------------------------------------------------ options


def test_check_names_any_case_and_unknown_names_listed(tmp_path, capsys):
    inp = write_jsonl(tmp_path / "in.jsonl", PAIR)
    assert mtaudit(capsys, "run", inp, "--out", tmp_path / "o", "-q", "--checks", "NUMBERS, Lexicon")[0] == 0
    code, _, err = mtaudit(capsys, "run", inp, "--out", tmp_path / "o2", "-q", "--checks", "claims")
    one_line_error(code, err, "unknown check(s): claims", "numbers", "--no-claims")


def test_usage_errors_are_one_line(tmp_path, capsys):
    one_line_error(*mtaudit(capsys, "run", tmp_path)[::2], "--out", "mtaudit run --help")
    one_line_error(*mtaudit(capsys, "align", "a", "b", "-s", "es", "-t", "de")[::2], "'es'")
    one_line_error(*mtaudit(capsys, "frobnicate")[::2], "frobnicate")
    bad = tmp_path / "x.argosmodel"
    bad.write_bytes(b"not a zip")
    code, _, err = mtaudit(capsys, "models", "add-argos", bad)
    one_line_error(code, err, "x.argosmodel")
    assert mtaudit(capsys, "--help")[0] == 0


def test_csv_outputs_use_json_booleans_and_zero_counts(tmp_path, capsys):
    out = tmp_path / "o"
    assert mtaudit(capsys, "run", CORPUS, "--out", out, "-q", "--no-html", "--format", "csv")[0] == 0
    import csv

    with open(out / "alignment.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["low_confidence"] for r in rows} <= {"true", "false"}
    with open(out / "documents.csv", encoding="utf-8", newline="") as fh:
        docs = list(csv.DictReader(fh))
    for row in docs:
        for key in ("major", "minor", "number"):
            assert row[key].isdigit(), (key, row)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "|claims:ledger" in summary["signature"]


def test_backend_asked_for_by_name_warns_when_it_cannot_run(tmp_path, capsys):
    inp = write_jsonl(tmp_path / "in.jsonl", PAIR)
    code, _, err = mtaudit(capsys, "run", inp, "--out", tmp_path / "o", "-q", "--backend", "embeddings",
                           "--model", tmp_path / "nope")
    assert code == 0
    assert err.startswith("mtaudit: warning: backend embeddings did not run: ")
    assert "no such model folder" in err and "models fetch" not in err


def _zip(path: Path, files: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


@pytest.mark.parametrize("files, needle", [
    ({"pkg/metadata.json": "[1, 2]"}, "not a JSON object"),
    ({"pkg/metadata.json": '{"from_code": 5, "to_code": "en"}'}, "from_code 5"),
    ({"pkg/metadata.json": '{"from_code": "de", "to_code": "en"}'}, "no model/ folder"),
])
def test_add_argos_rejects_what_it_cannot_use(tmp_path, capsys, files, needle):
    pytest.importorskip("argostranslate")
    code, _, err = mtaudit(capsys, "models", "add-argos", _zip(tmp_path / "x.argosmodel", files))
    one_line_error(code, err, needle)


def test_broken_installed_package_is_ignored(tmp_path, monkeypatch):
    from audit.score.models import argos_packages

    root = tmp_path / "packages"
    for name, meta in (("list", "[1, 2]"), ("nomodel", '{"from_code": "de", "to_code": "en"}'),
                       ("bad", "{"), ("good", '{"from_code": "de", "to_code": "en"}')):
        (root / name).mkdir(parents=True)
        (root / name / "metadata.json").write_text(meta)
    (root / "good" / "model").mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root))
    assert [(p["from"], p["to"], Path(p["path"]).name) for p in argos_packages()] == [("de", "en", "good")]


def test_more_input_errors_are_one_line(tmp_path, capsys):
    (tmp_path / "en.txt").write_text(PAIR["source"], encoding="utf-8")
    (tmp_path / "de.txt").write_text(PAIR["target"], encoding="utf-8")
    head = "id,source_lang,source,target_lang,target"
    cases = [
        (f"{head},target\n1,en,en.txt,de,de.txt,en.txt\n", "target more than once"),
        (f"{head}\n1,en,en.txt,de,de.txt\x00\n", "not a usable file name"),
        (f"{head}\n1,en,en.txt,de,nope.txt\n", "pairs.csv:2: nope.txt: no such file"),
        (f"{head}\n1,en-US,en.txt,de,de.txt\n", "'en-US'"),
    ]
    for text, needle in cases:
        (tmp_path / "pairs.csv").write_text(text, encoding="utf-8")
        code, _, err = mtaudit(capsys, "run", tmp_path, "--out", tmp_path / "o", "-q")
        one_line_error(code, err, needle)
    (tmp_path / "pairs.csv").write_text(f"{head}\n1,en,en.txt,de,de.txt\n", encoding="utf-8")
    one_line_error(*mtaudit(capsys, "run", tmp_path, "--out", tmp_path / "o", "--checks", " , ")[::2],
                   "names no check")


def test_api_takes_comma_separated_names_and_keeps_columns(tmp_path):
    import audit

    inp = write_jsonl(tmp_path / "in.jsonl", PAIR)
    tables = audit.run(inp, checks="numbers", backends="lexical", claims=False)
    assert set(tables["findings"]["check"]) <= {"numbers"}
    assert list(tables["claims"].columns)[:3] == ["row", "subject", "predicate"]
    assert {"major", "minor", "number", "sense", "entity"} <= set(tables["documents"].columns)
    with pytest.raises(TypeError):
        audit.run(inp, checks=5)


def test_model_given_with_auto_backend_warns_when_it_cannot_run(tmp_path, capsys):
    inp = write_jsonl(tmp_path / "in.jsonl", PAIR)
    code, _, err = mtaudit(capsys, "run", inp, "--out", tmp_path / "o", "-q", "--model", tmp_path / "nope")
    assert code == 0
    assert err.startswith("mtaudit: warning: backend embeddings did not run: ")
    code, _, err = mtaudit(capsys, "run", inp, "--out", tmp_path / "o2", "-q", "--backend", "lexical",
                           "--model", tmp_path / "nope")
    assert code == 0
    assert err.strip() == "mtaudit: warning: --model has no effect: the embeddings backend was not requested"
    code, _, err = mtaudit(capsys, "run", inp, "--out", tmp_path / "o3", "-q")
    assert code == 0 and err == ""


@pytest.mark.parametrize("failure, needle", [
    ("network", "huggingface.co cannot be reached"),
    ("missing", "no such model on huggingface.co"),
])
def test_models_fetch_fails_fast_in_one_line(capsys, monkeypatch, failure, needle):
    pytest.importorskip("huggingface_hub")
    from huggingface_hub import HfApi
    from huggingface_hub.errors import RepositoryNotFoundError

    asked = []

    def model_info(self, repo_id, **kwargs):
        asked.append(repo_id)
        if failure == "network":
            raise OSError("Name or service not known")
        response = SimpleNamespace(headers={}, request=None)
        raise RepositoryNotFoundError(f"{repo_id} not found", response=response)

    monkeypatch.setattr(HfApi, "model_info", model_info)
    code, out, err = mtaudit(capsys, "models", "fetch", "nosuchmodel")
    one_line_error(code, err, "could not fetch nosuchmodel", needle)
    assert asked[0] == "sentence-transformers/nosuchmodel"
    assert len(asked) == (1 if failure == "network" else 2)
