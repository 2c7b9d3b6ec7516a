"""The SQLite cache of embeddings and back-translations."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np

from audit.score.cache import CACHE_FILE, ScoreCache, default_cache_dir


def test_default_folder_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("MTAUDIT_CACHE_DIR")
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert default_cache_dir() == tmp_path / "xdg" / "mtaudit"


def test_round_trip_by_model_and_text(tmp_path):
    cache = ScoreCache(tmp_path)
    assert cache.usable and (tmp_path / CACHE_FILE).is_file()
    vec = np.array([0.6, 0.8], dtype=np.float32)
    cache.put_embeddings("m1", {"Hallo": vec})
    assert set(cache.get_embeddings("m1", ["Hallo", "Welt"])) == {"Hallo"}
    assert np.allclose(cache.get_embeddings("m1", ["Hallo"])["Hallo"], vec)
    assert cache.get_embeddings("m2", ["Hallo"]) == {}  # another model: no stale row
    cache.put_translations("argos:de-en", {"Hallo": "Hello"})
    assert cache.get_translations("argos:de-en", ["Hallo", "x"]) == {"Hallo": "Hello"}
    assert cache.stats() == {"embeddings": 1, "translations": 1}
    cache.clear()
    assert cache.stats() == {"embeddings": 0, "translations": 0}


def test_two_processes_share_the_file(tmp_path):
    script = textwrap.dedent(
        f"""
        import numpy as np, sys
        from audit.score.cache import ScoreCache
        c = ScoreCache({str(tmp_path)!r})
        who = sys.argv[1]
        for i in range(200):
            c.put_embeddings("m", {{f"{{who}}-{{i}}": np.ones(4, dtype=np.float32)}})
            c.put_translations("t", {{f"shared-{{i}}": "same"}})
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, who], env=dict(os.environ))
        for who in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    cache = ScoreCache(tmp_path)
    assert cache.stats() == {"embeddings": 400, "translations": 200}


def test_unusable_folder_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ScoreCache(blocker / "sub")
    assert not cache.usable and "cache not available" in cache.error
    cache.put_embeddings("m", {"a": np.ones(2, dtype=np.float32)})
    assert cache.get_embeddings("m", ["a"]) == {}
    assert cache.get_translations("m", ["a"]) == {}
