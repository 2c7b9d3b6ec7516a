"""Records of the claim ledger: one claim, the time it refers to."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Span

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
REL_LABELS = {"now": "current", "past": "earlier", "future": "upcoming"}


@dataclass(frozen=True)
class ClaimTime:
    """When a claim holds: a year and/or month, ``since``/``by`` a year, or a
    relative time (``now``, ``past``, ``future``) when the text gives no date."""

    year: int | None = None
    month: int | None = None
    anchor: str | None = None  # "since" | "by" (with year)
    rel: str | None = None  # "now" | "past" | "future"

    @property
    def empty(self) -> bool:
        return self.year is None and self.month is None and self.rel is None

    def specificity(self) -> int:
        return (2 if self.year is not None else 0) + (1 if self.month is not None else 0)

    def label(self) -> str:
        parts: list[str] = []
        if self.month is not None:
            parts.append(MONTHS_EN[self.month - 1])
        if self.year is not None:
            parts.append(str(self.year))
        text = " ".join(parts)
        if self.anchor and text:
            text = f"{self.anchor} {text}"
        if not text and self.rel:
            text = REL_LABELS.get(self.rel, self.rel)
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "month": self.month, "anchor": self.anchor, "rel": self.rel,
                "label": self.label()}


def times_compatible(a: ClaimTime, b: ClaimTime) -> bool:
    """Can two claims refer to the same moment?"""
    if a.anchor or b.anchor:
        if a.empty or b.empty:
            return True
        return a.anchor == b.anchor and a.year == b.year
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if a.month is not None and b.month is not None and a.month != b.month:
        return False
    if a.rel and b.rel and a.rel != b.rel:
        return False
    return True


def time_evidence(a: ClaimTime, b: ClaimTime) -> int:
    """How strongly two times say "the same moment" (0 = no evidence)."""
    score = 0
    if a.year is not None and a.year == b.year and a.anchor == b.anchor:
        score += 1
    if a.month is not None and a.month == b.month:
        score += 1
    if a.rel is not None and a.rel == b.rel and a.year is None and b.year is None \
            and a.month is None and b.month is None:
        score += 1
    return score


@dataclass
class Claim:
    """One quantity of one text with what it is said about."""

    id: int
    doc: str
    side: str  # "source" | "target"
    lang: str
    subject: str  # canonical name ("SenseTime"), "(unnamed companies)" or "?"
    subject_text: str | None  # as written, when the sentence names it
    predicate: str
    value: float | None
    role: str
    unit: str | None
    qualifier: str | None
    quantity: Span  # the number as written, offsets into the side's text
    sentence: Span
    segment: int
    time: ClaimTime = field(default_factory=ClaimTime)
    ordinal: tuple[str, Any] | None = None  # ("n", 2) or ("series", "C")
    ordinal_text: str | None = None
    ordinal_start: int | None = None  # offset of ordinal_text in the side's text
    attribution: str | None = None
    attribution_text: str | None = None
    trigger: str | None = None
    # filled by the ledger
    link: int | None = None  # id of the claim on the other side of the same document
    row: int | None = None

    def ordinal_label(self) -> str | None:
        if not self.ordinal:
            return None
        kind, val = self.ordinal
        if kind == "series":
            return f"Series {val}"
        names = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}
        return f"{names.get(int(val), str(val))} round"
