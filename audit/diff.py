"""Compare two audit runs: which findings are new, resolved or unchanged.

Findings are matched by a key that does not depend on character offsets:
``(doc, category, side, normalised text)``, where the text is the finding's
target text, or its source text when it has no target.  Each key is counted
with its multiplicity, so a sentence inserted at the top of a document (which
shifts every offset after it) changes nothing but the findings in the new
sentence.

A matched pair whose finding is major in NEW but was not major in OLD (minor,
say) is *worsened*: it is kept apart from the unchanged ones, because for a
reader it is as bad as a new major finding.

``mtaudit diff OLD NEW`` prints a table per document and category (``--json``
for machines) and, with ``--fail-on new-major``, exits 1 when NEW has a major
finding that OLD did not have, or had only with a lower severity.
``mtaudit run --baseline OLD`` uses the same comparison and the same gate.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import click

from .errors import AuditError
from .runfiles import read_findings
from .model import Finding

FAIL_ON = ("never", "new", "new-major")

MAJOR = "major"

Key = tuple[str, str, str, str]


def normalise(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def finding_key(f: Mapping[str, Any]) -> Key:
    """The matching key of a finding dict: (doc, category, side, text)."""
    for side in ("target", "source"):
        span = f.get(side)
        if isinstance(span, Mapping) and span.get("text") is not None:
            return (str(f.get("doc")), str(f.get("category")), side, normalise(str(span["text"])))
    # no span at all (a document-level finding): the message stands in for the text
    return (str(f.get("doc")), str(f.get("category")), "none", normalise(str(f.get("message", ""))))


def _as_dict(f: Finding | Mapping[str, Any]) -> dict[str, Any]:
    return f.to_dict() if isinstance(f, Finding) else dict(f)


def is_worsened(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """True when a matched finding is major now and was not major before."""
    return new.get("severity") == MAJOR and old.get("severity") != MAJOR


@dataclass
class DiffResult:
    """The comparison of an old run (baseline) with a new one."""

    new: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    # (old, new) pairs of one key whose finding became major: not in ``unchanged``
    worsened: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    old_label: str = "old"
    new_label: str = "new"

    @property
    def new_major(self) -> list[dict[str, Any]]:
        return [f for f in self.new if f.get("severity") == "major"]

    def groups(self) -> list[dict[str, Any]]:
        """Counts of new / worsened / resolved / unchanged per (doc, category)."""
        zero = {"new": 0, "new_major": 0, "worsened": 0, "resolved": 0, "unchanged": 0}
        rows: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict(zero))
        for f in self.new:
            row = rows[(str(f.get("doc")), str(f.get("category")))]
            row["new"] += 1
            row["new_major"] += f.get("severity") == MAJOR
        for f in self.resolved:
            rows[(str(f.get("doc")), str(f.get("category")))]["resolved"] += 1
        for _, f in self.unchanged:
            rows[(str(f.get("doc")), str(f.get("category")))]["unchanged"] += 1
        for _, f in self.worsened:
            rows[(str(f.get("doc")), str(f.get("category")))]["worsened"] += 1
        return [{"doc": d, "category": c, **v} for (d, c), v in sorted(rows.items())]

    def totals(self) -> dict[str, int]:
        return {"new": len(self.new), "new_major": len(self.new_major), "worsened": len(self.worsened),
                "resolved": len(self.resolved), "unchanged": len(self.unchanged)}

    def exit_code(self, fail_on: str = "never") -> int:
        """1 when ``fail_on`` says this diff fails the build, else 0."""
        if fail_on == "none":
            fail_on = "never"
        if fail_on not in FAIL_ON:
            raise AuditError(f"unknown --fail-on {fail_on!r} (known: {', '.join(FAIL_ON)})")
        # a worsened finding is a major one the baseline did not have as major
        if fail_on == "new" and (self.new or self.worsened):
            return 1
        if fail_on == "new-major" and (self.new_major or self.worsened):
            return 1
        return 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; worsened findings are listed as ``{"old", "new"}``
        (as it was and as it is), not among ``unchanged``."""
        return {
            "old": self.old_label,
            "new_run": self.new_label,
            "totals": self.totals(),
            "groups": self.groups(),
            "new": self.new,
            "resolved": self.resolved,
            "unchanged": [n for _, n in self.unchanged],
            "worsened": [{"old": o, "new": n} for o, n in self.worsened],
        }


def diff_findings(old: Iterable[Finding | Mapping[str, Any]],
                  new: Iterable[Finding | Mapping[str, Any]],
                  old_label: str = "old", new_label: str = "new") -> DiffResult:
    """Match ``old`` and ``new`` findings by key, with multiplicity.

    Within one key, findings of the same severity are paired first, then the
    rest in order; what is left over in ``new`` is new, in ``old`` resolved.
    A pair whose new finding is major and whose old one was not is worsened
    (:func:`is_worsened`); every other pair is unchanged.
    """
    olds: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    news: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for f in old:
        d = _as_dict(f)
        olds[finding_key(d)].append(d)
    for f in new:
        d = _as_dict(f)
        news[finding_key(d)].append(d)
    result = DiffResult(old_label=old_label, new_label=new_label)
    for key in sorted(set(olds) | set(news)):
        o, n = list(olds.get(key, [])), list(news.get(key, []))
        for sev_first in (True, False):
            for nf in list(n):
                match = next((of for of in o
                              if not sev_first or of.get("severity") == nf.get("severity")), None)
                if match is not None:
                    o.remove(match)
                    n.remove(nf)
                    (result.worsened if is_worsened(match, nf) else result.unchanged).append((match, nf))
        result.new.extend(n)
        result.resolved.extend(o)
    order = _order_key
    result.new.sort(key=order)
    result.resolved.sort(key=order)
    result.unchanged.sort(key=lambda pair: order(pair[1]))
    result.worsened.sort(key=lambda pair: order(pair[1]))
    return result


def _order_key(f: Mapping[str, Any]) -> tuple:
    def pos(side: str) -> tuple[int, int]:
        s = f.get(side)
        if isinstance(s, Mapping):
            try:
                return int(s.get("start", -1)), int(s.get("end", -1))
            except (TypeError, ValueError):
                pass
        return (-1, -1)

    return (str(f.get("doc")), pos("target"), pos("source"), str(f.get("category")),
            str(f.get("check")), str(f.get("message")))


def load_run(path: str | Path) -> list[dict[str, Any]]:
    """The findings of a run: its output folder (findings.jsonl) or the file itself."""
    return read_findings(path)


def diff_runs(old_dir: str | Path, new_dir: str | Path) -> DiffResult:
    """Compare the findings of two run folders."""
    return diff_findings(load_run(old_dir), load_run(new_dir), str(old_dir), str(new_dir))


def baseline_diff(old_dir: str | Path, findings: Iterable[Finding | Mapping[str, Any]],
                  new_label: str = "this run") -> DiffResult:
    """For ``mtaudit run --baseline OLD_DIR``: the current findings against OLD_DIR's."""
    return diff_findings(load_run(old_dir), findings, str(old_dir), new_label)


def baseline_check(old_dir: str | Path, new_dir: str | Path, fail_on: str = "never",
                   console=None) -> int:
    """For ``mtaudit run --baseline OLD_DIR``: print the diff of the run just
    written to ``new_dir`` against ``old_dir`` and return the exit code
    (:meth:`DiffResult.exit_code`: with "new-major", 1 when a major finding
    is new or worsened, else 0).

    Also writes ``diff.json`` into ``new_dir``.  Bad folders raise AuditError.
    """
    result = diff_runs(old_dir, new_dir)
    Path(new_dir, "diff.json").write_text(
        json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_diff(result, console or _console())
    return result.exit_code(fail_on)


# ---------------------------------------------------------------- output


def _short(text: str, width: int = 60) -> str:
    text = normalise(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _span_text(f: Mapping[str, Any]) -> str:
    key = finding_key(f)
    return ("" if key[2] == "target" else f"[{key[2]}] ") + key[3]


def print_diff(result: DiffResult, console=None, details: bool = True) -> None:
    """The per-document/category table, then the new, worsened and resolved findings."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    t = Table(title=f"Findings: {escape(result.old_label)} -> {escape(result.new_label)}")
    for col in ("doc", "category", "new", "of which major", "worsened", "resolved", "unchanged"):
        t.add_column(col, justify="left" if col in ("doc", "category") else "right")
    for g in result.groups():
        t.add_row(escape(g["doc"]), escape(g["category"]),
                  f"[red]{g['new']}[/]" if g["new"] else "0",
                  f"[bold red]{g['new_major']}[/]" if g["new_major"] else "0",
                  f"[bold red]{g['worsened']}[/]" if g["worsened"] else "0",
                  f"[green]{g['resolved']}[/]" if g["resolved"] else "0",
                  str(g["unchanged"]))
    tot = result.totals()
    t.add_row("[bold]all[/]", "", str(tot["new"]), str(tot["new_major"]), str(tot["worsened"]),
              str(tot["resolved"]), str(tot["unchanged"]))
    console.print(t)
    if details:
        if result.worsened:
            w = Table(title="Worsened findings (now major)")
            for col in ("doc", "category", "sev", "text", "message"):
                w.add_column(col, overflow="fold")
            for o, f in result.worsened:
                w.add_row(escape(str(f.get("doc"))), escape(str(f.get("category"))),
                          escape(f"{o.get('severity', '?')} -> {f.get('severity', '')}"),
                          escape(_short(_span_text(f), 40)),
                          escape(_short(str(f.get("message", "")), 80)))
            console.print(w)
        for title, items in (("New", result.new), ("Resolved", result.resolved)):
            if not items:
                continue
            d = Table(title=f"{title} findings")
            for col in ("doc", "category", "sev", "text", "message"):
                d.add_column(col, overflow="fold")
            for f in items:
                d.add_row(str(f.get("doc")), str(f.get("category")), str(f.get("severity", "")),
                          escape(_short(_span_text(f), 40)),
                          escape(_short(str(f.get("message", "")), 80)))
            console.print(d)
    console.print(f"{tot['new']} new ({tot['new_major']} major), {tot['resolved']} resolved, "
                  f"{tot['unchanged']} unchanged, {tot['worsened']} worsened (now major)")


def _console():
    from rich.console import Console

    return Console(file=sys.stdout, width=None if sys.stdout.isatty() else 120)


@click.command("diff")
@click.argument("old_dir", type=click.Path(path_type=Path))
@click.argument("new_dir", type=click.Path(path_type=Path))
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="never", show_default=True,
              help="Exit 1 when NEW has any new or worsened finding (new), or a major finding "
                   "that is new or was of a lower severity in OLD (new-major).")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.pass_context
def diff_cmd(ctx: click.Context, old_dir: Path, new_dir: Path, fail_on: str,
             as_json: bool) -> None:
    """Compare the findings of two runs (OLD_DIR, NEW_DIR: folders of `mtaudit run --out`)."""
    try:
        result = diff_runs(old_dir, new_dir)
    except AuditError as exc:
        click.echo(f"mtaudit: error: {exc}", err=True)
        ctx.exit(2)
        return
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_diff(result, _console())
    ctx.exit(result.exit_code(fail_on))
