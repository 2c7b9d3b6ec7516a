"""``mtaudit report DIR``: rebuild ``DIR/report.html`` from the run files."""
from __future__ import annotations

import sys

import click


@click.command("report")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=True, dir_okay=True, path_type=str))
def report_cmd(directory: str) -> None:
    """Rebuild DIR/report.html from the files of a run (summary.json,
    alignment.jsonl, findings.jsonl and claims.jsonl if present)."""
    from .html import ReportError, write_report

    try:
        path = write_report(directory)
    except ReportError as exc:
        click.echo(f"mtaudit: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"mtaudit: {directory}: cannot write report.html ({exc.strerror or exc})", err=True)
        sys.exit(2)
    click.echo(str(path))
