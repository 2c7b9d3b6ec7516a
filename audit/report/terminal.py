"""The compact summary printed at the end of ``mtaudit run``."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import CATEGORIES, SEVERITIES


# Column headings: short, so that nine categories fit in 80 columns.
SHORT = {
    "number": "num", "entity": "name", "sense": "sense", "modality": "hedge",
    "negation": "neg", "omission": "omit", "addition": "add", "fluency": "flu",
    "cross-document": "xdoc",
}


def _counts(doc: dict[str, Any]) -> dict[str, dict[str, int]]:
    f = doc.get("findings") if isinstance(doc.get("findings"), dict) else {}
    out: dict[str, dict[str, int]] = {}
    for cat, sev in (f.get("by_category") or {}).items():
        if isinstance(sev, dict):
            out[cat] = {s: int(sev.get(s, 0) or 0) for s in SEVERITIES}
    return out


def _cell(c: dict[str, int] | None) -> str:
    if not c or not (c.get("major") or c.get("minor")):
        return "[dim]·[/dim]"
    major, minor = c.get("major", 0), c.get("minor", 0)
    a = f"[bold red]{major}[/bold red]" if major else "[dim]0[/dim]"
    b = f"{minor}" if minor else "[dim]0[/dim]"
    return f"{a}/{b}"


def summary_table(summary: dict[str, Any]):
    """A rich Table: one row per document, one column per category found
    (``major/minor``), then the total."""
    from rich.markup import escape
    from rich.table import Table

    docs = [d for d in summary.get("documents") or [] if isinstance(d, dict)]
    counts = {str(d.get("id")): _counts(d) for d in docs}
    cats = [c for c in CATEGORIES if any(counts[k].get(c) and sum(counts[k][c].values()) for k in counts)]
    extra = sorted({c for k in counts for c in counts[k]} - set(CATEGORIES))
    cats += [c for c in extra if any(sum(counts[k].get(c, {}).values()) for k in counts)]

    title = "Findings, major/minor"
    if any(c in SHORT and SHORT[c] != c for c in cats):
        title += " (" + ", ".join(f"{SHORT[c]} = {c}" for c in cats if c in SHORT and SHORT[c] != c) + ")"
    table = Table(title=title, title_justify="left", box=None,
                  header_style="bold", pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("doc", no_wrap=True, min_width=3)
    table.add_column("langs", no_wrap=True)
    table.add_column("pairs", justify="right", no_wrap=True)
    table.add_column("sim", justify="right", no_wrap=True)
    for c in cats:
        table.add_column(SHORT.get(c, c), justify="center", no_wrap=True)
    table.add_column("all", justify="right", no_wrap=True)
    tot = {c: {s: 0 for s in SEVERITIES} for c in cats}
    for d in docs:
        doc_id = str(d.get("id"))
        sl, tl = d.get("source_lang"), d.get("target_lang") or "?"
        langs = f"{sl}→{tl}" if sl else f"{tl} only"
        sim = d.get("similarity") if isinstance(d.get("similarity"), dict) else {}
        mean = sim.get("mean")
        sim_s = f"{mean:.2f}" if isinstance(mean, (int, float)) else "–"
        row = [escape(doc_id), escape(langs), str(d.get("pairs", "")), sim_s]
        for c in cats:
            cc = counts[doc_id].get(c)
            row.append(_cell(cc))
            for s in SEVERITIES:
                tot[c][s] += (cc or {}).get(s, 0)
        f = d.get("findings") if isinstance(d.get("findings"), dict) else {}
        by_sev = f.get("by_severity") or {}
        row.append(_cell({"major": int(by_sev.get("major", 0) or 0), "minor": int(by_sev.get("minor", 0) or 0)}))
        table.add_row(*row)
    totals = summary.get("totals") if isinstance(summary.get("totals"), dict) else {}
    if len(docs) > 1:
        tsev = totals.get("by_severity") or {s: sum(tot[c][s] for c in cats) for s in SEVERITIES}
        table.add_section()
        table.add_row(
            "all", "", str(totals.get("pairs", "")), "",
            *[_cell(tot[c]) for c in cats],
            _cell({"major": int(tsev.get("major", 0) or 0), "minor": int(tsev.get("minor", 0) or 0)}),
            style="bold",
        )
    return table


def backends_line(summary: dict[str, Any]) -> str:
    """Which backends ran, then one line per backend that did not, with why
    (rich markup)."""
    from rich.markup import escape

    ran, off = [], []
    for b in summary.get("backends") or []:
        if not isinstance(b, dict):
            continue
        name = escape(str(b.get("name") or "?"))
        if b.get("ran"):
            ran.append(f"[green]{name}[/green]")
        else:
            reason = escape(str(b["reason"])) if b.get("reason") else "not asked for"
            off.append(f"  [dim]{name} did not run: {reason}[/dim]")
    if not ran and not off:
        return ""
    return "\n".join([f"Backends: {', '.join(ran) if ran else 'none ran'}", *off])


def print_summary(summary: dict[str, Any], report_path: Path | None, console=None) -> None:
    """Print the documents × categories table, the backends and the report path."""
    from rich.console import Console
    from rich.markup import escape

    if console is None:
        console = Console(highlight=False)
    if not (summary.get("documents") or []):
        console.print("No documents.")
    else:
        console.print(summary_table(summary))
    line = backends_line(summary)
    for text in line.splitlines():
        console.print(text, soft_wrap=True)
    if report_path is not None:
        console.print(f"Report: {escape(str(report_path))}", soft_wrap=True)
