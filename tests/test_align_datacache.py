"""The on-disk cache of the aligner's compiled language data (audit.datacache)."""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import audit.lang
from audit import datacache
from audit.align import anchors

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT / "audit" / "data"

LEXICON = """entries:
  mountain: {en: [mountain], de: [Berg, Berge], fr: [montagne]}
  glacier: {en: [glacier], de: [Gletscher], fr: [glacier]}
"""


def _clear(parsed: bool = False) -> None:
    """Forget the compiled data (and with ``parsed`` the parsed YAML too)."""
    anchors._compiled.cache_clear()
    anchors._TOKEN_CACHE.clear()
    if parsed:
        anchors._lexicon_entries.cache_clear()
        audit.lang.lang_data.cache_clear()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache folder, caching on, no compiled data held in memory."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(folder))
    monkeypatch.delenv(datacache.NO_CACHE_ENV, raising=False)
    _clear()
    yield folder
    _clear()


@pytest.fixture
def data_dir(tmp_path, monkeypatch, cache_dir):
    """A small copy of audit/data (German align.yaml, a two-entry lexicon)."""
    data = tmp_path / "data"
    (data / "de").mkdir(parents=True)
    (data / "lexicon").mkdir()
    shutil.copy(REAL_DATA / "de" / "align.yaml", data / "de" / "align.yaml")
    (data / "lexicon" / "a.yaml").write_text(LEXICON, encoding="utf-8")
    monkeypatch.setattr(audit.lang, "DATA_DIR", data)
    monkeypatch.setattr(anchors, "DATA_DIR", data)
    _clear(parsed=True)
    yield data
    _clear(parsed=True)


def _fresh_process_lang(lang: str = "de") -> dict:
    """What a new process sees: nothing in memory, the disk cache as it is."""
    _clear(parsed=True)
    return anchors._lang(lang)


def _pickles(folder: Path, lang: str = "de") -> list[Path]:
    return sorted(folder.glob(f"align-{lang}-*.pickle")) if folder.is_dir() else []


def _same(a, b) -> bool:
    """Equal, with the same container types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_cached_data_is_identical_to_the_built_data(cache_dir, monkeypatch, lang):
    built = anchors._compiled(lang)  # built from YAML and written
    assert len(_pickles(cache_dir, lang)) == 1

    def no_yaml(*args):
        raise AssertionError("the warm path must not read YAML")

    monkeypatch.setattr(anchors, "_build", no_yaml)
    monkeypatch.setattr(anchors, "lang_data", no_yaml)
    anchors._compiled.cache_clear()
    cached = anchors._compiled(lang)
    assert cached is not built and _same(cached, built)
    assert cached["info"]["lexicon"] and cached["function_words"]
    if lang != "en":
        assert cached["info"]["spelled"].pattern == built["info"]["spelled"].pattern


def test_a_changed_data_file_is_never_stale(data_dir, cache_dir):
    assert anchors._lang("de")["lexicon"]["berg"] == ["mountain"]
    first = _pickles(cache_dir)
    assert len(first) == 1
    assert _fresh_process_lang()["lexicon"]["berg"] == ["mountain"]  # a hit

    # an edited lexicon file
    lex = data_dir / "lexicon" / "a.yaml"
    lex.write_text(LEXICON.replace("[Berg, Berge]", "[Fels]"), encoding="utf-8")
    info = _fresh_process_lang()
    assert "berg" not in info["lexicon"] and info["lexicon"]["fels"] == ["mountain"]
    # the older file of the language is gone
    second = _pickles(cache_dir)
    assert len(second) == 1 and second != first

    # a new lexicon file
    (data_dir / "lexicon" / "b.yaml").write_text("entries:\n  rock: {de: [Gestein]}\n", encoding="utf-8")
    assert ["rock"] in _fresh_process_lang()["lexicon"].values()

    # the language's align.yaml: one byte more
    align = data_dir / "de" / "align.yaml"
    before = _fresh_process_lang()["stop"]
    text = align.read_text(encoding="utf-8").replace("stopwords: [", "stopwords: [zzyzx, ", 1)
    assert "zzyzx" in text
    align.write_text(text, encoding="utf-8")
    after = _fresh_process_lang()["stop"]
    assert after == before | {"zzyzx"}

    # a removed lexicon file
    (data_dir / "lexicon" / "b.yaml").unlink()
    assert ["rock"] not in _fresh_process_lang()["lexicon"].values()
    assert len(_pickles(cache_dir)) == 1


def test_other_languages_files_are_kept(data_dir, cache_dir):
    anchors._lang("de")
    assert anchors._lang("en")["lexicon"]["mountain"] == ["mountain"]  # no align.yaml: lexicon only
    assert len(_pickles(cache_dir, "de")) == 1 and len(_pickles(cache_dir, "en")) == 1


@pytest.mark.parametrize("garbage", [b"", b"not a pickle at all", b"\x80\x05\x95\xff\xff"])
def test_a_corrupt_cache_file_is_rebuilt(data_dir, cache_dir, garbage):
    expected = anchors._lang("de")
    [path] = _pickles(cache_dir)
    path.write_bytes(garbage)
    assert _same(_fresh_process_lang(), expected)
    # and written again, whole
    assert _pickles(cache_dir) == [path]
    assert pickle.loads(path.read_bytes())[2]["info"] == expected


def test_a_file_for_other_data_under_the_same_name_is_not_used(data_dir, cache_dir):
    expected = anchors._lang("de")
    [path] = _pickles(cache_dir)
    version, digest, value = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps((version, "0" * 64, {"info": {"fake": True}}), protocol=5))
    assert _same(_fresh_process_lang(), expected)
    path.write_bytes(pickle.dumps((version + 1, digest, {"info": {"fake": True}}), protocol=5))
    assert _same(_fresh_process_lang(), expected)


def test_a_read_only_cache_folder_is_not_an_error(data_dir, cache_dir):
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        assert anchors._lang("de")["lexicon"]["berg"] == ["mountain"]
        if os.geteuid() != 0:  # root writes anyway
            assert _pickles(cache_dir) == []
        assert not [p for p in cache_dir.iterdir() if p.suffix == ".tmp"]
    finally:
        cache_dir.chmod(0o700)


def test_an_unusable_cache_folder_is_not_an_error(data_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(blocker / "cache"))  # below a file: never a folder
    assert anchors._lang("de")["lexicon"]["berg"] == ["mountain"]
    assert _fresh_process_lang()["lexicon"]["berg"] == ["mountain"]


def test_a_failed_write_leaves_no_temporary_file(data_dir, cache_dir, monkeypatch):
    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(datacache.os, "replace", fail)
    assert anchors._lang("de")["lexicon"]["berg"] == ["mountain"]
    assert list(cache_dir.iterdir()) == []


def test_no_cache_switch_turns_reading_and_writing_off(data_dir, cache_dir, monkeypatch):
    monkeypatch.setenv(datacache.NO_CACHE_ENV, "1")
    expected = anchors._lang("de")
    assert _pickles(cache_dir) == []  # nothing written

    monkeypatch.delenv(datacache.NO_CACHE_ENV)
    _fresh_process_lang()
    [path] = _pickles(cache_dir)
    version, digest, value = pickle.loads(path.read_bytes())
    value["info"] = {"planted": True}
    path.write_bytes(pickle.dumps((version, digest, value), protocol=5))
    assert _fresh_process_lang() == {"planted": True}  # the cache is read ...

    monkeypatch.setenv(datacache.NO_CACHE_ENV, "1")
    assert _same(_fresh_process_lang(), expected)  # ... unless switched off
    for off in ("", "0", "false"):
        monkeypatch.setenv(datacache.NO_CACHE_ENV, off)
        assert datacache.cache_enabled()


def test_fingerprint_covers_bytes_names_order_and_version(tmp_path, monkeypatch):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_bytes(b"x: 1\n")
    b.write_bytes(b"y: 2\n")
    base = datacache.fingerprint([a, b])
    assert datacache.fingerprint([a, b]) == base
    assert datacache.fingerprint([b, a]) != base
    assert datacache.fingerprint([a]) != base
    assert datacache.fingerprint([a, b, tmp_path / "missing.yaml"]) != base
    b.write_bytes(b"y: 3\n")
    assert datacache.fingerprint([a, b]) != base
    b.write_bytes(b"y: 2\n")
    assert datacache.fingerprint([a, b]) == base
    c = b.rename(tmp_path / "c.yaml")  # same bytes, another name
    assert datacache.fingerprint([a, c]) != base
    c.rename(b)
    monkeypatch.setattr(datacache, "FORMAT_VERSION", datacache.FORMAT_VERSION + 1)
    assert datacache.fingerprint([a, b]) != base
    monkeypatch.setattr(datacache.sys, "version_info", (3, 99, 0))
    bumped = datacache.fingerprint([a, b])
    monkeypatch.undo()
    assert bumped != base and datacache.fingerprint([a, b]) == base


def test_load_or_build_stores_and_tidies(tmp_path, monkeypatch):
    monkeypatch.delenv(datacache.NO_CACHE_ENV, raising=False)
    src = tmp_path / "in.txt"
    src.write_text("1")
    folder = tmp_path / "c"
    calls = []

    def build():
        calls.append(1)
        return {"n": src.read_text()}

    assert datacache.load_or_build("thing", [src], build, folder) == {"n": "1"}
    assert datacache.load_or_build("thing", [src], build, folder) == {"n": "1"}
    assert len(calls) == 1
    (folder / "thing-x-0123456789abcdef.pickle").write_bytes(b"")  # another name: kept
    src.write_text("2")
    assert datacache.load_or_build("thing", [src], build, folder) == {"n": "2"}
    assert len(calls) == 2
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and names[0].startswith("thing-") and names[1] == "thing-x-0123456789abcdef.pickle"
    # a name that is not a plain file-name stem is never used as one
    assert datacache.load_or_build("../escape", [src], build, folder) == {"n": "2"}
    assert len(calls) == 3 and not (tmp_path / "escape").exists()
    assert sorted(p.name for p in folder.iterdir()) == names


def test_the_cache_module_is_light_and_shared_with_scoring():
    from audit.score import cache as score_cache

    assert score_cache.default_cache_dir is datacache.default_cache_dir
    code = "import sys, audit.datacache; print(sorted(m for m in ('numpy', 'yaml', 'sqlite3') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
