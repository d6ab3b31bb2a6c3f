"""Cells that are safe to open in a spreadsheet."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """A cell that a spreadsheet would read as a formula gets a leading quote
    (CSV injection, OWASP)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
