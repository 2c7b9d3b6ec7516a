"""The command line: a thin layer over :mod:`audit.pipeline` and friends.

Sub-commands that live in other modules are imported only when used, and no
module imported here imports a neural library, so ``mtaudit --help`` and a
run without neural backends stay fast.
"""
from __future__ import annotations

import functools
import importlib
import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import AuditError

LAZY_COMMANDS = {
    "report": "audit.report.cli:report_cmd",
    "regress": "audit.regress:regress_cmd",
    "diff": "audit.diff:diff_cmd",
    "models": "audit.score.cli:models",
}


class LazyGroup(click.Group):
    """A group whose commands from other modules load on first use."""

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


def fail(message: str, code: int = 2) -> None:
    click.echo(f"mtaudit: error: {message}", err=True)
    sys.exit(code)


def user_errors(fn):
    """Report :class:`AuditError` as one line on stderr and exit 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except AuditError as exc:
            fail(str(exc), exc.exit_code)

    return wrapper


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtaudit")
def cli():
    """Audit machine translations for distorted claims.

    Align translated documents with their originals sentence by sentence and
    flag changed numbers, senses, names, hedges and omissions.
    """


def _languages_choice():
    from .model import LANGUAGES

    return click.Choice(LANGUAGES, case_sensitive=False)


@cli.command("run")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder for alignment.jsonl, findings.jsonl, summary.json, claims and report.html.")
@click.option("--presegmented", is_flag=True, help="Texts hold one sentence per line.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["jsonl", "csv"]),
              default=("jsonl",), show_default=True, help="Also write the tables as CSV (repeatable).")
@click.option("--checks", default=None, help="Comma-separated check names (default: all).")
@click.option("--backend", "backends", multiple=True,
              type=click.Choice(["auto", "lexical", "embeddings", "backtranslation"]),
              default=("auto",), show_default=True,
              help="Similarity backends; auto = every installed one, lexical always.")
@click.option("--model", default=None, help="sentence-transformers model name or local folder.")
@click.option("--no-claims", is_flag=True, help="Skip the cross-document claim ledger.")
@click.option("--no-html", is_flag=True, help="Do not write report.html.")
@click.option("--baseline", type=click.Path(path_type=Path), default=None,
              help="An earlier output folder: print what is new, resolved and unchanged.")
@click.option("--fail-on", type=click.Choice(["never", "new-major"]), default="never", show_default=True,
              help="With --baseline: exit 1 when a major finding is new or worsened (minor before).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="No summary table.")
@user_errors
def run_cmd(input_path, out_dir, presegmented, formats, checks, backends, model, no_claims,
            no_html, baseline, fail_on, progress, quiet):
    """Audit INPUT (corpus folder, pairs.csv, .jsonl or .tsv) and write the results to --out."""
    from .outputs import check_out_dir, write_outputs
    from .pipeline import AuditOptions, run_audit
    from .score import ScoringOptions

    if fail_on != "never" and baseline is None:
        raise AuditError("--fail-on needs --baseline")
    if checks is not None and not checks.replace(",", "").strip():
        raise AuditError("--checks names no check")
    check_out_dir(out_dir, inputs=[input_path])  # before the work, and again when writing
    old_findings = None
    if baseline is not None:
        from .runfiles import read_findings

        old_findings = read_findings(baseline)  # read now: --out may replace it
    options = AuditOptions(
        presegmented=presegmented,
        checks=[c.strip() for c in checks.split(",") if c.strip()] if checks else None,
        scoring=ScoringOptions(backends=tuple(backends), model=model),
        claims=not no_claims,
        progress=progress,
    )
    result = run_audit(input_path, options)
    for b in result.scoring.backends:  # asked for by name (or its --model given) and could not run: say so even with -q
        named = b["name"] in backends or (b["name"] == "embeddings" and model is not None)
        if named and not b["ran"] and b["reason"] != "not requested":
            click.echo(f"mtaudit: warning: backend {b['name']} did not run: {b['reason']}", err=True)
        elif b["name"] == "embeddings" and model is not None and b["reason"] == "not requested":
            click.echo("mtaudit: warning: --model has no effect: the embeddings backend was not requested",
                       err=True)
    comparison, extra = None, {}
    if old_findings is not None:
        from .diff import diff_findings
        from .outputs import finding_records

        new_findings = json.loads(json.dumps(finding_records(result.findings), ensure_ascii=False))
        comparison = diff_findings(old_findings, new_findings, str(baseline), str(out_dir))
        extra["diff.json"] = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_outputs(result, out_dir, formats=formats, html=not no_html, extra=extra)
    if not quiet:
        from .report.terminal import print_summary

        print_summary(result.summary, None if no_html else out_dir / "report.html")
    if comparison is not None:
        from .diff import _console, print_diff

        print_diff(comparison, _console())
        sys.exit(comparison.exit_code(fail_on))


@cli.command("align")
@click.argument("src", type=click.Path(path_type=Path))
@click.argument("tgt", type=click.Path(path_type=Path))
@click.option("--source-lang", "-s", required=True, type=_languages_choice())
@click.option("--target-lang", "-t", required=True, type=_languages_choice())
@click.option("--presegmented", is_flag=True, help="SRC and TGT hold one sentence per line.")
@user_errors
def align_cmd(src, tgt, source_lang, target_lang, presegmented):
    """Align two texts and print one alignment per line: [0]:[0, 1]."""
    from .align import align, format_alignment
    from .load import read_text
    from .segment import presegmented as by_lines, segment

    texts = [read_text(src), read_text(tgt)]
    if presegmented:
        segs = [by_lines(t) for t in texts]
    else:
        segs = [segment(texts[0], source_lang.lower()), segment(texts[1], target_lang.lower())]
    pairs = align(
        [s.text for s in segs[0]], [s.text for s in segs[1]], source_lang.lower(), target_lang.lower(),
        src_paragraphs=[s.paragraph for s in segs[0]], tgt_paragraphs=[s.paragraph for s in segs[1]],
    )
    out = click.get_text_stream("stdout")
    for line in format_alignment(pairs):
        out.write(line + "\n")


def main(argv=None):
    """The ``mtaudit`` command: every usage error is one line on stderr and
    exit code 2 (click would print a usage block first)."""
    try:
        code = cli.main(args=argv, prog_name="mtaudit", standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "mtaudit"
        fail(f"{exc.format_message()} (see: {where} --help)")
    except click.ClickException as exc:
        fail(exc.format_message())
    except (KeyboardInterrupt, click.Abort):
        click.echo("mtaudit: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
