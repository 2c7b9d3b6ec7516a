"""Loading every input kind, and one clear error for every bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.errors import AuditError
from audit.load import load

CORPUS = Path(__file__).parent.parent / "corpora" / "sensetime"


def test_corpus_folder_and_pairs_csv_agree():
    docs = load(CORPUS)
    assert [d.id for d in docs] == ["000", "001", "002", "003", "004"]
    assert docs[0].source is None and docs[0].source_lang is None
    assert (docs[4].source_lang, docs[4].target_lang) == ("fr", "en")
    assert docs[1].meta["origin"].startswith("https://")
    assert [d.id for d in load(CORPUS / "pairs.csv")] == [d.id for d in docs]


def test_targets_are_read_byte_for_byte():
    for d in load(CORPUS):
        assert d.target.encode("utf-8") == (CORPUS / d.target_name).read_bytes()


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_jsonl_and_tsv(tmp_path):
    recs = [
        {"id": "a", "source": "He raised $5m.", "target": "Er sammelte 5 Mio. USD.", "source_lang": "en", "target_lang": "de"},
        {"id": "b", "source": None, "target": "Il a levé 5 millions.", "source_lang": None, "target_lang": "fr"},
    ]
    j = _write(tmp_path / "p.jsonl", "\n".join(json.dumps(r) for r in recs) + "\n")
    docs = load(j)
    assert [d.id for d in docs] == ["a", "b"] and docs[1].source is None
    t = _write(tmp_path / "p.tsv", "id\tsource_lang\tsource\ttarget_lang\ttarget\n"
               "a\ten\tHe raised $5m.\tde\tEr sammelte 5 Mio. USD.\n")
    assert load(t)[0].target == "Er sammelte 5 Mio. USD."


def _corpus(tmp_path: Path, rows: list[str], files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        _write(tmp_path / name, text)
    _write(tmp_path / "pairs.csv", "id,source_lang,source,target_lang,target\n" + "\n".join(rows) + "\n")
    return tmp_path


@pytest.mark.parametrize("rows,files,expected", [
    (["1,en,en/1.txt,de,de/1.txt"], {"en/1.txt": "Hello."}, "de/1.txt: no such file"),
    (["1,en,en/1.txt,de,de/1.txt"], {"en/1.txt": "Hello.", "de/1.txt": b"Gr\xfc\xdfe."}, "de/1.txt: not UTF-8 (byte 0xfc at line 1, column 3)"),
    (["1,en,en/1.txt,de,de/1.txt"], {"en/1.txt": "Hello.", "de/1.txt": "  \n"}, "de/1.txt: empty document"),
    (["1,en,../x.txt,de,de/1.txt"], {"de/1.txt": "Hallo."}, "leaves the corpus folder"),
    (["1,en,en/1.txt,de,de/1.txt", "1,en,en/1.txt,de,de/1.txt"], {"en/1.txt": "Hi.", "de/1.txt": "Hallo."}, "duplicate id '1'"),
    (["1,xx,en/1.txt,de,de/1.txt"], {"en/1.txt": "Hi.", "de/1.txt": "Hallo."}, "unknown language code 'xx'"),
])
def test_bad_corpus(tmp_path, rows, files, expected):
    corpus = _corpus(tmp_path, rows, files)
    with pytest.raises(AuditError, match=None) as info:
        load(corpus)
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_malformed_jsonl_names_the_line(tmp_path):
    j = _write(tmp_path / "p.jsonl", '{"id": "a", "source": "x", "target": "y", "source_lang": "en", "target_lang": "de"}\n{oops\n')
    with pytest.raises(AuditError) as info:
        load(j)
    assert str(info.value).startswith(f"{j}:2: malformed JSON")


def test_missing_input(tmp_path):
    with pytest.raises(AuditError, match="no such file or folder"):
        load(tmp_path / "nothing")
    with pytest.raises(AuditError, match="no pairs.csv"):
        load(tmp_path)
