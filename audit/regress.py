"""The regression gate: check that every known error of a corpus is flagged.

A known-errors file (YAML) lists, for one corpus, the errors a person has
confirmed by reading the targets against their sources::

    errors:
      - id: 002-2017million
        doc: "002"
        text: "$ 2017million"        # exact target text; " ... " separates pieces
        occurrence: 1                # optional: which occurrence is meant
        category: number
        severity: major              # optional
        note: the source says $410million in 2017; the year replaced the amount

An entry is *caught* when a finding of the same document has a target span
that overlaps one of the entry's pieces (and, with ``strict_category``, has
the entry's category).  ``mtaudit regress`` prints the table and exits 0 when
everything is caught, 1 when anything is missed, 2 for bad input.

An entry the audit cannot catch yet may say so, with the reason::

        expected: missed
        why: needs a bilingual dictionary to see that "objects" has no source

Such a *known gap* is reported and counts in the recall, but does not fail
the gate; when a later version catches it, the gate says "now caught" so the
mark can be removed.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import click
import yaml

from .errors import AuditError
from .runfiles import read_findings
from .textutil import shorten
from .model import CATEGORIES, SEVERITIES, Document, Finding, Span

GAP = " ... "  # separates the pieces of a discontinuous known text


@dataclass
class KnownError:
    """One entry of a known-errors file (not yet located in its document)."""

    id: str
    doc: str
    text: str
    category: str
    note: str = ""
    severity: str | None = None
    occurrence: int = 1
    line: int | None = None  # line in the YAML file, for messages
    gap: str | None = None  # "expected: missed": why the audit cannot catch it yet

    @property
    def pieces(self) -> list[str]:
        return self.text.split(GAP)

    def label(self) -> str:
        at = f", line {self.line}" if self.line else ""
        return f"{self.id} (doc {self.doc}{at})"


@dataclass
class EntryResult:
    known: KnownError
    spans: list[Span]  # where the pieces are in the target text
    caught_by: list[dict[str, Any]] = field(default_factory=list)  # finding dicts

    @property
    def caught(self) -> bool:
        return bool(self.caught_by)

    @property
    def status(self) -> str:
        """caught, missed, known gap (an expected miss) or now caught (a gap closed)."""
        if self.known.gap is None:
            return "caught" if self.caught else "missed"
        return "now caught" if self.caught else "known gap"

    def to_dict(self) -> dict[str, Any]:
        k = self.known
        return {
            "id": k.id,
            "doc": k.doc,
            "text": k.text,
            "category": k.category,
            "severity": k.severity,
            "note": k.note,
            "spans": [s.to_dict() for s in self.spans],
            "caught": self.caught,
            "status": self.status,
            "gap": k.gap,
            "caught_by": [
                {key: f.get(key) for key in ("check", "category", "severity", "message", "target")}
                for f in self.caught_by
            ],
        }


@dataclass
class RegressResult:
    entries: list[EntryResult]
    strict_category: bool = False

    @property
    def caught(self) -> list[EntryResult]:
        return [e for e in self.entries if e.caught]

    @property
    def missed(self) -> list[EntryResult]:
        return [e for e in self.entries if not e.caught]

    @property
    def failing(self) -> list[EntryResult]:
        """Missed entries that are not known gaps: these fail the gate."""
        return [e for e in self.entries if e.status == "missed"]

    @property
    def known_gaps(self) -> list[EntryResult]:
        return [e for e in self.entries if e.status == "known gap"]

    @property
    def recall(self) -> float:
        return len(self.caught) / len(self.entries) if self.entries else 1.0

    def by_category(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for e in self.entries:
            row = out.setdefault(e.known.category, {"caught": 0, "missed": 0})
            row["caught" if e.caught else "missed"] += 1
        order = {c: i for i, c in enumerate(CATEGORIES)}
        return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], 99)))

    @property
    def exit_code(self) -> int:
        return 0 if not self.failing else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "strict_category": self.strict_category,
            "total": len(self.entries),
            "caught": len(self.caught),
            "missed": len(self.missed),
            "known_gaps": len(self.known_gaps),
            "failing": len(self.failing),
            "recall": round(self.recall, 4),
            "by_category": {
                c: {**v, "recall": round(v["caught"] / (v["caught"] + v["missed"]), 4)}
                for c, v in self.by_category().items()
            },
            "entries": [e.to_dict() for e in self.entries],
        }


# ---------------------------------------------------------------- loading


def _line_numbers(text: str) -> list[int | None]:
    """The YAML line of each entry of the ``errors`` list (1-based)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    node = root
    if isinstance(root, yaml.MappingNode):
        node = next((v for k, v in root.value if getattr(k, "value", None) == "errors"), None)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def load_known(path: str | Path) -> list[KnownError]:
    """Read and validate a known-errors file; any problem is an AuditError."""
    p = Path(path)
    if not p.is_file():
        raise AuditError(f"{p}: no such known-errors file")
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditError(f"{p}: cannot read ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise AuditError(f"{p}{at}: malformed YAML ({problem})") from None
    items = data.get("errors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise AuditError(f"{p}: expected a list of entries under 'errors'")
    if not items:
        raise AuditError(f"{p}: no entries")
    lines = _line_numbers(text)
    out: list[KnownError] = []
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        line = lines[n - 1] if n - 1 < len(lines) else None
        at = f"{p}:{line}" if line else f"{p}: entry {n}"
        if not isinstance(item, dict):
            raise AuditError(f"{at}: an entry must be a mapping")
        for key in ("doc", "text", "category"):
            if item.get(key) in (None, ""):
                raise AuditError(f"{at}: entry lacks {key!r}")
        doc = item["doc"]
        if isinstance(doc, bool) or not isinstance(doc, (str, int)):
            raise AuditError(f"{at}: 'doc' must be a document id")
        text_val = item["text"]
        if isinstance(text_val, list) and text_val and all(isinstance(t, str) and t for t in text_val):
            text_val = GAP.join(text_val)
        if not isinstance(text_val, str) or not all(text_val.split(GAP)):
            raise AuditError(f"{at}: 'text' must be a non-empty string")
        category = str(item["category"]).strip()
        if category not in CATEGORIES:
            raise AuditError(
                f"{at}: unknown category {category!r} (known: {', '.join(CATEGORIES)})"
            )
        severity = item.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise AuditError(f"{at}: unknown severity {severity!r} (known: major, minor)")
        occ = item.get("occurrence", 1)
        if isinstance(occ, bool) or not isinstance(occ, int) or occ < 1:
            raise AuditError(f"{at}: 'occurrence' must be a whole number from 1")
        gap = None
        expected = item.get("expected")
        if expected is not None:
            if expected != "missed":
                raise AuditError(f"{at}: 'expected' can only be 'missed'")
            gap = str(item.get("why") or "").strip()
            if not gap:
                raise AuditError(f"{at}: an entry expected to be missed needs 'why'")
        kid = str(item.get("id") or f"{doc}#{n}")
        if kid in seen:
            raise AuditError(f"{at}: duplicate id {kid!r}")
        seen.add(kid)
        out.append(KnownError(kid, str(doc), text_val, category, str(item.get("note") or ""),
                              severity, occ, line, gap))
    return out


def _find_doc(doc_id: str, docs: Mapping[str, Document]) -> Document | None:
    if doc_id in docs:
        return docs[doc_id]
    # an unquoted YAML id (001 -> 1) still names "001" when that is unambiguous
    if doc_id.isdigit():
        hits = [d for k, d in docs.items() if k.isdigit() and int(k) == int(doc_id)]
        if len(hits) == 1:
            return hits[0]
    return None


def locate(known: KnownError, doc: Document) -> list[Span]:
    """The spans of ``known``'s pieces in the document's target text.

    Raises AuditError when a piece is not there (or not that many times).
    """
    text = doc.target
    shown = doc.target_name or f"doc {doc.id} target"
    spans: list[Span] = []
    pos = 0
    for i, piece in enumerate(known.pieces):
        start = -1
        wanted = known.occurrence if i == 0 else 1
        for _ in range(wanted):
            start = text.find(piece, pos)
            if start < 0:
                break
            pos = start + 1
        if start < 0:
            count = text.count(piece)
            if i == 0 and count and wanted > count:
                why = f"occurs {count} time(s), not {wanted}"
            elif i:
                why = "not found after the previous piece"
            else:
                why = "not found"
            raise AuditError(f"{known.label()}: text {piece!r} {why} in {shown}")
        spans.append(Span(start, start + len(piece), piece))
        pos = start + len(piece)
    return spans


class BadEntries(AuditError):
    """Several bad entries: ``problems`` holds one line each."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} bad known-error entries: " + "; ".join(problems))
        self.problems = problems


def locate_all(known: Iterable[KnownError], docs: Iterable[Document]) -> list[EntryResult]:
    """Locate every entry; all problems are reported in one AuditError."""
    by_id = {d.id: d for d in docs}
    results: list[EntryResult] = []
    problems: list[str] = []
    for k in known:
        doc = _find_doc(k.doc, by_id)
        if doc is None:
            problems.append(f"{k.label()}: doc {k.doc!r} is not in the corpus "
                            f"(ids: {', '.join(sorted(by_id))})")
            continue
        if doc.id != k.doc:
            k.doc = doc.id
        try:
            results.append(EntryResult(k, locate(k, doc)))
        except AuditError as exc:
            problems.append(str(exc))
    if len(problems) == 1:
        raise AuditError(problems[0])
    if problems:
        raise BadEntries(problems)
    return results


# ---------------------------------------------------------------- matching


def _as_dict(f: Finding | Mapping[str, Any]) -> dict[str, Any]:
    return f.to_dict() if isinstance(f, Finding) else dict(f)


def _overlaps(fspan: Mapping[str, Any] | None, span: Span) -> bool:
    if not fspan:
        return False
    try:
        s, e = int(fspan["start"]), int(fspan["end"])
    except (KeyError, TypeError, ValueError):
        return False
    if s == e:  # an insertion point inside the known text
        return span.start <= s <= span.end
    return s < span.end and span.start < e


def match(entries: list[EntryResult], findings: Iterable[Finding | Mapping[str, Any]],
          strict_category: bool = False) -> RegressResult:
    """Mark each located entry caught by the findings whose target overlaps it."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        d = _as_dict(f)
        by_doc.setdefault(str(d.get("doc")), []).append(d)
    for e in entries:
        e.caught_by = [
            f for f in by_doc.get(e.known.doc, [])
            if (not strict_category or f.get("category") == e.known.category)
            and any(_overlaps(f.get("target"), sp) for sp in e.spans)
        ]
    return RegressResult(entries, strict_category)


def audit_findings(corpus: str | Path) -> list[Finding]:
    """Run the real pipeline on ``corpus`` and return its findings."""
    from .pipeline import run_audit  # imported late: the pipeline is heavy

    return list(run_audit(corpus).findings)


def regress(corpus: str | Path, known: str | Path | list[KnownError],
            strict_category: bool = False,
            findings: Iterable[Finding | Mapping[str, Any]] | str | Path | None = None,
            ) -> RegressResult:
    """Check the known errors of ``corpus`` against its audit.

    ``findings`` may be given (a list, or a findings.jsonl / run folder) to
    reuse an earlier run instead of auditing the corpus again.  Bad input of any
    kind (corpus, known-errors file, a known text missing from its document)
    raises AuditError before any matching.
    """
    from .load import load

    entries_known = known if isinstance(known, list) else load_known(known)
    # bad input first: every known text must be in its document before any audit
    located = locate_all(entries_known, load(corpus))
    if findings is None:
        found: list = audit_findings(corpus)
    elif isinstance(findings, (str, Path)):
        found = read_findings(findings)
    else:
        found = list(findings)
    return match(located, found, strict_category)


# ---------------------------------------------------------------- output


def _short(text: str, width: int = 48) -> str:
    return shorten(text, width)


def print_report(result: RegressResult, console=None) -> None:
    """The per-entry and per-category tables, and the recall line."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    entries = result.entries
    t = Table(title="Known errors", show_lines=False)
    for col in ("id", "doc", "category", "sev", "result", "caught by", "text"):
        t.add_column(col, overflow="fold")
    for e in entries:
        k = e.known
        by = ", ".join(sorted({f"{f.get('check')}/{f.get('category')}" for f in e.caught_by}))
        status = {"caught": "[green]caught[/]", "missed": "[red]MISSED[/]",
                  "known gap": "[yellow]known gap[/]", "now caught": "[green]now caught[/]"}[e.status]
        t.add_row(escape(k.id), k.doc, k.category, k.severity or "", status, escape(by),
                  escape(_short(k.text)))
    console.print(t)
    c = Table(title="By category")
    for col in ("category", "caught", "missed", "recall"):
        c.add_column(col, justify="left" if col == "category" else "right")
    for cat, v in result.by_category().items():
        n = v["caught"] + v["missed"]
        c.add_row(cat, str(v["caught"]), str(v["missed"]), f"{v['caught'] / n:.0%}")
    n = len(result.entries)
    c.add_row("[bold]all[/]", str(len(result.caught)), str(len(result.missed)),
              f"[bold]{result.recall:.0%}[/]")
    console.print(c)
    for e in result.failing:
        console.print(f"[red]missed[/] {escape(e.known.id)} (doc {e.known.doc}, "
                      f"{e.known.category}): {escape(_short(e.known.note, 200))}")
    for e in result.entries:
        if e.status == "now caught":
            console.print(f"[green]now caught[/] {escape(e.known.id)}: a known gap is closed; "
                          "remove its 'expected: missed'")
    mode = " (category must match)" if result.strict_category else ""
    gaps = len(result.known_gaps)
    console.print(f"recall {len(result.caught)}/{n} = {result.recall:.1%}{mode}; "
                  + (f"{len(result.failing)} missed (listed above)" if result.failing
                     else "every known error the gate holds is caught")
                  + (f"; {gaps} known gap(s) marked 'expected: missed' do not fail the gate" if gaps else ""))


MAX_PROBLEMS = 10  # bad known-error entries listed one per line, then a count


def _fail(ctx: click.Context, msg: str, code: int = 2) -> None:
    click.echo(f"mtaudit: error: {msg}", err=True)
    ctx.exit(code)


@click.command("regress")
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option("--known", "known_path", type=click.Path(path_type=Path), default=None,
              help="Known-errors YAML file (default: CORPUS/known_errors.yaml).")
@click.option("--strict-category", is_flag=True,
              help="A finding only catches an entry when its category matches.")
@click.option("--findings", "findings_path", type=click.Path(path_type=Path), default=None,
              help="Reuse an earlier run (its folder or findings.jsonl) instead of auditing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def regress_cmd(ctx: click.Context, corpus: Path, known_path: Path | None,
                strict_category: bool, findings_path: Path | None, as_json: bool) -> None:
    """Audit CORPUS and check that every known error is flagged.

    Exit 0 when all are caught, 1 when any is missed, 2 for bad input.
    Entries marked ``expected: missed`` (with ``why``) are known gaps: they
    are reported, count in the recall, and do not fail the gate.
    """
    if known_path is None:
        base = corpus if corpus.is_dir() else corpus.parent
        known_path = base / "known_errors.yaml"
    try:
        known = load_known(known_path)
        result = regress(corpus, known, strict_category, findings_path)
    except BadEntries as exc:
        shown = exc.problems[:MAX_PROBLEMS]
        for p in shown:
            click.echo(f"mtaudit: error: {p}", err=True)
        if len(exc.problems) > len(shown):
            click.echo(f"mtaudit: error: ... and {len(exc.problems) - len(shown)} more problem(s) "
                       f"in {known_path}", err=True)
        ctx.exit(2)
        return
    except AuditError as exc:
        _fail(ctx, str(exc))
        return
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        print_report(result, Console(file=sys.stdout,
                                     width=None if sys.stdout.isatty() else 120))
    ctx.exit(result.exit_code)
