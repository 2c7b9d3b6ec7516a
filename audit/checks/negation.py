"""Placeholder: the negation check (to be written)."""
from __future__ import annotations

from .base import Check


class NegationCheck(Check):
    name = "negation"
    needs_source = True

    def run(self, adoc):
        return []
