"""Test-wide setup.

argostranslate reads its settings once, at import: point them at a temporary
folder before anything can import it, so that no test touches the home folder.
The same goes for mtaudit's own cache.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="mtaudit-tests-"))
for _var, _sub in (
    ("ARGOS_PACKAGES_DIR", "argos/packages"),
    ("XDG_DATA_HOME", "xdg/data"),
    ("XDG_CACHE_HOME", "xdg/cache"),
    ("XDG_CONFIG_HOME", "xdg/config"),
    ("MTAUDIT_CACHE_DIR", "mtaudit-cache"),
):
    (_TMP / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_var] = str(_TMP / _sub)
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

sys.path.insert(0, str(Path(__file__).parent))
