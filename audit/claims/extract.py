"""Claims of one text: subject, predicate, quantity, time, ordinal, attribution.

Every quantity the numbers extractor finds in a sentence becomes a claim when
a predicate trigger of the language (``audit/data/<lang>/claims.yaml``) stands
near it.  The subject is the name the sentence gives (the one receiving money
in "a $600m investment in SenseTime", else the nearest one before the number),
or, for "it", "the company", "das Unternehmen", "elle" ..., the company the
document is about.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from ..model import AlignedDocument, Span
from ..segment import segment as split_sentences
from ..numbers.model import Quantity
from .cues import MARKET_REINTERPRETS, MONEY, PREDICATES, Cues, cues, fold, match_triggers
from .model import Claim, ClaimTime
from .names import NameBook, NameMention, _shape_is_name, raw_mentions

Extractor = Callable[..., list[Quantity]]
GENERIC_SUBJECT = "(unnamed companies)"
# "the company", "das Unternehmen", "l'entreprise" in a document that names no company
ANAPHOR_SUBJECT = "(the company of {doc})"
UNKNOWN_SUBJECT = "?"

_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")
_MAX_TRIGGER_GAP = 80
_SKIP_ROLES = ("percent", "percentage point", "ordinal")
_MIN_MONEY_COUNT = 1e5  # a bare count is a money figure only from this size on
_ATTR_AFTER = re.compile(
    r"\s*(?:(?:dem|der|des|den|die|the|le|la|les|l'|data\s+from|Daten\s+von|von|de|du|from)\s+){0,2}"
    r"(?P<name>[A-Z][\w&.'’+-]*(?:\s*&\s*[A-Z][\w.'’-]*|\s+[A-Z][\w&.'’+-]*)*)")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(clauses):
        if s <= pos <= e:
            return i
    return len(clauses) - 1


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    if a1 <= b0:
        return b0 - a1
    if b1 <= a0:
        return a0 - b1
    return 0


class SideExtractor:
    """Claims of one side (source or target) of one document."""

    def __init__(self, adoc: AlignedDocument, side: str, book: NameBook, topic: str | None,
                 extract: Extractor, next_id: Callable[[], int]):
        self.adoc = adoc
        self.side = side
        self.text = adoc.doc.text(side) or ""
        self.lang = adoc.doc.lang(side) or ""
        self.c: Cues = cues(self.lang)
        self.book = book
        self.topic = topic
        self.extract = extract
        self.next_id = next_id
        self.segments = adoc.source_segments if side == "source" else adoc.target_segments
        self.sentences = sentences_of(self.text, self.lang, self.segments)
        # one unnamed company per document: two texts' "the company" need not be the same one
        self.unnamed = ANAPHOR_SUBJECT.format(doc=adoc.doc.id)

    # ------------------------------------------------------------------ names
    def names(self, s0: int, e0: int) -> list[NameMention]:
        return mentions(self.text, self.lang, s0, e0, self.book, self.c)

    def canonical(self, m: NameMention) -> str:
        return self.book.canonical(m.key)

    def attributions(self, s0: int, e0: int, names: list[NameMention]) -> list[tuple[int, int, str, str]]:
        """(start, end, canonical, as written) of every source the sentence cites."""
        out: list[tuple[int, int, str, str]] = []
        found: list[tuple[int, int, str]] = []
        if self.c.cue_then_source is not None:
            for m in self.c.cue_then_source.finditer(self.text, s0, e0):
                after = _ATTR_AFTER.match(self.text, m.end(), e0)
                if after and self._acceptable_source(after.group("name")):
                    found.append((after.start("name"), after.end("name"), after.group("name")))
        if self.c.source_then_cue is not None:
            for m in self.c.source_then_cue.finditer(self.text, s0, e0):
                before = [n for n in names if n.end <= m.start() and m.start() - n.end <= 12]
                if before:
                    n = before[-1]
                    found.append((n.start, n.end, n.text))
        for cand in found:
            s, e, written = cand
            if any(o[0] == s for o in out):
                continue
            written = re.sub(r"(?:'s|’s|'|’)$", "", written)
            key = fold(written)
            canon = self.c.aliases.get(key)
            if canon is None:
                from .names import name_key

                canon = self.book.canonical(name_key(written, self.c))
                if canon == name_key(written, self.c):
                    canon = written
            out.append((s, e, canon, written))
        return out

    def _acceptable_source(self, name: str) -> bool:
        key = fold(name)
        if key in self.c.aliases or key in self.book.known:
            return True
        words = name.split()
        if any(fold(w) in self.c.not_names for w in words[:1]):
            return False
        if self.lang == "de":
            return any(_shape_is_name(w) or fold(w) in self.book.known_words for w in words)
        return True

    # ---------------------------------------------------------------- claims
    def run(self) -> list[Claim]:
        out: list[Claim] = []
        for seg_index, s0, e0 in self.sentences:
            out.extend(self.sentence_claims(seg_index, s0, e0))
        return out

    def sentence_claims(self, seg_index: int, s0: int, e0: int) -> list[Claim]:
        text = self.text
        quantities = [q for q in self.extract(text, self.lang, s0, e0)
                      if q.role not in _SKIP_ROLES and q.value is not None
                      and not (q.role == "count" and 0 < q.value < 1)]  # a share: "a third"
        if not quantities:
            return []
        triggers = match_triggers(self.c, text, s0, e0)
        clauses = _clauses(text, s0, e0)
        names = self.names(s0, e0)
        attributions = self.attributions(s0, e0, names)
        attr_spans = [(a[0], a[1]) for a in attributions]
        subject_names = [n for n in names if not any(n.start < ae and as_ < n.end for as_, ae in attr_spans)
                         or self.canonical(n) == self.topic]
        sentence = Span.of(text, s0, e0)
        claims: list[Claim] = []
        # "The company, founded in 2014, employs 3,000 people": a founding year
        # is a claim of its own, not the date of the other figures (unless it
        # is what they count from: "raised $1.6 billion since it was founded in 2014")
        preds = [self.predicate(q, quantities, triggers, clauses, s0, names) for q in quantities]
        dates = [o for o, (pred, _) in zip(quantities, preds) if o.role not in ("year", "date")
                 or pred != "founded" or self._anchor(o, [(s0, e0)]) == "since"]
        for q, (pred, trig) in zip(quantities, preds):
            if pred is None:
                pred, trig = self._elliptic(q, claims)
            if pred is None:
                continue
            subject, subject_text = self.subject(q, pred, subject_names, clauses, s0, e0)
            time = self.time(q, dates, clauses, s0, e0, pred)
            attribution = None
            attribution_text = None
            if attributions:
                best = min(attributions, key=lambda a: _gap(a[0], a[1], q.start, q.end))
                attribution, attribution_text = best[2], best[3]
            value = q.value
            claims.append(Claim(
                id=self.next_id(), doc=self.adoc.doc.id, side=self.side, lang=self.lang,
                subject=subject, subject_text=subject_text, predicate=pred, value=value,
                role=q.role, unit=q.unit, qualifier=q.qualifier,
                quantity=Span.of(text, q.start, q.end), sentence=sentence, segment=seg_index,
                time=time, attribution=attribution, attribution_text=attribution_text, trigger=trig,
            ))
        self.ordinals(claims, s0, e0)
        return claims

    def _elliptic(self, q: Quantity, claims: list[Claim]):
        """"20 billion by 2020, and 60 billion by 2025": the second figure
        shares the predicate of the first."""
        if not claims:
            return None, None
        prev = claims[-1]
        between = self.text[prev.quantity.end:q.start]
        same_kind = prev.role == q.role or (prev.role in MONEY and q.role in MONEY
                                            and PREDICATES[prev.predicate]["roles"] == MONEY)
        if len(between) <= 30 and same_kind and prev.predicate != "founded":
            return prev.predicate, "(ellipsis)"
        return None, None

    def predicate(self, q: Quantity, quantities: list[Quantity], triggers, clauses, s0: int,
                  names: list[NameMention] = ()):
        role = q.role
        year_like = role in ("year", "date")
        # the number's own clause ("4,5 Milliarden": a decimal comma does not end it)
        own = (clauses[_clause_of(clauses, q.start)][0], clauses[_clause_of(clauses, q.end)][1])
        best: tuple[bool, float, str, str] | None = None
        for ts, te, pred, ttext in triggers:
            info = PREDICATES[pred]
            if year_like and pred != "founded":
                continue
            if role not in info["roles"]:
                continue
            if info["roles"] == MONEY and role == "count" and (q.value is None or q.value < _MIN_MONEY_COUNT):
                continue
            gap = _gap(ts, te, q.start, q.end)
            lo, hi = (te, q.start) if te <= q.start else (q.end, ts)
            between = self.text[lo:hi]
            penalty = 15 * len(_CLAUSE_BREAK.findall(between))
            if any(o is not q and o.role not in ("year", "date") and lo <= o.start and o.end <= hi
                   for o in quantities):
                penalty += 40  # the trigger belongs to a nearer number
            if year_like:
                penalty += 0 if gap <= 30 else 1000
            score = gap + penalty
            if score > _MAX_TRIGGER_GAP:
                continue
            # a trigger in the number's own clause wins over any from another clause
            outside = own is not None and not (own[0] <= ts and te <= own[1])
            if best is None or (outside, score) < best[:2]:
                best = (outside, score, pred, ttext)
        if best is None:
            return None, None
        pred = best[2]
        if pred in MARKET_REINTERPRETS and self.c.market_context is not None:
            lo = max(s0, q.start - 70)
            for m in self.c.market_context.finditer(self.text, lo, q.start):
                if not any(n.start <= m.start() < n.end for n in names):
                    pred = "market"
                    break
        return pred, best[3]

    def subject(self, q: Quantity, pred: str, names: list[NameMention], clauses, s0: int, e0: int):
        text = self.text
        ci = _clause_of(clauses, q.start)
        c0, c1 = clauses[ci]
        # 1. the one receiving money: "investment in SenseTime", "stake in SenseTime"
        if pred in ("funding", "stake", "valuation") and self.c.beneficiary is not None:
            after = [n for n in names if q.end <= n.start <= q.end + 60]
            for n in after:
                lead = text[q.end:n.start]
                m = None
                for m in self.c.beneficiary.finditer(lead):
                    pass
                if m is not None and len(lead[m.end():].split()) <= 4 and not self._investor_before(lead):
                    return self.canonical(n), n.text
        # 2. a name before the number in the same clause
        before = [n for n in names if c0 <= n.start and n.end <= q.start]
        if before:
            n = before[-1]
            return self.canonical(n), n.text
        # 3. "it", "the company", "das Unternehmen" in the clause
        ref = self._refer(c0, q.start, names, s0)
        if ref:
            return ref
        # 4. a name earlier in the sentence
        before = [n for n in names if n.end <= q.start]
        if before:
            n = before[-1]
            return self.canonical(n), n.text
        # 5. "Chinese facial recognition companies": an unnamed group
        if self.c.generic is not None and self.c.generic.search(text, s0, q.start):
            return GENERIC_SUBJECT, None
        ref = self._refer(s0, e0, names, s0)
        if ref:
            return ref
        # 6. a name after the number that does not give the money
        for n in names:
            if n.start >= q.end and not self._investor_before(text[q.end:n.start]):
                return self.canonical(n), n.text
        return (self.topic or UNKNOWN_SUBJECT), None

    def _refer(self, s: int, e: int, names: list[NameMention], s0: int) -> tuple[str, str | None] | None:
        """What an anaphor in ``text[s:e]`` refers to, if there is one."""
        if self.c.anaphora is not None and self.c.anaphora.search(self.text, s, e):
            return self.topic or self.unnamed, None
        if self.c.pronouns is None:
            return None
        m = self.c.pronouns.search(self.text, s, e)
        if m is None:
            return None
        # the first name of the sentence before the pronoun ("China hopes ..., an industry it hopes")
        earlier = [n for n in names if n.end <= m.start()]
        if earlier:
            return self.canonical(earlier[0]), None
        prev = self.previous_sentence(s0)
        if prev is not None:
            pnames = self.names(*prev)
            canon = [self.canonical(n) for n in pnames]
            if self.topic in canon:
                return self.topic, None
            if canon:
                return canon[0], None
            # "The company ... . It was founded ...": the pronoun takes up the anaphor
            if self.c.anaphora is not None and self.c.anaphora.search(self.text, *prev):
                return self.topic or self.unnamed, None
        if self.topic:
            return self.topic, None
        return None

    def previous_sentence(self, s0: int) -> tuple[int, int] | None:
        prev = None
        for _, start, end in self.sentences:
            if start >= s0:
                break
            prev = (start, end)
        return prev

    def _investor_before(self, lead: str) -> bool:
        if self.c.investor is None:
            return False
        words = lead.split()
        tail = " ".join(words[-4:])
        return self.c.investor.search(tail) is not None and (
            self.c.beneficiary is None or not self.c.beneficiary.search(" ".join(words[-1:])))

    def time(self, q: Quantity, quantities: list[Quantity], clauses, s0: int, e0: int, pred: str) -> ClaimTime:
        text = self.text
        ci = _clause_of(clauses, q.start)
        scope = [clauses[ci]]
        # an introductory clause without a number of its own ("In July 2017, it raised ...")
        for j in range(ci - 1, -1, -1):
            a, b = clauses[j]
            if any(a <= o.start < b and o.role not in ("year", "date") for o in quantities):
                break
            scope.insert(0, (a, b))
        year = month = anchor = rel = None
        best_gap = None
        for o in quantities:
            if o is q or o.role not in ("year", "date") or o.value is None:
                continue
            if pred == "founded":
                continue
            if not any(a <= o.start < b for a, b in scope):
                continue
            gap = _gap(o.start, o.end, q.start, q.end)
            if best_gap is None or gap < best_gap:
                self._year_pos = o.start
                best_gap, year = gap, int(o.value) if o.role == "year" else o.details.get("year")
                if o.role == "date" and o.details.get("month"):
                    month = int(o.details["month"])
                anchor = self._anchor(o, scope)
        if pred == "founded":
            return ClaimTime()
        if self.c.month_re is not None:
            best_m = None
            month_scope = scope
            if best_gap is not None:  # a month goes with the year of its own clause
                yc = _clause_of(clauses, self._year_pos)
                month_scope = [clauses[yc]]
            for a, b in month_scope:
                for m in self.c.month_re.finditer(text, a, b):
                    if self.lang == "en" and m.group(0) == "May" and not self._may_is_month(m.start()):
                        continue
                    g = _gap(m.start(), m.end(), q.start, q.end)
                    if best_m is None or g < best_m[0]:
                        best_m = (g, self.c.months.get(fold(m.group(0))))
            if best_m and month is None:
                month = best_m[1]
        best_r = None
        for kind in ("now", "past", "future"):
            pat = self.c.time.get(kind)
            if pat is None:
                continue
            for a, b in scope:
                for m in pat.finditer(text, a, b):
                    g = _gap(m.start(), m.end(), q.start, q.end)
                    if best_r is None or g < best_r[0]:
                        best_r = (g, kind)
        if best_r:
            rel = best_r[1]
        return ClaimTime(year=year, month=month, anchor=anchor, rel=rel)

    def _anchor(self, o: Quantity, scope) -> str | None:
        text = self.text
        a = min(s for s, _ in scope)
        lead_by = text[max(a, o.start - 14):o.start]
        by = self.c.time.get("by")
        if by is not None:
            for m in by.finditer(lead_by):
                if lead_by[m.end():].strip() == "" or len(lead_by[m.end():].split()) <= 2:
                    return "by"
        lead_since = text[max(a, o.start - 30):o.start]
        since = self.c.time.get("since")
        if since is not None and since.search(lead_since):
            return "since"
        return None

    def _may_is_month(self, pos: int) -> bool:
        # "as recently as May it was", "in May 2018", not "May" opening a sentence ("May the ...")
        before = self.text[max(0, pos - 12):pos].strip().split()
        return bool(before) and before[-1].lower() in {"in", "since", "as", "of", "until", "by", "early", "late",
                                                       "mid", "last", "next", "this", "during"}

    def ordinals(self, claims: list[Claim], s0: int, e0: int) -> None:
        funding = [c for c in claims if c.predicate == "funding"]
        if not funding:
            return
        found: list[tuple[int, int, tuple[str, object], str]] = []
        if self.c.ordinal_round_re is not None:
            for m in self.c.ordinal_round_re.finditer(self.text, s0, e0):
                n = self.c.ordinals.get(fold(m.group("ord")))
                if n:
                    found.append((m.start(), m.end(), ("n", n), m.group(0)))
        if self.c.series_re is not None:
            for m in self.c.series_re.finditer(self.text, s0, e0):
                letter = m.group("a") or m.group("b")
                found.append((m.start(), m.end(), ("series", letter.upper()), m.group(0)))
        for s, e, ordv, otext in found:
            target = min(funding, key=lambda c: _gap(s, e, c.quantity.start, c.quantity.end))
            if target.ordinal is None:
                target.ordinal = ordv
                target.ordinal_text = otext
                target.ordinal_start = s


def sentences_of(text: str, lang: str, segments) -> list[tuple[int, int, int]]:
    """(segment index, start, end) of every sentence: an aligned segment (a
    line of a JSONL pair, say) may hold several sentences, and a claim takes
    its subject and predicate from its own sentence."""
    out: list[tuple[int, int, int]] = []
    for seg in segments:
        piece = text[seg.start:seg.end]
        parts = split_sentences(piece, lang) if _SENTENCE_END.search(piece) else []
        if len(parts) <= 1:
            out.append((seg.index, seg.start, seg.end))
            continue
        out.extend((seg.index, seg.start + p.start, seg.start + p.end) for p in parts)
    return out


# a stop followed by more text: only then is a segment worth splitting
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u201c\u00bb\u00ab\u2019)\]]*\s+\S")


def mentions(text: str, lang: str, s0: int, e0: int, book: NameBook, c: Cues) -> list[NameMention]:
    """Names of one sentence, without the ones an anaphor is made of ("L'entreprise")."""
    found = raw_mentions(text, lang, s0, e0, book, sentence_start=s0)
    if not found or c.anaphora is None:
        return found
    spans = [m.span() for m in c.anaphora.finditer(text, s0, e0)]
    if not spans:
        return found
    return [n for n in found if not any(a <= n.start and n.end <= b for a, b in spans)]


def _agent_only(text: str, n: NameMention, c: Cues) -> bool:
    """"founded by Tang Xiao'ou": the name after an agent preposition."""
    if c.agent is None:
        return False
    lead = text[max(0, n.start - 12):n.start].split()
    return bool(lead) and c.agent.fullmatch(lead[-1]) is not None


def document_topic(adoc: AlignedDocument, book: NameBook) -> str | None:
    """The name a document is about: its most frequent name (cited sources
    aside), leaving out a name that only ever comes as the doer of a passive
    ("founded by Tang Xiao'ou"): that one is a person, not the company."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    subject_like: set[str] = set()
    order = 0
    for side in ("source", "target"):
        text = adoc.doc.text(side)
        lang = adoc.doc.lang(side)
        if text is None or lang is None:
            continue
        segs = adoc.source_segments if side == "source" else adoc.target_segments
        c = cues(lang)
        for _, s0, e0 in sentences_of(text, lang, segs):
            for m in mentions(text, lang, s0, e0, book, c):
                canon = book.canonical(m.key)
                counts[canon] += 1
                first.setdefault(canon, order)
                order += 1
                if not _agent_only(text, m, c):
                    subject_like.add(canon)
    counts = Counter({k: v for k, v in counts.items() if k in subject_like})
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))
