"""The check registry: the one place where a check is added.

Each check is a class in its own module under ``audit/checks`` with the
shape of :class:`audit.checks.base.Check`: aligned pairs in, findings out.
"""
from __future__ import annotations

from .base import Check
from .entities import EntityCheck
from .fluency import FluencyCheck
from .known_names import KnownNamesCheck
from .lexicon import LexiconCheck
from .modality import ModalityCheck
from .negation import NegationCheck
from .number_format import NumberFormatCheck
from .numbers import NumberCheck
from .omissions import OmissionCheck

REGISTRY: tuple[type[Check], ...] = (
    NumberCheck,
    NumberFormatCheck,
    KnownNamesCheck,
    LexiconCheck,
    EntityCheck,
    OmissionCheck,
    ModalityCheck,
    NegationCheck,
    FluencyCheck,
)


def all_checks() -> list[Check]:
    return [cls() for cls in REGISTRY]


def by_name(names: list[str] | None = None) -> list[Check]:
    checks = all_checks()
    if not names:
        return checks
    known = {c.name: c for c in checks}
    wanted = [n.strip().lower() for n in names]
    missing = [n for n in wanted if n not in known]
    if missing:
        raise KeyError(", ".join(missing))
    return [known[n] for n in dict.fromkeys(wanted)]
