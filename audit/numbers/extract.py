"""Placeholder: quantity extraction (to be written)."""
from __future__ import annotations

from .model import Quantity


def extract(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, offsets into ``text``."""
    return []
