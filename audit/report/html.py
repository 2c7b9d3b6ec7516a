"""The self-contained HTML drift report.

:func:`render` reads the files of one run (``summary.json``,
``alignment.jsonl``, ``findings.jsonl`` and, if present, ``claims.jsonl``)
and returns one HTML page: styles, script and charts are inlined, nothing is
fetched from the network, the page opens from disk.

The page is filled from ``templates/report.html.j2``; this module only turns
the run files into plain values for the template.  Every piece of corpus text
reaches the page through Jinja2's autoescaping (or :func:`_esc`, for the
highlighted pair texts built here), and a Content-Security-Policy that allows
only the page's own inline script and style (by hash) stands behind that.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..runfiles import read_jsonl
from ..errors import AuditError
from ..model import CATEGORIES, SEVERITIES

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

REQUIRED = ("summary.json", "alignment.jsonl", "findings.jsonl")

# The categories as shown in the page (legend, filters, lists).
CATEGORY_LABELS = {c: c for c in CATEGORIES}

LANG_NAMES = {"en": "English", "de": "German", "fr": "French"}


class ReportError(AuditError):
    """The run folder cannot be turned into a report."""


# --------------------------------------------------------------------------
# reading the run files


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None


def _read_jsonl(path: Path) -> list[dict]:
    return read_jsonl(path, error=ReportError)


def load_run(out_dir: Path | str) -> dict[str, Any]:
    """The parsed files of one run folder; :class:`ReportError` if unusable."""
    d = Path(out_dir)
    if not d.is_dir():
        raise ReportError(f"{d}: no such folder")
    missing = [name for name in REQUIRED if not (d / name).is_file()]
    if missing:
        raise ReportError(f"{d}: not an mtaudit output folder (missing {', '.join(missing)})")
    summary = _read_json(d / "summary.json")
    if not isinstance(summary, dict):
        raise ReportError(f"{d / 'summary.json'}: expected a JSON object")
    claims_path = d / "claims.jsonl"
    return {
        "summary": summary,
        "alignment": _read_jsonl(d / "alignment.jsonl"),
        "findings": _read_jsonl(d / "findings.jsonl"),
        "claims": _read_jsonl(claims_path) if claims_path.is_file() else None,
    }


# --------------------------------------------------------------------------
# highlighting


def _esc(text: str) -> Markup:
    """Escape corpus text for HTML; ``://`` is written ``&#58;//`` so that no
    text in the page even looks like a network address."""
    return Markup(str(escape(text)).replace("://", "&#58;//"))


@dataclass
class _Hit:
    """One finding's stretch inside one pair text (offsets relative to it)."""

    fid: int
    start: int
    end: int
    category: str
    severity: str
    first: bool = False  # the finding's first fragment on the page: anchor
    last_here: bool = True  # ends inside this text: gets the written tag


def _span_of(rec: Any) -> tuple[int, int, str] | None:
    if not isinstance(rec, dict):
        return None
    try:
        start, end = int(rec["start"]), int(rec["end"])
    except (KeyError, TypeError, ValueError):
        return None
    if end < start:
        return None
    return start, end, str(rec.get("text") or "")


def _overlaps(fs: int, fe: int, ps: int, pe: int) -> bool:
    if fs == fe:  # an empty span marks a position
        return ps <= fs <= pe
    return fs < pe and fe > ps


def highlight(text: str, hits: list[_Hit], labels: dict[int, Markup]) -> Markup:
    """``text`` escaped, with ``<mark>`` elements for every hit.

    Overlapping hits are split at every boundary and nested (longest
    outermost), so that no stretch of text and no finding is lost.  A hit
    with an empty stretch is shown as a caret at its position.
    """
    n = len(text)
    norm: list[_Hit] = []
    for h in hits:
        s = min(max(h.start, 0), n)
        e = min(max(h.end, s), n)
        norm.append(_Hit(h.fid, s, e, h.category, h.severity, h.first, h.last_here))
    cuts = sorted({0, n, *(h.start for h in norm), *(h.end for h in norm)})
    ranged = [h for h in norm if h.end > h.start]
    empties = [h for h in norm if h.end == h.start]
    seen: set[int] = set()
    out: list[str] = []

    def open_mark(h: _Hit) -> str:
        cls = f"hl c-{escape(h.category)} s-{escape(h.severity)}"
        attrs = [f'class="{cls}"', f'data-f="{h.fid}"']
        if h.fid not in seen:
            seen.add(h.fid)
            if h.first:
                attrs.append(f'id="hl-{h.fid}"')
            attrs.append('tabindex="0"')
            attrs.append(f'aria-describedby="fm-{h.fid}"')
        return "<mark " + " ".join(attrs) + ">"

    def tag(h: _Hit) -> str:
        return (
            f'<span class="tag c-{escape(h.category)} s-{escape(h.severity)}" data-f="{h.fid}">'
            f"{escape(labels.get(h.fid, ''))}</span>"
        )

    for a, b in zip(cuts, cuts[1:] + [None]):
        for h in empties:
            if h.start == a:
                out.append(open_mark(h) + '<span class="caret" aria-hidden="true">&#8248;</span></mark>')
                out.append(tag(h))
        if b is None:
            break
        if a == b:
            continue
        cover = [h for h in ranged if h.start <= a and b <= h.end]
        cover.sort(key=lambda h: (-(h.end - h.start), h.fid))
        piece = str(_esc(text[a:b]))
        opened = "".join(open_mark(h) for h in cover)
        out.append(opened + piece + "</mark>" * len(cover))
        for h in sorted(cover, key=lambda h: h.fid):
            if h.end == b and h.last_here:
                out.append(tag(h))
    return Markup("".join(out))


# --------------------------------------------------------------------------
# the view: plain values for the template


@dataclass
class _Pair:
    index: int
    type: str
    source: dict | None
    target: dict | None
    confidence: float | None
    low_confidence: bool
    furniture: bool
    scores: dict
    src_hits: list[_Hit] = field(default_factory=list)
    tgt_hits: list[_Hit] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)


def _fmt_num(x: Any, digits: int = 2) -> str:
    try:
        return f"{float(x):.{digits}f}"
    except (TypeError, ValueError):
        return "–"


def _lang_label(code: str | None) -> str:
    if not code:
        return "—"
    return LANG_NAMES.get(code, code)


def _counts(by_category: dict | None) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for cat, sev in (by_category or {}).items():
        if isinstance(sev, dict):
            out[cat] = {s: int(sev.get(s, 0) or 0) for s in SEVERITIES}
        else:  # a bare count
            out[cat] = {"major": 0, "minor": int(sev or 0)}
    return out


def _count_findings(findings: list[dict]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for f in findings:
        c = out.setdefault(f["category"], {s: 0 for s in SEVERITIES})
        c[f["severity"]] = c.get(f["severity"], 0) + 1
    return out


def _norm_finding(rec: dict, fid: int) -> dict:
    cat = str(rec.get("category") or "fluency")
    sev = str(rec.get("severity") or "minor")
    if sev not in SEVERITIES:
        sev = "minor"
    return {
        "id": fid,
        "doc": str(rec.get("doc") or ""),
        "check": str(rec.get("check") or ""),
        "category": cat,
        "category_label": CATEGORY_LABELS.get(cat, cat),
        "severity": sev,
        "message": str(rec.get("message") or ""),
        "source": _span_of(rec.get("source")),
        "target": _span_of(rec.get("target")),
        "details": rec.get("details") if isinstance(rec.get("details"), dict) else None,
        "where": "",
    }


def _details_text(details: dict | None) -> tuple[str, str]:
    """Scalar details as one short line; nested ones as indented JSON."""
    if not details:
        return "", ""
    short, nested = [], {}
    for k, v in details.items():
        if isinstance(v, (dict, list)):
            nested[k] = v
        elif v is not None and v != "":
            short.append(f"{k}: {v}")
    more = json.dumps(nested, ensure_ascii=False, indent=1, sort_keys=True) if nested else ""
    return "; ".join(short), more


def _place_findings(pairs: list[_Pair], findings: list[dict]) -> list[dict]:
    """Attach every finding to the pair where it starts and add its hits to
    every pair text it overlaps.  Returns the findings left at document level."""
    loose: list[dict] = []
    for f in findings:
        home: _Pair | None = None
        for side in ("target", "source"):
            sp = f[side]
            if sp is None:
                continue
            fs, fe, _ = sp
            for p in pairs:
                pspan = p.target if side == "target" else p.source
                if pspan is None:
                    continue
                ps, pe = pspan["start"], pspan["end"]
                if ps <= fs < pe or (fs == fe == pe):
                    home = p
                    break
            if home is not None:
                break
        if home is None:
            # no pair holds the start: the first pair the span overlaps
            for side in ("target", "source"):
                sp = f[side]
                if sp is None:
                    continue
                for p in pairs:
                    pspan = p.target if side == "target" else p.source
                    if pspan and _overlaps(sp[0], sp[1], pspan["start"], pspan["end"]):
                        home = p
                        break
                if home is not None:
                    break
        if home is None:
            f["where"] = "not inside any aligned pair" if (f["source"] or f["target"]) else ""
            loose.append(f)
        else:
            f["pair"] = home.index
            home.findings.append(f)
        for side in ("source", "target"):
            sp = f[side]
            if sp is None:
                continue
            fs, fe, _ = sp
            touched = []
            for p in pairs:
                pspan = p.source if side == "source" else p.target
                if pspan is None:
                    continue
                ps, pe = pspan["start"], pspan["end"]
                if _overlaps(fs, fe, ps, pe):
                    touched.append((p, ps, pe))
            for k, (p, ps, pe) in enumerate(touched):
                hit = _Hit(f["id"], fs - ps, fe - ps, f["category"], f["severity"],
                           last_here=(fe <= pe or k == len(touched) - 1))
                (p.src_hits if side == "source" else p.tgt_hits).append(hit)
            if len(touched) > 1:
                f["where"] = f"spans pairs {', '.join(str(p.index + 1) for p, _, _ in touched)}"
    return loose


def _pair_of(rec: dict) -> _Pair:
    def side(v: Any) -> dict | None:
        sp = _span_of(v)
        if sp is None:
            return None
        return {"start": sp[0], "end": sp[1], "text": sp[2]}

    src, tgt = side(rec.get("source")), side(rec.get("target"))
    typ = rec.get("type") or f"{1 if src else 0}-{1 if tgt else 0}"
    conf = rec.get("confidence")
    scores = rec.get("scores") if isinstance(rec.get("scores"), dict) else {}
    return _Pair(
        index=int(rec.get("index", 0) or 0),
        type=str(typ),
        source=src,
        target=tgt,
        confidence=float(conf) if isinstance(conf, (int, float)) else None,
        low_confidence=bool(rec.get("low_confidence")),
        furniture=bool(rec.get("furniture")),
        scores={str(k): v for k, v in scores.items()},
    )


def _svg_category_chart(docs: list[dict], cats: list[str]) -> dict:
    """Geometry of the stacked bar chart: findings per category per document."""
    row_h, gap, label_w, bar_w = 26, 8, 70, 520
    top = 6
    maxtotal = max([sum(sum(v.values()) for v in d["counts"].values()) for d in docs] + [1])
    rows = []
    for i, d in enumerate(docs):
        y = top + i * (row_h + gap)
        x = label_w
        segs = []
        for cat in cats:
            c = d["counts"].get(cat)
            n = sum(c.values()) if c else 0
            if not n:
                continue
            w = bar_w * n / maxtotal
            segs.append({"x": round(x, 2), "w": round(w, 2), "cat": cat, "n": n,
                         "major": c.get("major", 0), "minor": c.get("minor", 0),
                         "label": n if w >= 16 else ""})
            x += w
        total = sum(s["n"] for s in segs)
        rows.append({"id": d["id"], "y": y, "segs": segs, "total": total, "end": round(x, 2)})
    height = top + len(docs) * (row_h + gap) + 24
    ticks = []
    step = max(1, -(-maxtotal // 5))
    for v in range(0, maxtotal + 1, step):
        ticks.append({"x": round(label_w + bar_w * v / maxtotal, 2), "v": v})
    return {"rows": rows, "height": height, "width": label_w + bar_w + 50, "row_h": row_h,
            "label_w": label_w, "bar_w": bar_w, "ticks": ticks,
            "axis_y": top + len(docs) * (row_h + gap)}


def _svg_similarity_chart(docs: list[dict]) -> dict:
    """Geometry of the strip chart: one dot per aligned pair, per document."""
    row_h, label_w, plot_w, top = 30, 70, 520, 8
    rows = []
    for i, d in enumerate(docs):
        y = top + i * row_h + row_h / 2
        vals = [v for v in d["sim_values"] if isinstance(v, (int, float))]
        dots = []
        for k, v in enumerate(vals):
            v = min(max(float(v), 0.0), 1.0)
            jitter = ((k * 7) % 5 - 2) * 2.2
            dots.append({"x": round(label_w + plot_w * v, 2), "y": round(y + jitter, 2),
                         "v": f"{v:.2f}", "k": k + 1})
        mean = d["sim_mean"]
        rows.append({"id": d["id"], "y": y, "dots": dots,
                     "mean_x": round(label_w + plot_w * min(max(mean, 0), 1), 2) if mean is not None else None,
                     "mean": _fmt_num(mean) if mean is not None else "",
                     "backend": d["sim_backend"]})
    axis_y = top + len(docs) * row_h + 4
    ticks = [{"x": round(label_w + plot_w * t / 10, 2), "v": f"{t / 10:.1f}"} for t in range(0, 11, 2)]
    return {"rows": rows, "height": axis_y + 24, "width": label_w + plot_w + 30,
            "label_w": label_w, "plot_w": plot_w, "ticks": ticks, "axis_y": axis_y, "top": top}


def build_view(run: dict[str, Any]) -> dict[str, Any]:
    """Everything the template shows, as plain values (and escaped markup)."""
    summary = run.get("summary") or {}
    align_rows = run.get("alignment") or []
    finding_rows = run.get("findings") or []
    claims = run.get("claims")

    findings = [_norm_finding(r, i + 1) for i, r in enumerate(finding_rows)]
    by_doc_f: dict[str, list[dict]] = {}
    for f in findings:
        by_doc_f.setdefault(f["doc"], []).append(f)
    by_doc_a: dict[str, list[dict]] = {}
    for r in align_rows:
        by_doc_a.setdefault(str(r.get("doc") or ""), []).append(r)
    # claims.jsonl: the ledger (rows with claims across documents) or, in
    # another shape, plain rows shown per document (or all together)
    ledger_rows = [r for r in claims or [] if isinstance(r.get("claims"), list)]
    by_doc_c: dict[str, list[dict]] = {}
    for r in claims or []:
        if not isinstance(r.get("claims"), list):
            by_doc_c.setdefault(str(r.get("doc") or ""), []).append(r)

    sdocs = [d for d in summary.get("documents") or [] if isinstance(d, dict)]
    order = [str(d.get("id")) for d in sdocs]
    for extra in list(by_doc_a) + list(by_doc_f):
        if extra not in order:
            order.append(extra)
            sdocs.append({"id": extra})
    meta = {str(d.get("id")): d for d in sdocs}

    docs = []
    for n, doc_id in enumerate(order):
        sd = meta[doc_id]
        pairs = [_pair_of(r) for r in by_doc_a.get(doc_id, [])]
        pairs.sort(key=lambda p: p.index)
        dfind = by_doc_f.get(doc_id, [])
        loose = _place_findings(pairs, dfind)
        has_source = bool(sd.get("source_lang")) or any(p.source for p in pairs)
        sim = sd.get("similarity") if isinstance(sd.get("similarity"), dict) else {}
        sim_values = sim.get("values") or []
        if not sim_values:
            sim_values = [p.confidence for p in pairs if p.confidence is not None and p.source and p.target]
        mean = sim.get("mean")
        if not isinstance(mean, (int, float)):
            mean = None
        fsum = sd.get("findings") if isinstance(sd.get("findings"), dict) else {}
        counts = _counts(fsum.get("by_category")) if fsum.get("by_category") else _count_findings(dfind)
        by_sev = {s: sum(c.get(s, 0) for c in counts.values()) for s in SEVERITIES}
        segs = sd.get("segments") if isinstance(sd.get("segments"), dict) else {}

        # number findings within the document, in reading order of the page
        num = 0
        ordered: list[dict] = []
        for p in pairs:
            for f in sorted(p.findings, key=lambda f: f["id"]):
                ordered.append(f)
        ordered += loose
        first_seen: set[int] = set()
        for f in ordered:
            num += 1
            f["n"] = num
        labels = {f["id"]: _esc(f"{f['n']} {f['severity']}") for f in ordered}
        # the anchor (#hl-ID) goes on the first fragment rendered: source side first
        rendered_pairs = []
        for p in pairs:
            for h in p.src_hits + p.tgt_hits:
                if h.fid not in first_seen:
                    first_seen.add(h.fid)
                    h.first = True
            rendered_pairs.append({
                "index": p.index,
                "n": p.index + 1,
                "type": p.type,
                "confidence": _fmt_num(p.confidence) if p.confidence is not None else "",
                "low_confidence": p.low_confidence,
                "furniture": p.furniture,
                "scores": ", ".join(f"{k} {_fmt_num(v)}" for k, v in sorted(p.scores.items())),
                "source": highlight(p.source["text"], p.src_hits, labels) if p.source else None,
                "target": highlight(p.target["text"], p.tgt_hits, labels) if p.target else None,
                "findings": sorted(p.findings, key=lambda f: f["n"]),
                "cats": sorted({f["category"] for f in p.findings}),
            })
        for f in ordered:
            f["details_text"], f["details_more"] = _details_text(f["details"])
            f["anchor"] = f["id"] in first_seen
        docs.append({
            "id": doc_id,
            "anchor": f"doc-{n}",
            "source_lang": sd.get("source_lang"),
            "target_lang": sd.get("target_lang"),
            "source_lang_name": _lang_label(sd.get("source_lang")),
            "target_lang_name": _lang_label(sd.get("target_lang")),
            "source_name": sd.get("source_name"),
            "note": str((sd.get("meta") or {}).get("note") or "") if isinstance(sd.get("meta"), dict) else "",
            "origin": str((sd.get("meta") or {}).get("origin") or "") if isinstance(sd.get("meta"), dict) else "",
            "sim_label": sim.get("label") or "",
            "target_name": sd.get("target_name"),
            "has_source": has_source,
            "segments_source": segs.get("source"),
            "segments_target": segs.get("target"),
            "n_pairs": sd.get("pairs", len(pairs)),
            "pairs": rendered_pairs,
            "loose": loose,
            "n_findings": len(dfind),
            "counts": counts,
            "by_sev": by_sev,
            "sim_mean": mean,
            "sim_mean_text": _fmt_num(mean) if mean is not None else "–",
            "sim_backend": sim.get("backend") or "",
            "sim_values": sim_values,
            "claims": _claims_table(by_doc_c.get(doc_id, [])),
            "furniture": sum(1 for p in pairs if p.furniture),
            "unpaired": sum(1 for p in pairs if not (p.source and p.target)),
        })

    anchors = {d["id"]: d["anchor"] for d in docs}
    known = set(anchors)
    other_claims = [r for k, rows in by_doc_c.items() if k not in known for r in rows]
    cats_present = [c for c in CATEGORIES if any(d["counts"].get(c) and sum(d["counts"][c].values()) for d in docs)]
    cats_present += sorted({f["category"] for f in findings} - set(CATEGORIES) - set(cats_present))
    totals = summary.get("totals") if isinstance(summary.get("totals"), dict) else {}
    tot_counts: dict[str, dict[str, int]] = {}
    for d in docs:
        for c, sv in d["counts"].items():
            t = tot_counts.setdefault(c, {s: 0 for s in SEVERITIES})
            for s in SEVERITIES:
                t[s] += sv.get(s, 0)
    cat_filter = [
        {"name": c, "label": CATEGORY_LABELS.get(c, c),
         "n": sum(tot_counts.get(c, {}).values())}
        for c in list(CATEGORIES) + [c for c in cats_present if c not in CATEGORIES]
    ]
    backends = []
    for b in summary.get("backends") or []:
        if isinstance(b, dict):
            backends.append({"name": str(b.get("name") or "?"), "ran": bool(b.get("ran")),
                             "reason": b.get("reason") or ""})
    return {
        "title": "mtaudit drift report",
        "tool": summary.get("tool") or "mtaudit",
        "version": summary.get("version") or "",
        "signature": summary.get("signature") or "",
        "input": summary.get("input") or "",
        "backends": backends,
        "docs": docs,
        "categories": cats_present,
        "category_labels": CATEGORY_LABELS,
        "cat_filter": cat_filter,
        "severities": list(SEVERITIES),
        "total_findings": len(findings),
        "total_pairs": totals.get("pairs", sum(len(d["pairs"]) for d in docs)),
        "tot_counts": tot_counts,
        "tot_sev": {s: sum(c.get(s, 0) for c in tot_counts.values()) for s in SEVERITIES},
        "chart_cats": _svg_category_chart(docs, cats_present),
        "chart_sim": _svg_similarity_chart(docs),
        "has_claims": claims is not None,
        "ledger": _ledger_view(ledger_rows, anchors),
        "other_claims": _claims_table(other_claims),
    }


def _ledger_view(rows: list[dict], anchors: dict[str, str]) -> dict | None:
    """The cross-document claim ledger (rows with ``subject``/``claims``)."""
    if not rows:
        return None
    out = []
    for n, r in enumerate(rows):
        status = str(r.get("status") or "")
        claims = []
        for c in r.get("claims") or []:
            if not isinstance(c, dict):
                continue
            sent = _span_of(c.get("sentence"))
            sp = _span_of(c.get("span"))
            if sent:
                text = sent[2]
                pieces = [text]
                if sp and sent[0] <= sp[0] <= sp[1] <= sent[0] + len(text):
                    a, b = sp[0] - sent[0], sp[1] - sent[0]
                    pieces = [text[:a], text[a:b], text[b:]]
            else:
                pieces = [sp[2]] if sp else [""]
            doc = str(c.get("doc") or "")
            claims.append({
                "doc": doc, "anchor": anchors.get(doc, ""),
                "side": str(c.get("side") or ""), "lang": str(c.get("lang") or ""),
                "display": str(c.get("display") or ""),
                "extra": " · ".join(str(x) for x in (c.get("qualifier"), c.get("ordinal"), c.get("time"),
                                                     c.get("attribution")) if x),
                "agrees": c.get("agrees_with_source"),
                "pieces": pieces,
            })
        docs = [str(d) for d in r.get("documents") or []]
        out.append({
            "id": str(r.get("id") or n + 1),
            "subject": str(r.get("subject") or ""),
            "what": str(r.get("predicate_label") or r.get("predicate") or ""),
            "time": str(r.get("time") or ""),
            "vals": [str(v) for v in r.get("values") or []],
            "docs": [{"id": d, "anchor": anchors.get(d, "")} for d in docs],
            "status": status,
            "disagree": status not in ("", "single", "agreement"),
            "claims": claims,
        })
    return {"rows": out, "disagree": sum(1 for r in out if r["disagree"])}


def _claims_table(rows: list[dict]) -> dict | None:
    if not rows:
        return None
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k != "doc" and k not in cols:
                cols.append(k)
    body = []
    for r in rows:
        cells = []
        for c in cols:
            v = r.get(c)
            if v is None:
                v = ""
            elif isinstance(v, (dict, list)):
                v = json.dumps(v, ensure_ascii=False, sort_keys=True)
            cells.append(str(v))
        body.append(cells)
    return {"cols": cols, "rows": body}


# --------------------------------------------------------------------------
# rendering


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` value of the template: escape plain strings ourselves."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return _esc(value)
    return value


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _fmt_num
    return env


def render_run(run: dict[str, Any]) -> str:
    """The page for already-parsed run files (see :func:`load_run`)."""
    view = build_view(run)
    css = (STATIC / "report.css").read_text(encoding="utf-8")
    js = (STATIC / "report.js").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    env = _environment()
    page = env.get_template("report.html.j2").render(
        v=view, css=Markup(css), js=Markup(js), csp=csp,
    )
    return page


def render(out_dir: Path | str) -> str:
    """The whole HTML page for the run files in ``out_dir``."""
    return render_run(load_run(out_dir))


def write_report(out_dir: Path | str, name: str = "report.html",
                 run: dict[str, Any] | None = None) -> Path:
    """Rebuild ``out_dir/report.html`` atomically; returns its path.
    ``run``: the folder's files already parsed by :func:`load_run`."""
    d = Path(out_dir)
    page = render_run(run) if run is not None else render(d)
    target = d / name
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html.tmp", dir=str(d))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a report is not
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


__all__ = ["render", "render_run", "load_run", "build_view", "write_report", "highlight", "ReportError"]
