"""Quantities: extraction (``extract``) and comparison (``compare``)."""
