"""Placeholder: the lexicon check (to be written)."""
from __future__ import annotations

from .base import Check


class LexiconCheck(Check):
    name = "lexicon"
    needs_source = True

    def run(self, adoc):
        return []
