"""Placeholder: the modality check (to be written)."""
from __future__ import annotations

from .base import Check


class ModalityCheck(Check):
    name = "modality"
    needs_source = True

    def run(self, adoc):
        return []
