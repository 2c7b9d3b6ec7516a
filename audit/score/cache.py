"""An on-disk cache of embeddings and back-translations (SQLite).

One file, ``scores.sqlite3``, in the cache folder: ``ScoringOptions.cache_dir``
if given, else ``$MTAUDIT_CACHE_DIR``, else the platform's user cache folder
(``$XDG_CACHE_HOME/mtaudit`` or ``~/.cache/mtaudit`` on Linux,
``~/Library/Caches/mtaudit`` on macOS, ``%LOCALAPPDATA%\\mtaudit\\Cache`` on
Windows).  Rows are keyed by the model id and the SHA-256 of the text, so a
changed model or text never returns a stale row.

Two runs may share the file: the database is in WAL mode, writers wait for
each other (busy timeout) and inserts are ``INSERT OR REPLACE`` of values that
are the same whoever computes them.  A cache that cannot be opened (read-only
folder, corrupt file) is not an error: the run goes on without it.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Iterable

import numpy as np

from ..datacache import default_cache_dir  # re-exported: the cache folder is shared

CACHE_FILE = "scores.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL,
    PRIMARY KEY (model, key));
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (model, key));
"""


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ScoreCache:
    """Embeddings and translations by (model id, text hash)."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder).expanduser() if folder else default_cache_dir()
        self.path = self.folder / CACHE_FILE
        self.error: str | None = None
        self._conn: sqlite3.Connection | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 30000")
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:  # another process is switching it
                pass
            conn.executescript(_SCHEMA)
            self._conn = conn
        except (OSError, sqlite3.Error) as exc:
            self.error = f"cache not available at {self.path}: {exc}"

    @property
    def usable(self) -> bool:
        return self._conn is not None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- embeddings -------------------------------------------------------
    def get_embeddings(self, model: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """Cached vectors of ``texts`` (by text) for ``model``; missing ones absent."""
        found: dict[str, np.ndarray] = {}
        by_key = {text_key(t): t for t in texts}
        for key, dim, blob in self._lookup("SELECT key, dim, vec FROM embeddings", model, list(by_key)):
            vec = np.frombuffer(blob, dtype=np.float32)
            if vec.shape[0] == dim:
                found[by_key[key]] = vec
        return found

    def _lookup(self, select: str, model: str, keys: list[str]) -> list[tuple]:
        """Rows of ``select`` for ``model`` and ``keys`` (in chunks); [] when unusable."""
        if self._conn is None:
            return []
        rows: list[tuple] = []
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows += self._conn.execute(
                    f"{select} WHERE model = ? AND key IN ({marks})", [model, *chunk]
                ).fetchall()
        except sqlite3.Error:
            return []
        return rows

    def put_embeddings(self, model: str, items: dict[str, np.ndarray]) -> None:
        if self._conn is None or not items:
            return
        rows = [
            (model, text_key(t), int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes())
            for t, v in items.items()
        ]
        self._write("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)

    # -- translations -----------------------------------------------------
    def get_translations(self, model: str, texts: Iterable[str]) -> dict[str, str]:
        by_key = {text_key(t): t for t in texts}
        rows = self._lookup("SELECT key, text FROM translations", model, list(by_key))
        return {by_key[key]: text for key, text in rows}

    def put_translations(self, model: str, items: dict[str, str]) -> None:
        if self._conn is None or not items:
            return
        rows = [(model, text_key(t), out) for t, out in items.items()]
        self._write("INSERT OR REPLACE INTO translations VALUES (?, ?, ?)", rows)

    # -- housekeeping -----------------------------------------------------
    def stats(self) -> dict[str, int]:
        if self._conn is None:
            return {"embeddings": 0, "translations": 0}
        try:
            return {
                "embeddings": self._conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0],
                "translations": self._conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0],
            }
        except sqlite3.Error:
            return {"embeddings": 0, "translations": 0}

    def clear(self) -> None:
        if self._conn is not None:
            self._write("DELETE FROM embeddings", None)
            self._write("DELETE FROM translations", None)

    def _write(self, sql: str, rows) -> None:
        assert self._conn is not None
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            if rows is None:
                self._conn.execute(sql)
            else:
                self._conn.executemany(sql, rows)
            self._conn.execute("COMMIT")
        except sqlite3.Error:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
