"""``mtaudit models``: what neural machinery is installed, and installing more.

Listing never imports torch, sentence-transformers or argostranslate; the
sub-commands that install or fetch something import the one library they use.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import click

from . import models as m
from .cache import ScoreCache, default_cache_dir


def _inventory() -> dict:
    libs = m.libraries()
    cache = ScoreCache(default_cache_dir())
    inv = {
        "libraries": libs,
        "default_model": m.DEFAULT_MODEL,
        "sentence_transformers_models": m.local_st_models(),
        "argos_packages": m.argos_packages(),
        "argos_package_dirs": [str(p) for p in m.argos_package_dirs()],
        "hf_hub_cache": str(m.hf_hub_cache()),
        "cache": {"path": str(cache.path), **cache.stats(), "error": cache.error},
    }
    cache.close()
    return inv


def _print_inventory(inv: dict) -> None:
    echo = click.echo
    echo("Libraries:")
    for name, version in inv["libraries"].items():
        echo(f"  {name:<22} {version or 'not installed'}")
    if not inv["libraries"]["sentence-transformers"] or not inv["libraries"]["argostranslate"]:
        echo(f"  (neural backends: {m.NEURAL_EXTRA_HINT})")
    echo("")
    echo(f"sentence-transformers models (in {inv['hf_hub_cache']}):")
    if inv["sentence_transformers_models"]:
        for model in inv["sentence_transformers_models"]:
            mark = "  (default)" if model["name"] == inv["default_model"] else ""
            echo(f"  {model['name']}{mark}")
    else:
        echo("  none; fetch one once with: mtaudit models fetch " + inv["default_model"])
        echo("  (or pass a local model folder with: mtaudit run --model FOLDER)")
    echo("")
    echo(f"argostranslate language pairs (in {', '.join(inv['argos_package_dirs'])}):")
    if inv["argos_packages"]:
        for p in inv["argos_packages"]:
            echo(f"  {p['from']} → {p['to']}  version {p['version'] or '?'}  {p['path']}")
    else:
        echo("  none; install one with: mtaudit models add-argos FILE.argosmodel")
    echo("")
    c = inv["cache"]
    if c["error"]:
        echo(f"Cache: {c['error']}")
    else:
        echo(f"Cache: {c['path']} ({c['embeddings']} embeddings, {c['translations']} back-translations)")


@click.group("models", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the inventory as JSON.")
@click.pass_context
def models(ctx, as_json):
    """List the similarity models installed and usable (no sub-command), or manage them."""
    if ctx.invoked_subcommand is None:
        inv = _inventory()
        if as_json:
            click.echo(json.dumps(inv, indent=2, ensure_ascii=False))
        else:
            _print_inventory(inv)


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the inventory as JSON.")
def list_cmd(as_json):
    """List sentence-transformers models and argostranslate language pairs."""
    inv = _inventory()
    if as_json:
        click.echo(json.dumps(inv, indent=2, ensure_ascii=False))
    else:
        _print_inventory(inv)


@models.command("add-argos")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def add_argos(file: Path):
    """Install an argostranslate package from FILE (.argosmodel)."""
    if m.library_version("argostranslate") is None:
        raise click.ClickException(f"argostranslate is not installed ({m.NEURAL_EXTRA_HINT})")
    if not zipfile.is_zipfile(file):
        raise click.ClickException(f"{file}: not an argostranslate package (not a zip archive)")
    with zipfile.ZipFile(file) as zf:
        metas = [n for n in zf.namelist() if n.count("/") == 1 and n.endswith("/metadata.json")]
        if not metas:
            raise click.ClickException(
                f"{file}: not an argostranslate package (no FOLDER/metadata.json inside)")
        try:
            meta = json.loads(zf.read(metas[0]).decode("utf-8"))
        except (ValueError, RecursionError) as exc:
            raise click.ClickException(f"{file}: unreadable metadata.json ({exc})") from None
        problem = m.argos_metadata_problem(meta)
        folder = metas[0].split("/")[0]
        if problem is None and not any(n.startswith(f"{folder}/model/") for n in zf.namelist()):
            problem = "no model/ folder"
        if problem:
            raise click.ClickException(f"{file}: not an argostranslate translation package ({problem})")
    from argostranslate import package as argos_package

    try:
        argos_package.install_from_path(file)
    except Exception as exc:  # the library raises bare Exceptions
        raise click.ClickException(f"{file}: could not install: {exc}") from None
    click.echo(f"installed {meta.get('from_code')} → {meta.get('to_code')} "
               f"(version {meta.get('package_version', '?')}) into {m.argos_package_dirs()[0]}")


def _hub_problem(name: str) -> str | None:
    """Why NAME cannot be downloaded, asked of the hub once and quickly
    (the download itself retries for minutes when the hub cannot be reached);
    None when it can be, or when NAME is a local folder."""
    if Path(name).expanduser().exists():
        return None
    from huggingface_hub import HfApi
    from huggingface_hub.errors import RepositoryNotFoundError

    for repo in m.hub_candidates(name):
        try:
            HfApi().model_info(repo, timeout=10)
            return None
        except RepositoryNotFoundError:
            continue
        except Exception as exc:  # no network, proxy, hub down
            return f"huggingface.co cannot be reached ({type(exc).__name__}: {exc})"
    return "no such model on huggingface.co"


@models.command("fetch")
@click.argument("name", default=m.DEFAULT_MODEL)
def fetch(name: str):
    """Download a sentence-transformers model NAME once (needs network)."""
    if m.library_version("sentence_transformers") is None:
        raise click.ClickException(f"sentence-transformers is not installed ({m.NEURAL_EXTRA_HINT})")
    problem = _hub_problem(name)
    if problem:
        raise click.ClickException(f"could not fetch {name}: {problem}")
    from huggingface_hub.utils import logging as hub_logging
    from sentence_transformers import SentenceTransformer

    hub_logging.set_verbosity_error()  # no retry chatter: one line on failure
    try:
        SentenceTransformer(name, device="cpu")
    except Exception as exc:
        raise click.ClickException(f"could not fetch {name}: {type(exc).__name__}: {exc}") from None
    resolved = m.resolve_st_model(name)
    click.echo(f"{name} is ready: {resolved.path}")


@models.command("clear-cache")
def clear_cache():
    """Empty the cache of embeddings and back-translations."""
    cache = ScoreCache(default_cache_dir())
    if cache.error:
        raise click.ClickException(cache.error)
    cache.clear()
    click.echo(f"emptied {cache.path}")
    cache.close()
