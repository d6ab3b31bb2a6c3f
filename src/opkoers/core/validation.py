"""Checks that services of several apps share (budgets, deviations)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_TEXT = 2000


def required_text(value: str, *, message: str, code: str, max_length: int = MAX_TEXT) -> str:
    """The trimmed text, or a Dutch ValidationError when it is empty or too long."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(message, code=code)
    if len(text) > max_length:
        raise ValidationError(
            _("De tekst is te lang. Gebruik hoogstens %(max)d tekens.") % {"max": max_length},
            code="too_long",
        )
    return text
