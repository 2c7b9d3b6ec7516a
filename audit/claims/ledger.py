"""The corpus claim ledger: claims grouped by (subject, predicate, time), and
the findings where documents disagree.

Steps:
1. names of the whole corpus (one spelling per name across languages);
2. claims of every text, sources and targets (:mod:`audit.claims.extract`);
3. each target claim is linked to the claim of its source it translates,
   through the sentence alignment;
4. claims are grouped into rows: same subject and predicate, times that can be
   the same moment, and either the same value or the same explicit time;
   a target claim always joins the row of the source claim it translates;
5. findings (category ``cross-document``):
   - a translation whose claim differs from its own source while another
     document agrees with the source (major);
   - documents whose values cannot both be true after qualifiers ("more
     than", "about", ...) are allowed for (major; minor when the values are
     within 10 % of each other);  when the two sides cite different sources
     (Bloomberg / Reuters) this is an *attributed disagreement* (minor);
   - a round called the first in one document and the second in another.
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import AlignedDocument, Finding, Span
from .cues import PREDICATES
from .extract import SideExtractor, document_topic
from .model import Claim, ClaimTime, time_evidence, times_compatible
from .names import build_book

CHECK = "claims"
TOLERANCE = 0.01  # rounding of a plain figure
CLOSE = 0.10  # values within 10 % are a minor disagreement, and "support" a source
QUALIFIER_RANGE = {
    # qualifier -> (low factor, high factor) around the stated value
    None: (1 - TOLERANCE, 1 + TOLERANCE),
    "about": (0.9, 1.1),
    "nearly": (0.85, 1 + TOLERANCE),
    "more-than": (1 - TOLERANCE, 1.3),
    "at-least": (1 - TOLERANCE, 1.3),
    "up-to": (0.0, 1 + TOLERANCE),
    "less-than": (0.0, 1 + TOLERANCE),
}
QUALIFIER_WORDS = {"about": "about", "nearly": "nearly", "more-than": "more than", "at-least": "at least",
                   "up-to": "up to", "less-than": "less than"}
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "CHF": "CHF "}


@dataclass
class Ledger:
    rows: list[dict[str, Any]] = field(default_factory=list)  # JSON-able, one per ledger row
    findings: list[Finding] = field(default_factory=list)  # category "cross-document"
    claims: list[Claim] = field(default_factory=list)  # every claim found, for callers that want them


# ---------------------------------------------------------------- values
def interval(c: Claim) -> tuple[float, float] | None:
    if c.value is None:
        return None
    if c.predicate == "founded":
        return (c.value, c.value)
    lo, hi = QUALIFIER_RANGE.get(c.qualifier, QUALIFIER_RANGE[None])
    v = abs(c.value)
    return (v * lo, v * hi)


def units_compatible(a: Claim, b: Claim) -> bool:
    return a.unit is None or b.unit is None or a.unit == b.unit


def values_compatible(a: Claim, b: Claim, slack: float = 0.0) -> bool | None:
    """True / False, or None when the two cannot be compared."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None or not units_compatible(a, b):
        return None
    lo_a, hi_a = ia[0] * (1 - slack), ia[1] * (1 + slack)
    return lo_a <= ib[1] * (1 + slack) and ib[0] * (1 - slack) <= hi_a


def ordinals_compatible(a: Claim, b: Claim) -> bool | None:
    if not a.ordinal or not b.ordinal or a.ordinal[0] != b.ordinal[0]:
        return None
    return a.ordinal[1] == b.ordinal[1]


def relative_gap(a: Claim, b: Claim) -> float:
    ia, ib = interval(a), interval(b)
    if not ia or not ib:
        return 0.0
    if ia[1] < ib[0]:
        return (ib[0] - ia[1]) / max(ib[0], 1e-9)
    if ib[1] < ia[0]:
        return (ia[0] - ib[1]) / max(ia[0], 1e-9)
    return 0.0


def _num(x: float) -> str:
    if abs(x - round(x)) < 1e-9:
        return f"{int(round(x)):,}"
    return f"{x:,.3f}".rstrip("0").rstrip(".")


def display(c: Claim) -> str:
    """A claim's value in plain English: "more than $1.6 billion"."""
    if c.value is None:
        return c.quantity.text
    if c.predicate == "founded" or c.role in ("year", "date"):
        body = _num(c.value).replace(",", "")
    else:
        v = c.value
        if abs(v) >= 1e9:
            body = f"{_num(v / 1e9)} billion"
        elif abs(v) >= 1e6:
            body = f"{_num(v / 1e6)} million"
        else:
            body = _num(v)
        if c.unit:
            sign = CURRENCY_SIGNS.get(c.unit)
            body = f"{sign}{body}" if sign else f"{body} {c.unit}"
    q = QUALIFIER_WORDS.get(c.qualifier or "")
    return f"{q} {body}" if q else body


# ---------------------------------------------------------------- build
def build_ledger(adocs: list[AlignedDocument], extract: Callable | None = None) -> Ledger:
    """The claim ledger of a corpus.  ``extract`` replaces the quantity
    extractor (``audit.numbers.extract.extract``), for tests."""
    if extract is None:
        from ..numbers.extract import extract as extract_fn

        extract = extract_fn
    texts: list[tuple[str, str]] = []
    segs: list[list[tuple[int, int]]] = []
    for adoc in adocs:
        for side in ("source", "target"):
            text, lang = adoc.doc.text(side), adoc.doc.lang(side)
            if text is None or not lang:
                continue
            texts.append((text, lang))
            segments = adoc.source_segments if side == "source" else adoc.target_segments
            segs.append([(s.start, s.end) for s in segments])
    book = build_book(texts, segs)
    counter = itertools.count()
    claims: list[Claim] = []
    order = {adoc.doc.id: i for i, adoc in enumerate(adocs)}
    for adoc in adocs:
        topic = document_topic(adoc, book)
        for side in ("source", "target"):
            if adoc.doc.text(side) is None or not adoc.doc.lang(side):
                continue
            claims.extend(SideExtractor(adoc, side, book, topic, extract, lambda: next(counter)).run())
    for adoc in adocs:
        link_document(adoc, [c for c in claims if c.doc == adoc.doc.id])
    groups = group_claims(claims, order)
    ledger = Ledger(claims=claims)
    sourced = {adoc.doc.id for adoc in adocs if adoc.doc.has_source}
    ledger.rows, ledger.findings = rows_and_findings(groups, claims, order, sourced)
    return ledger


def link_document(adoc: AlignedDocument, claims: list[Claim]) -> None:
    """Link each target claim to the source claim it translates (same aligned pair)."""
    if not adoc.doc.has_source:
        return
    src_pair: dict[int, int] = {}
    tgt_pair: dict[int, int] = {}
    for k, pair in enumerate(adoc.pairs):
        for i in pair.src:
            src_pair[i] = k
        for i in pair.tgt:
            tgt_pair[i] = k
    by_pair_src: dict[int, list[Claim]] = {}
    by_pair_tgt: dict[int, list[Claim]] = {}
    for c in claims:
        if c.side == "source" and c.segment in src_pair:
            by_pair_src.setdefault(src_pair[c.segment], []).append(c)
        elif c.side == "target" and c.segment in tgt_pair:
            by_pair_tgt.setdefault(tgt_pair[c.segment], []).append(c)
    for k, tclaims in by_pair_tgt.items():
        sclaims = by_pair_src.get(k, [])
        free = list(sclaims)
        for ti, t in enumerate(tclaims):
            best: tuple[float, Claim] | None = None
            for s in free:
                score = 0.0
                if s.predicate == t.predicate:
                    score += 2
                if values_compatible(s, t):
                    score += 3
                if s.role == t.role:
                    score += 0.5
                if s.ordinal and s.ordinal == t.ordinal:
                    score += 0.5
                score -= 0.01 * abs(sclaims.index(s) - ti)
                if score >= 1.9 and (best is None or score > best[0]):
                    best = (score, s)
            if best is not None:
                s = best[1]
                free.remove(s)
                s.link, t.link = t.id, s.id


def group_claims(claims: list[Claim], order: dict[str, int]) -> list[list[Claim]]:
    """Rows of the ledger: lists of claims about the same thing."""
    by_id = {c.id: c for c in claims}
    primary = [c for c in claims if not (c.side == "target" and c.link is not None)]
    primary.sort(key=lambda c: (-c.time.specificity(), order.get(c.doc, 0),
                                0 if c.side == "source" else 1, c.quantity.start))
    buckets: dict[tuple[str, str], list[list[Claim]]] = {}
    for c in primary:
        groups = buckets.setdefault((c.subject, c.predicate), [])
        best: tuple[int, int] | None = None
        for gi, g in enumerate(groups):
            score = _join_score(c, g)
            if score > 0 and (best is None or score > best[0]):
                best = (score, gi)
        if best is None:
            groups.append([c])
        else:
            groups[best[1]].append(c)
    out: list[list[Claim]] = []
    for groups in buckets.values():
        for g in groups:
            extra = [by_id[m.link] for m in g if m.side == "source" and m.link is not None]
            out.append(g + extra)
    return out


def _join_score(c: Claim, g: list[Claim]) -> int:
    score = 0
    for m in g:
        if not times_compatible(c.time, m.time):
            return 0
        vc = values_compatible(c, m)
        if m.doc == c.doc and m.side == c.side and vc is False and m.attribution == c.attribution:
            return 0  # a text does not contradict itself: two figures are two facts
        s = 0
        if vc:
            s += 2
        if ordinals_compatible(c, m):
            s += 1
        s += time_evidence(c.time, m.time)
        score = max(score, s)
    return score


# ---------------------------------------------------------------- rows and findings
@dataclass
class Statement:
    """What one document says in one row: a claim and, when it agrees, its translation."""

    doc: str
    main: Claim
    source: Claim | None
    target: Claim | None
    has_source: bool = True
    drifted: Claim | None = None  # the translation, when it differs from this source claim

    @property
    def attribution(self) -> str | None:
        return self.main.attribution

    def where(self) -> str:
        if (self.source is not None and self.target is not None) or not self.has_source:
            return self.doc
        return f"{self.doc} ({self.main.side})"


def _merged_time(claims: list[Claim]) -> ClaimTime:
    years = Counter(c.time.year for c in claims if c.time.year is not None)
    months = Counter(c.time.month for c in claims if c.time.month is not None)
    anchors = Counter(c.time.anchor for c in claims if c.time.anchor)
    rels = Counter(c.time.rel for c in claims if c.time.rel)
    year = years.most_common(1)[0][0] if years else None
    month = months.most_common(1)[0][0] if months else None
    anchor = anchors.most_common(1)[0][0] if anchors and year is not None else None
    rel = rels.most_common(1)[0][0] if rels else None
    return ClaimTime(year, month, anchor, rel)


def _join(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _desc(subject: str, predicate: str, when: str | None) -> str:
    label = PREDICATES[predicate]["label"]
    who = f"{subject}'s" if not subject.startswith("(") else f"the {subject.strip('()')}'"
    return f"{who} {label}" + (f" ({when})" if when else "")


def _claim_entry(c: Claim, by_id: dict[int, Claim]) -> dict[str, Any]:
    linked = by_id.get(c.link) if c.link is not None else None
    agrees = None
    if c.side == "target" and linked is not None:
        vc = values_compatible(c, linked)
        oc = ordinals_compatible(c, linked)
        agrees = vc is not False and oc is not False
    return {
        "doc": c.doc,
        "side": c.side,
        "lang": c.lang,
        "value": c.value,
        "display": display(c),
        "unit": c.unit,
        "role": c.role,
        "qualifier": c.qualifier,
        "ordinal": c.ordinal_label(),
        "attribution": c.attribution,
        "time": c.time.label() or None,
        "subject_text": c.subject_text,
        "trigger": c.trigger,
        "span": c.quantity.to_dict(),
        "sentence": c.sentence.to_dict(),
        "linked_to": (linked.side if linked is not None else None),
        "agrees_with_source": agrees,
    }


def _row_time_label(claims: list[Claim]) -> str | None:
    """The time most documents of a row give (a date counts double)."""
    votes: Counter[str] = Counter()
    for doc in {c.doc for c in claims}:
        labels = {c.time.label() for c in claims if c.doc == doc and c.time.label()}
        for lab in labels:
            has_date = any(c.time.label() == lab and c.time.specificity() for c in claims)
            votes[lab] += 2 if has_date else 1
    if not votes:
        return None
    return max(votes, key=lambda k: (votes[k], k))


def rows_and_findings(groups: list[list[Claim]], claims: list[Claim], order: dict[str, int],
                      sourced: set[str] | None = None):
    sourced = sourced if sourced is not None else {c.doc for c in claims if c.side == "source"}
    by_id = {c.id: c for c in claims}
    pred_order = {p: i for i, p in enumerate(PREDICATES)}
    subj_count = Counter(c.subject for c in claims)
    groups = sorted(groups, key=lambda g: (-subj_count[g[0].subject], g[0].subject,
                                           pred_order[g[0].predicate],
                                           min(order.get(c.doc, 0) for c in g),
                                           min(c.id for c in g)))
    rows: list[dict[str, Any]] = []
    findings: list[Finding] = []
    for n, g in enumerate(groups, 1):
        rid = f"R{n:03d}"
        g = sorted(g, key=lambda c: (order.get(c.doc, 0), 0 if c.side == "source" else 1, c.quantity.start))
        subject, predicate = g[0].subject, g[0].predicate
        primaries = [c for c in g if not (c.side == "target" and c.link is not None)]
        time = _merged_time(primaries)
        time_label = _row_time_label(primaries) or time.label() or None
        row_findings = _row_findings(rid, subject, predicate, time_label, g, by_id, order, sourced)
        for c in g:
            c.row = n
        kinds = sorted({f.details["kind"] for f in row_findings})
        docs = sorted({c.doc for c in g}, key=lambda d: order.get(d, 0))
        status = "single" if len(docs) == 1 else "agreement"
        if kinds:
            status = ", ".join(kinds)
        else:  # no cross-document finding: still say when a text or its translation disagrees
            status = ", ".join([status, *_inner_disagreements(g, by_id)])
        values = list(dict.fromkeys(display(c) for c in primaries))
        rows.append({
            "id": rid,
            "subject": subject,
            "predicate": predicate,
            "predicate_label": PREDICATES[predicate]["label"],
            "time": time_label,
            "time_detail": time.to_dict(),
            "status": status,
            "documents": docs,
            "values": values,
            "ordinals": sorted({c.ordinal_label() for c in g if c.ordinal}),
            "attributions": sorted({c.attribution for c in g if c.attribution}),
            "claims": [_claim_entry(c, by_id) for c in g],
        })
        findings.extend(row_findings)
    return rows, findings


def _inner_disagreements(g: list[Claim], by_id: dict[int, Claim]) -> list[str]:
    """"target differs from source", "target disagrees with itself" (or the
    source): notes for a row the cross-document checks leave alone."""
    notes: list[str] = []
    if any(c.side == "target" and c.link is not None and values_compatible(by_id[c.link], c) is False
           for c in g):
        notes.append("target differs from source")
    for side in ("source", "target"):
        seen: dict[str, list[Claim]] = {}
        for c in g:
            if c.side == side:
                seen.setdefault(c.doc, []).append(c)
        if any(values_compatible(a, b) is False
               for cs in seen.values() for i, a in enumerate(cs) for b in cs[i + 1:]):
            notes.append(f"{side} disagrees with itself")
    return notes


def _statements(g: list[Claim], by_id: dict[int, Claim]) -> tuple[list[Statement], list[tuple[Claim, Claim]]]:
    """Statements of a row, and (source, target) pairs where a translation drifts."""
    stmts: list[Statement] = []
    drift: list[tuple[Claim, Claim]] = []
    for c in g:
        if c.side == "target" and c.link is not None:
            continue
        if c.side == "source" and c.link is not None:
            t = by_id[c.link]
            if values_compatible(c, t) is False or ordinals_compatible(c, t) is False:
                drift.append((c, t))
                stmts.append(Statement(c.doc, c, c, None, drifted=t))
            else:
                stmts.append(Statement(c.doc, c, c, t))
        elif c.side == "source":
            stmts.append(Statement(c.doc, c, c, None))
        else:
            stmts.append(Statement(c.doc, c, None, c))
    return stmts, drift


def _spans(st: Statement, prefer_ordinal: bool = False) -> tuple[Span | None, Span | None]:
    src = st.source.quantity if st.source is not None else None
    tgt = st.target.quantity if st.target is not None else None
    return src, tgt


def _row_findings(rid, subject, predicate, when, g, by_id, order, sourced) -> list[Finding]:
    stmts, drift = _statements(g, by_id)
    for st in stmts:
        st.has_source = st.doc in sourced
    desc = _desc(subject, predicate, when)
    out: list[Finding] = []
    base = {"row": rid, "subject": subject, "predicate": predicate, "time": when}

    def other_record(st: Statement) -> dict[str, Any]:
        return {"doc": st.doc, "side": st.main.side, "value": st.main.value, "display": display(st.main),
                "ordinal": st.main.ordinal_label(), "attribution": st.attribution,
                "span": st.main.quantity.to_dict()}

    # 1. a translation that differs from its source while other documents agree with the source
    for s, t in drift:
        value_drift = values_compatible(s, t) is False
        if value_drift:
            support = [st for st in stmts if st.doc != s.doc and values_compatible(st.main, s, CLOSE)]
        else:
            support = [st for st in stmts if st.doc != s.doc and ordinals_compatible(st.main, s)]
        if not support:
            continue
        docs = sorted({st.doc for st in support}, key=lambda d: order.get(d, 0))
        if value_drift:
            msg = (f"{t.doc} (target) gives {desc} as {display(t)}; its source says {display(s)}, "
                   f"and {_join(docs)} {'agree' if len(docs) > 1 else 'agrees'} with the source.")
        else:
            msg = (f"{t.doc} (target) calls {desc} the {t.ordinal_label()}; its source calls it the "
                   f"{s.ordinal_label()}, and {_join(docs)} {'agree' if len(docs) > 1 else 'agrees'} "
                   f"with the source.")
        out.append(Finding(t.doc, CHECK, "cross-document", "major", msg, s.quantity, t.quantity, {
            **base, "kind": "translation-drift", "value": t.value, "display": display(t),
            "source_value": s.value, "source_display": display(s),
            "others": [other_record(st) for st in support]}))

    # 2. documents that cannot all be right
    for kind, compat in (("value", values_compatible), ("ordinal", ordinals_compatible)):
        support: dict[int, set[str]] = {}
        for i, a in enumerate(stmts):
            support[i] = {b.doc for b in stmts if compat(a.main, b.main) or b is a}
        flagged: dict[str, list[tuple[Statement, list[Statement]]]] = {}
        for i, a in enumerate(stmts):
            rivals = [j for j, b in enumerate(stmts) if b.doc != a.doc and compat(a.main, b.main) is False]
            if not rivals:
                continue
            stronger = []
            for j in rivals:
                b = stmts[j]
                own_agrees = any(compat(o.main, b.main) for o in stmts if o.doc == a.doc)
                if len(support[j]) >= len(support[i]) and not own_agrees:
                    stronger.append(b)
            if stronger:
                flagged.setdefault(a.doc, []).append((a, stronger))
        for doc, items in flagged.items():
            a, rivals = items[0]
            attrs_a = a.attribution
            attributed = any(r.attribution != attrs_a for r in rivals) and (
                attrs_a is not None or any(r.attribution for r in rivals))
            attributed = attributed and all(r.attribution != attrs_a for r in rivals)
            if kind == "ordinal":
                severity = "minor" if attributed else "major"
                fkind = "attributed-disagreement" if attributed else "ordinal-disagreement"
                what = f"{subject}'s {display(a.main)} round" + (f" of {when}" if when else "")
                this = f"calls {what} {_ord_phrase(a.main)}"
                others = "; ".join(f"{r.where()}{_cite(r)} calls it {_ord_phrase(r.main)}" for r in rivals[:4])
            else:
                gap = max(relative_gap(a.main, r.main) for r in rivals)
                severity = "minor" if attributed or gap <= CLOSE else "major"
                fkind = "attributed-disagreement" if attributed else "disagreement"
                this = f"gives {desc} as {display(a.main)}"
                friends = [o for o in stmts if o.doc != a.doc and compat(a.main, o.main)]
                if friends:
                    this += f", as does {_join([o.where() + _cite(o) for o in friends[:3]])}"
                others = "; ".join(f"{r.where()}{_cite(r)} gives {display(r.main)}" for r in rivals[:4])
            lead = "Reports differ: " if attributed else ""
            msg = f"{lead}{a.where()}{_cite(a)} {this}; {others}."
            src, tgt = _spans(a)
            if kind == "ordinal":
                src = _ordinal_span(a.source) or src
                tgt = _ordinal_span(a.target) or tgt
                if tgt is None and a.drifted is not None and a.drifted.ordinal == a.main.ordinal:
                    tgt = _ordinal_span(a.drifted)
            out.append(Finding(doc, CHECK, "cross-document", severity, msg, src, tgt, {
                **base, "kind": fkind, "value": a.main.value, "display": display(a.main),
                "ordinal": a.main.ordinal_label(), "attribution": a.attribution,
                "others": [other_record(r) for r in rivals]}))
    return out


def _cite(st: Statement) -> str:
    return f" (citing {st.attribution})" if st.attribution else ""


def _ord_phrase(c: Claim) -> str:
    label = c.ordinal_label() or "?"
    return label if label.startswith("Series") else f"the {label}"


def _ordinal_span(c: Claim | None) -> Span | None:
    if c is None or not c.ordinal_text or c.ordinal_start is None:
        return None
    return Span(c.ordinal_start, c.ordinal_start + len(c.ordinal_text), c.ordinal_text)


CSV_COLUMNS = ("row", "subject", "predicate", "time", "status", "doc", "side", "lang", "value", "display",
               "unit", "role", "qualifier", "ordinal", "attribution", "claim_time", "agrees_with_source",
               "start", "end", "text", "sentence")


def csv_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """``claims.csv``: one line per claim of each ledger row, every field a scalar."""
    out: list[dict[str, Any]] = []
    for row in ledger.rows:
        for c in row["claims"]:
            out.append({
                "row": row["id"],
                "subject": row["subject"],
                "predicate": row["predicate"],
                "time": row["time"],
                "status": row["status"],
                "doc": c["doc"],
                "side": c["side"],
                "lang": c["lang"],
                "value": c["value"],
                "display": c["display"],
                "unit": c["unit"],
                "role": c["role"],
                "qualifier": c["qualifier"],
                "ordinal": c["ordinal"],
                "attribution": c["attribution"],
                "claim_time": c["time"],
                "agrees_with_source": c["agrees_with_source"],
                "start": c["span"]["start"],
                "end": c["span"]["end"],
                "text": c["span"]["text"],
                "sentence": c["sentence"]["text"],
            })
    return out
