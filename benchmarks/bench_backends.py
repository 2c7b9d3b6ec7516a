"""Cost of the similarity backends: import times and time per aligned pair.

Runs on the SenseTime corpus with the tiny offline models of
``tests/tinymodels.py`` (no download), in temporary model and cache folders:

    .venv/bin/python benchmarks/bench_backends.py [--repeat N]

Prints, for each backend, the cost per pair on a cold cache (model loaded
and called) and on a warm cache (second run: no model call), and the import
time of each heavy library in a fresh interpreter.  Figures for a real model
(MiniLM, an argos package) are larger: the tiny models only measure the
machinery around them.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TMP = Path(tempfile.mkdtemp(prefix="mtaudit-bench-"))
for var, sub in (("ARGOS_PACKAGES_DIR", "argos"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                 ("XDG_CACHE_HOME", "cache"), ("HF_HOME", "hf")):
    (TMP / sub).mkdir(parents=True, exist_ok=True)
    os.environ[var] = str(TMP / sub)
os.environ["HF_HUB_OFFLINE"] = "1"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def import_time(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else float("nan")


def corpus():
    from audit.align import align
    from audit.load import load
    from audit.model import AlignedDocument
    from audit.segment import segment

    adocs = []
    for d in load(ROOT / "corpora" / "sensetime"):
        src = segment(d.source, d.source_lang) if d.source else []
        tgt = segment(d.target, d.target_lang)
        pairs = align([s.text for s in src], [s.text for s in tgt], d.source_lang or d.target_lang, d.target_lang)
        adocs.append(AlignedDocument(d, src, tgt, pairs))
    return adocs


def timed_score(backends, model, cache_dir, repeat=1):
    import audit.score as sc
    from audit.score import ScoringOptions, score

    best = float("inf")
    for _ in range(repeat):
        sc._EMBEDDERS.clear()
        sc._CACHES.clear()
        adocs = corpus()
        t = time.perf_counter()
        report = score(adocs, ScoringOptions(backends=backends, model=model, cache_dir=str(cache_dir)))
        best = min(best, time.perf_counter() - t)
    n = sum(1 for a in adocs for p in a.pairs if p.src and p.tgt)
    return best, n, report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    print("import time in a fresh interpreter (s):")
    for mod in ("audit.score", "audit.score.cli", "sacrebleu", "ctranslate2", "argostranslate.package",
                "torch", "sentence_transformers", "argostranslate.translate"):
        print(f"  {mod:<26} {import_time(mod):6.2f}")

    from tinymodels import build_argos_package, build_sentence_transformer

    t = time.perf_counter()
    st = str(build_sentence_transformer())
    from argostranslate import package

    for a, b in (("de", "en"), ("en", "fr")):
        package.install_from_path(build_argos_package(a, b))
    print(f"building the tiny models: {time.perf_counter() - t:.1f} s")

    print("cost per aligned pair (ms), SenseTime corpus:")
    secs, n, _ = timed_score(("lexical",), None, TMP / "c-lex", args.repeat)
    print(f"  lexical                     {1000 * secs / n:8.3f}   ({n} pairs)")
    for name, backends in (("embeddings (tiny)", ("embeddings",)), ("back-translation (tiny)", ("backtranslation",))):
        cache = TMP / f"c-{backends[0]}"
        cold, n, rep = timed_score(backends, st, cache, 1)  # first call also loads the model
        warm, _, _ = timed_score(backends, st, cache, args.repeat)
        # cold again, model already loaded: the model's own cost per pair
        import shutil

        shutil.rmtree(cache)
        hot, _, _ = timed_score(backends, st, cache, 1)
        ran = {b["name"]: b["ran"] for b in rep.backends}
        print(f"  {name:<27} {1000 * hot / n:8.3f}   cold cache, model loaded ({n} pairs, ran={ran[backends[0]]})")
        print(f"  {'':<27} {1000 * cold / n:8.3f}   first run incl. import + model load")
        print(f"  {'':<27} {1000 * warm / n:8.3f}   warm cache (no model call)")


if __name__ == "__main__":
    main()
