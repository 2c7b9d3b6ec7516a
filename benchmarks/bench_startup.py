"""Start-up cost of ``mtaudit align`` on a tiny document pair.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7]

Every figure is the median wall time of fresh processes, next to a reference
measured in the same run (a bare ``python -c pass``), so that figures taken
on a busy machine can still be compared by their ratio:

- ``reference``: the interpreter alone;
- ``import``: ``import audit.align``;
- ``align, warm cache``: ``mtaudit align`` with the compiled language data
  already in the cache folder (the usual case from the second run on);
- ``align, cold cache``: an empty cache folder every time (the first run:
  the YAML data is parsed, compiled and written);
- ``align, no cache``: ``MTAUDIT_NO_CACHE=1``.

The cache folder is a temporary one; the user's own is never touched.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DE = "Der Gipfel liegt auf 8000 Metern.\nSie stiegen am 7. Juli ab.\n"
FR = "Le sommet est à 8000 mètres.\nIls redescendirent le 7 juillet.\n"


def _mtaudit() -> list[str]:
    exe = Path(sys.executable).with_name("mtaudit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "audit"]


def _median_time(cmd: list[str], env: dict, runs: int, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="fresh processes per figure (median)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "a.de").write_text(DE, encoding="utf-8")
        (tmp / "a.fr").write_text(FR, encoding="utf-8")
        cache = tmp / "cache"
        env = dict(os.environ, MTAUDIT_CACHE_DIR=str(cache))
        env.pop("MTAUDIT_NO_CACHE", None)
        align = _mtaudit() + ["align", "-s", "de", "-t", "fr", "--presegmented", str(tmp / "a.de"), str(tmp / "a.fr")]

        def empty_cache():
            for f in cache.glob("*") if cache.is_dir() else ():
                f.unlink()

        rows = [("reference (python -c pass)", [sys.executable, "-c", "pass"], env, None),
                ("import audit.align", [sys.executable, "-c", "import audit.align"], env, None),
                ("align, cold cache", align, env, empty_cache),
                ("align, no cache", align, dict(env, MTAUDIT_NO_CACHE="1"), None)]
        figures = {}
        for name, cmd, e, before in rows:
            figures[name] = _median_time(cmd, e, args.runs, before)
        subprocess.run(align, env=env, check=True, stdout=subprocess.DEVNULL)  # fill the cache
        figures["align, warm cache"] = _median_time(align, env, args.runs)
    ref = figures["reference (python -c pass)"]
    print(f"median of {args.runs} fresh processes each")
    for name, t in figures.items():
        print(f"{name:28s} {t:6.3f} s   x{t / ref:5.1f} reference")


if __name__ == "__main__":
    main()
