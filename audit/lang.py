"""Language knowledge lives in data files under ``audit/data``; this reads them.

``audit/data/<lang>/<name>.yaml`` holds what one language knows (number words,
magnitudes, hedges, ...); ``audit/data/pairs/<src>-<tgt>/<name>.yaml`` holds
what a language pair knows (false friends, literal idioms).  Adding a language
means adding a folder of data files.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .model import LANGUAGES


DATA_DIR = Path(__file__).parent / "data"

# libyaml's loader when PyYAML was built with it (some data files are large)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """Parse one YAML data file (safe loader, C-accelerated when available)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def _read(parts: tuple[str, ...]) -> Any | None:
    node = DATA_DIR.joinpath(*parts)
    if not node.is_file():
        return None
    return load_yaml(node)


@lru_cache(maxsize=None)
def lang_data(lang: str, name: str) -> Any:
    """The data file ``name`` of ``lang``, or ``{}`` when the language has none."""
    data = _read((lang, f"{name}.yaml"))
    return {} if data is None else data


@lru_cache(maxsize=None)
def pair_data(src: str, tgt: str, name: str) -> Any:
    """The data file ``name`` of the pair ``src``->``tgt``, or ``{}``."""
    data = _read(("pairs", f"{src}-{tgt}", f"{name}.yaml"))
    return {} if data is None else data


def data_path(*parts: str) -> Path:
    """The path of a data file (TSV and other non-YAML files)."""
    return DATA_DIR.joinpath(*parts)


def supported(lang: str | None) -> bool:
    return lang in LANGUAGES
