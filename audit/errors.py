"""Errors a user can fix: the CLI prints them as one line and exits 2."""
from __future__ import annotations


class AuditError(Exception):
    """Bad input or usage: reported as ``mtaudit: <message>``, exit code 2."""

    exit_code = 2
