"""Placeholder: the entities check (to be written)."""
from __future__ import annotations

from .base import Check


class EntityCheck(Check):
    name = "entities"
    needs_source = True

    def run(self, adoc):
        return []
