"""Placeholder: the numbers check (to be written)."""
from __future__ import annotations

from .base import Check


class NumberCheck(Check):
    name = "numbers"
    needs_source = True

    def run(self, adoc):
        return []
