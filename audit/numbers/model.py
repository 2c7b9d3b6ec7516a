"""The normalised record of one quantity found in a text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# "percentage point": a difference of percents ("rose by 2 percentage points"),
# a unit of its own: 2 points are not 2 percent.
ROLES = ("amount", "year", "percent", "percentage point", "count", "ordinal", "date")
QUALIFIERS = ("about", "nearly", "more-than", "up-to", "less-than", "at-least")


@dataclass(frozen=True)
class Quantity:
    value: float | None  # normalised value (magnitudes applied: 4.5bn -> 4.5e9)
    role: str  # one of ROLES
    start: int  # offsets into the text that was searched
    end: int
    text: str  # text[start:end]
    unit: str | None = None  # ISO currency code ("USD"), "%", "pp" (percentage points), or a unit
    qualifier: str | None = None  # one of QUALIFIERS
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "role": self.role,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
