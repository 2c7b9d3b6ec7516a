"""The one shape every check has: aligned pairs in, findings out."""
from __future__ import annotations

from typing import ClassVar, Iterable

from ..model import AlignedDocument, Finding


class Check:
    """Base class of every per-document check.

    Subclasses set ``name`` (used in ``findings.jsonl`` as ``check``) and
    ``needs_source`` (False for checks that also run on target-only
    documents), and implement :meth:`run`.
    """

    name: ClassVar[str] = "check"
    needs_source: ClassVar[bool] = True

    def run(self, adoc: AlignedDocument) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError

    def applies_to(self, adoc: AlignedDocument) -> bool:
        return adoc.doc.has_source or not self.needs_source
