#!/usr/bin/env python3
"""Regenerate ``docs/report.png``, the screenshot of the HTML report in the README.

    .venv/bin/python scripts/screenshot_report.py                 # corpora/sensetime -> docs/report.png
    .venv/bin/python scripts/screenshot_report.py --run-dir OUT   # an existing run folder
    .venv/bin/python scripts/screenshot_report.py --corpus DIR --png FILE --doc 002

It audits the corpus with ``mtaudit run`` (``audit.pipeline``), renders the
report, opens it in headless Chromium (Debian ``chromium`` and
``chromium-driver``; Python ``selenium``), scrolls to the chosen
document, focuses its first major number highlight (so that its message shows) and
saves a PNG.
With ``--preview`` (or if the pipeline cannot be imported) it renders a
preview run instead: sentences paired by position, no checks.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROME_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--force-device-scale-factor=1",
)


def make_run(corpus: Path, out: Path, preview: bool) -> Path:
    if not preview:
        try:
            from audit.outputs import write_outputs
            from audit.pipeline import run_audit
        except ImportError as exc:
            print(f"pipeline not importable ({exc}); rendering a preview run", file=sys.stderr)
            preview = True
        else:
            write_outputs(run_audit(corpus), out)
            return out
    from audit.report.html import write_report
    from audit.report.sample import naive_adocs, write_run

    write_run(out, naive_adocs(corpus), [], input_path=str(corpus))
    write_report(out)
    return out


def driver(width: int, height: int, profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in CHROME_ARGS:
        opts.add_argument(a)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument(f"--window-size={width},{height}")
    return webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))


def shoot(report: Path, png: Path, doc: str | None, width: int, height: int) -> None:
    profile = Path(tempfile.mkdtemp(prefix="mtaudit-chromium-"))
    drv = driver(width, height, profile)
    try:
        drv.get(report.resolve().as_uri())
        if doc:
            # the chosen document just below the sticky toolbar, its first
            # highlight focused so that its message shows
            drv.execute_script(
                "var s=document.querySelector('section.doc[data-doc=\"'+arguments[0]+'\"]');"
                "if(!s){return;}"
                "var bar=document.getElementById('toolbar');"
                "window.scrollTo(0, s.getBoundingClientRect().top + window.scrollY - bar.offsetHeight - 12);"
                "var m=s.querySelector('.side.tgt mark.hl.c-number.s-major[tabindex]')"
                "||s.querySelector('.side.tgt mark.hl.s-major[tabindex]')||s.querySelector('mark.hl[tabindex]');"
                "if(m){m.focus({preventScroll:true});}", doc)
        png.parent.mkdir(parents=True, exist_ok=True)
        drv.save_screenshot(str(png))
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "sensetime")
    ap.add_argument("--run-dir", type=Path, help="use this run folder (report.html is rebuilt)")
    ap.add_argument("--png", type=Path, default=ROOT / "docs" / "report.png")
    ap.add_argument("--doc", default="002", help="document to show below the overview ('' for the top)")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1000)
    ap.add_argument("--preview", action="store_true", help="no checks: sentences paired by position")
    args = ap.parse_args(argv)

    tmp = None
    if args.run_dir:
        from audit.report.html import write_report

        report = write_report(args.run_dir)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="mtaudit-shot-"))
        report = make_run(args.corpus, tmp / "out", args.preview) / "report.html"
    try:
        shoot(report, args.png, args.doc or None, args.width, args.height)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
