"""The drift report: a self-contained HTML page and a terminal summary.

- :func:`audit.report.html.render` (``out_dir -> str``): the whole page.
- :func:`audit.report.html.write_report`: rebuild ``out_dir/report.html`` atomically.
- :func:`audit.report.terminal.print_summary`: the table printed after a run.
- :data:`audit.report.cli.report_cmd`: the ``mtaudit report DIR`` command.

Nothing heavy is imported here: Jinja2 and rich are loaded when used.
"""
from __future__ import annotations


def render(out_dir):  # pragma: no cover - thin forwarder
    from .html import render as _render

    return _render(out_dir)


__all__ = ["render"]
