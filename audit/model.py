"""The data that flows through the pipeline.

load -> Document; segment -> Segment lists; align -> AlignedPair lists;
checks -> Finding lists.  Everything here is plain data: no stage logic.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CATEGORIES = (
    "number",
    "entity",
    "sense",
    "modality",
    "negation",
    "omission",
    "addition",
    "fluency",
    "cross-document",
)
SEVERITIES = ("major", "minor")
LANGUAGES = ("en", "de", "fr")


@dataclass(frozen=True)
class Span:
    """A stretch of one document text: ``text == doc_text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Segment:
    """One sentence (or presegmented line) with offsets into its text."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass
class Document:
    """One pair of texts as loaded: the source may be missing (target only)."""

    id: str
    target_lang: str
    target: str
    source_lang: str | None = None
    source: str | None = None
    source_name: str | None = None  # where the text came from, for messages
    target_name: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def has_source(self) -> bool:
        return self.source is not None

    def text(self, side: str) -> str | None:
        return self.source if side == "source" else self.target

    def lang(self, side: str) -> str | None:
        return self.source_lang if side == "source" else self.target_lang


@dataclass
class AlignedPair:
    """Source segments ``src`` aligned with target segments ``tgt`` (indices)."""

    index: int
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0
    low_confidence: bool = False
    furniture: bool = False  # page furniture (share prompts, credits ...)
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass
class AlignedDocument:
    """What every check receives: a document, its segments and its alignment."""

    doc: Document
    source_segments: list[Segment]
    target_segments: list[Segment]
    pairs: list[AlignedPair]

    def span(self, side: str, pair: AlignedPair) -> Span | None:
        """The text of ``pair`` on one side, from its first to its last segment."""
        idx = pair.src if side == "source" else pair.tgt
        if not idx:
            return None
        segs = self.source_segments if side == "source" else self.target_segments
        text = self.doc.text(side)
        assert text is not None
        return Span.of(text, segs[idx[0]].start, segs[idx[-1]].end)

    def segment_texts(self, side: str, pair: AlignedPair) -> list[Segment]:
        idx = pair.src if side == "source" else pair.tgt
        segs = self.source_segments if side == "source" else self.target_segments
        return [segs[i] for i in idx]


@dataclass
class Finding:
    doc: str
    check: str
    category: str
    severity: str
    message: str
    source: Span | None = None
    target: Span | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def sort_key(self) -> tuple:
        t = (self.target.start, self.target.end) if self.target else (-1, -1)
        s = (self.source.start, self.source.end) if self.source else (-1, -1)
        return (self.doc, t, s, self.category, self.check, self.message)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "doc": self.doc,
            "check": self.check,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
        }
        if self.details:
            d["details"] = self.details
        return d
