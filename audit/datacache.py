"""An on-disk cache of data compiled from the YAML files under ``audit/data``.

Parsing the bilingual lexicon and folding every form costs a few tenths of a
second per process; :func:`load_or_build` keeps the compiled result as a
pickle in the cache folder (:func:`default_cache_dir`) and reads it back on
the next run.

A file is named ``<name>-<hash16>.pickle``; the hash is the SHA-256 of the
bytes of every input file (with its name, in the order given), the format
version and the Python major.minor, so a changed data file never returns a
stale entry.  The file holds ``(FORMAT_VERSION, full hash, value)``, checked
on reading.  Writes go to a temporary file in the same folder, then
``os.replace``; older files of the same name are removed.

The cache is never an error: a missing, corrupt or unreadable file, or a
folder that cannot be written, means the value is built as if there were no
cache.  ``MTAUDIT_NO_CACHE=1`` turns reading and writing off.

This module is light on purpose (standard library only): it is imported on
the aligner's start-up path.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

__all__ = ["FORMAT_VERSION", "NO_CACHE_ENV", "cache_enabled", "default_cache_dir", "fingerprint", "load_or_build"]

T = TypeVar("T")

# Bump when the layout of a cached value changes without a data file changing.
FORMAT_VERSION = 1
NO_CACHE_ENV = "MTAUDIT_NO_CACHE"
_PROTOCOL = 5
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def default_cache_dir() -> Path:
    """``$MTAUDIT_CACHE_DIR``, else the platform's user cache folder for mtaudit."""
    env = os.environ.get("MTAUDIT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "mtaudit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "mtaudit"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtaudit"


def cache_enabled() -> bool:
    """False when ``$MTAUDIT_NO_CACHE`` is set to anything but ``""``/``0``/``false``/``no``/``off``."""
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() in ("", "0", "false", "no", "off")


def fingerprint(inputs: Iterable[Path]) -> str:
    """SHA-256 (hex) of the format version, the Python major.minor and, per
    input in order, its name and bytes (a missing file counts as such)."""
    h = hashlib.sha256(f"mtaudit-datacache {FORMAT_VERSION} py{sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    for path in inputs:
        path = Path(path)
        try:
            data = path.read_bytes()
            h.update(b"F%d:%s\n" % (len(data), path.name.encode("utf-8", "surrogateescape")))
            h.update(data)
        except FileNotFoundError:
            h.update(b"M:%s\n" % path.name.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def load_or_build(name: str, inputs: Iterable[Path], build: Callable[[], T], folder: Path | None = None) -> T:
    """The cached value of ``name`` for these ``inputs``, else ``build()``
    (then stored).  ``name`` is a plain file-name stem (``align-de``)."""
    if not cache_enabled() or not _NAME.fullmatch(name):
        return build()
    try:
        digest = fingerprint(inputs)
        folder = Path(folder) if folder is not None else default_cache_dir()
    except Exception:  # an input that cannot be read: let build() say so
        return build()
    path = folder / f"{name}-{digest[:16]}.pickle"
    found, value = _read(path, digest)
    if found:
        return value
    value = build()
    _write(folder, name, path, digest, value)
    return value


def _read(path: Path, digest: str) -> tuple[bool, object]:
    gc_was_on = gc.isenabled()
    try:
        data = path.read_bytes()
        gc.disable()  # unpickling builds many containers: no collections meanwhile
        obj = pickle.loads(data)
    except Exception:  # absent, unreadable, truncated, corrupt, from another version
        return False, None
    finally:
        if gc_was_on:
            gc.enable()
    if isinstance(obj, tuple) and len(obj) == 3 and obj[0] == FORMAT_VERSION and obj[1] == digest:
        return True, obj[2]
    return False, None


def _write(folder: Path, name: str, path: Path, digest: str, value: object) -> None:
    tmp = None
    try:
        data = pickle.dumps((FORMAT_VERSION, digest, value), protocol=_PROTOCOL)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
        mine = re.compile(re.escape(name) + r"-[0-9a-f]{16}\.pickle")
        for old in folder.iterdir():
            if old.name != path.name and mine.fullmatch(old.name):
                try:
                    old.unlink()
                except OSError:
                    pass
    except Exception:  # read-only or full disk, unpicklable value: run without the cache
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
