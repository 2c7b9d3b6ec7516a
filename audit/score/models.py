"""What neural machinery is installed, found without importing it.

Everything here reads folders and package metadata only: it never imports
torch, sentence-transformers or argostranslate, so that ``mtaudit models``,
``mtaudit --help`` and a run that ends up using the lexical fallback stay
fast.  The backends themselves (``embeddings.py``, ``backtranslation.py``)
import the libraries when they are asked to compute something.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"
NEURAL_EXTRA_HINT = "pip install 'mtaudit[neural]'"


def library_version(module: str, dist: str | None = None) -> str | None:
    """The installed version of a library, or None when it is not installed."""
    try:
        if importlib.util.find_spec(module) is None:
            return None
    except (ImportError, ValueError):
        return None
    try:
        return importlib.metadata.version(dist or module)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def libraries() -> dict[str, str | None]:
    return {
        "torch": library_version("torch"),
        "sentence-transformers": library_version("sentence_transformers", "sentence-transformers"),
        "argostranslate": library_version("argostranslate"),
        "ctranslate2": library_version("ctranslate2"),
        "sacrebleu": library_version("sacrebleu"),
    }


# -- sentence-transformers models ---------------------------------------------


def hf_hub_cache() -> Path:
    """Where huggingface_hub keeps downloaded models (its own rules)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HUGGINGFACE_HUB_CACHE"):
        return Path(os.environ["HUGGINGFACE_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "huggingface" / "hub"


def _is_model_folder(path: Path) -> bool:
    return path.is_dir() and (
        (path / "modules.json").is_file() or (path / "config.json").is_file()
    )


def _is_st_folder(path: Path) -> bool:
    return (path / "modules.json").is_file() or (
        path / "config_sentence_transformers.json"
    ).is_file()


def _fingerprint(folder: Path) -> str:
    """A short hash of the names, sizes and times of a folder's files."""
    import hashlib

    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = p.stat()
            h.update(f"{p.relative_to(folder)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class ResolvedModel:
    name: str  # as asked for
    path: Path | None  # local folder to load, None when not available
    model_id: str  # stable id for the cache
    reason: str | None  # why it is not available


def _hub_snapshot(repo_id: str) -> Path | None:
    root = hf_hub_cache() / ("models--" + repo_id.replace("/", "--"))
    snaps = root / "snapshots"
    if not snaps.is_dir():
        return None
    ref = root / "refs" / "main"
    if ref.is_file():
        cand = snaps / ref.read_text().strip()
        if _is_model_folder(cand):
            return cand
    for cand in sorted(snaps.iterdir()):
        if _is_model_folder(cand):
            return cand
    return None


def hub_candidates(name: str) -> list[str]:
    """The hub repositories a model name stands for, in the order
    sentence-transformers tries them: a bare name is first looked up under
    ``sentence-transformers/``."""
    return [name] if "/" in name else [f"sentence-transformers/{name}", name]


def resolve_st_model(name: str | None) -> ResolvedModel:
    """Find a sentence-transformers model on this machine, never downloading.

    ``name`` is a local folder or a Hugging Face model name; a bare name
    (no ``/``) is also looked up under ``sentence-transformers/``, as the
    library does.  Downloaded models are found in the Hugging Face cache.
    """
    name = name or DEFAULT_MODEL
    folder = Path(name).expanduser()
    if folder.exists():
        if _is_model_folder(folder):
            folder = folder.resolve()
            return ResolvedModel(name, folder, f"{folder}@{_fingerprint(folder)}", None)
        return ResolvedModel(
            name, None, name, f"{folder} is not a sentence-transformers model folder"
        )
    if folder.is_absolute() or name.startswith(("./", "../", "~", ".\\", "..\\")):
        return ResolvedModel(name, None, name, f"{name}: no such model folder")
    for repo in hub_candidates(name):
        snap = _hub_snapshot(repo)
        if snap is not None:
            return ResolvedModel(name, snap, f"{repo}@{snap.name}", None)
    return ResolvedModel(
        name,
        None,
        name,
        f"model {name} is not on this machine (fetch it once: mtaudit models fetch"
        + ("" if name == DEFAULT_MODEL else f" {name}") + ")",
    )


def local_st_models() -> list[dict[str, str]]:
    """Sentence-transformers models in the Hugging Face cache."""
    out = []
    root = hf_hub_cache()
    if not root.is_dir():
        return out
    for d in sorted(root.glob("models--*")):
        repo = d.name[len("models--") :].replace("--", "/")
        snap = _hub_snapshot(repo)
        if snap is not None and _is_st_folder(snap):
            out.append({"name": repo, "path": str(snap)})
    return out


# -- argostranslate packages --------------------------------------------------


def argos_package_dirs() -> list[Path]:
    """The folders argostranslate installs packages into (its own rules)."""
    home = Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        return [Path(os.environ["ARGOS_PACKAGES_DIR"]).expanduser()]
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    settings = config / "argos-translate" / "settings.json"
    if settings.is_file():
        try:
            value = json.loads(settings.read_text(encoding="utf-8")).get("ARGOS_PACKAGES_DIR")
        except (OSError, ValueError):
            value = None
        if value:
            return [Path(value).expanduser()]
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [data / "argos-translate" / "packages"]


_LANG_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z]{2,4})?")


def argos_metadata_problem(data) -> str | None:
    """Why an argostranslate ``metadata.json`` does not describe a translation
    package (None when it does)."""
    if not isinstance(data, dict):
        return "metadata.json is not a JSON object"
    if data.get("type", "translate") != "translate":
        return f"type {data.get('type')!r}, not 'translate'"
    for key in ("from_code", "to_code"):
        code = data.get(key)
        if not isinstance(code, str) or not _LANG_CODE.fullmatch(code):
            return f"{key} {code!r} is not a language code"
    return None


def argos_packages() -> list[dict[str, str]]:
    """Installed argostranslate translation packages: from, to, version, path."""
    out = []
    for root in argos_package_dirs():
        if not root.is_dir():
            continue
        for d in sorted(root.iterdir()):
            meta = d / "metadata.json"
            if not meta.is_file():
                continue
            try:
                data = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError):
                continue
            if argos_metadata_problem(data) or not (d / "model").is_dir():
                continue  # not a usable translation package: ignored, never fatal
            out.append(
                {
                    "from": data["from_code"],
                    "to": data["to_code"],
                    "version": str(data.get("package_version", "")),
                    "path": str(d),
                }
            )
    return out


def argos_route(from_code: str, to_code: str, packages=None) -> list[dict[str, str]] | None:
    """Installed packages translating ``from_code`` into ``to_code``.

    A direct package if there is one, else a chain of two through a pivot
    language (e.g. de->en->fr); None when there is no way.
    """
    packages = argos_packages() if packages is None else packages
    for p in packages:
        if p["from"] == from_code and p["to"] == to_code:
            return [p]
    for p in packages:
        if p["from"] != from_code:
            continue
        for q in packages:
            if q["from"] == p["to"] and q["to"] == to_code:
                return [p, q]
    return None
