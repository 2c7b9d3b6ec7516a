"""Placeholder: the omissions check (to be written)."""
from __future__ import annotations

from .base import Check


class OmissionCheck(Check):
    name = "omissions"
    needs_source = True

    def run(self, adoc):
        return []
