"""Small text helpers shared by checks, messages and tables."""
from __future__ import annotations


def shorten(text: str, width: int = 100) -> str:
    """``text`` on one line (white space folded), cut to ``width`` with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
