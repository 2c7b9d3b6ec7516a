"""Placeholder: the fluency check (to be written)."""
from __future__ import annotations

from .base import Check


class FluencyCheck(Check):
    name = "fluency"
    needs_source = False

    def run(self, adoc):
        return []
