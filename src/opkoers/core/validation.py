"""Checks that services and forms of several apps share: texts, and the bounds of dates,
amounts and numbers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
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


# Input bounds, in one place (docs/decisions/0020-input-bounds-and-headers.md). A date
# outside them is a typing error, never a plan: and far dates overflow the date
# arithmetic of periods and reminders (a 500), huge amounts the database's numeric
# columns. The fields in core/forms.py apply them with a Dutch message.
EARLIEST_DATE = datetime.date(1900, 1, 1)
FUTURE_YEARS = 10
# One amount (a budget request, a price, the cap per resident); a year's pot may be more.
MAX_MONEY = Decimal("1000000.00")
MAX_POT = Decimal("100000000.00")
# Quantities of the effects calculator: hours, months, nights, ...
MAX_QUANTITY = Decimal("9999.99")


def latest_date(today: datetime.date | None = None) -> datetime.date:
    """Today plus FUTURE_YEARS (29 February becomes 28 February)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:
        return today.replace(year=today.year + FUTURE_YEARS, day=28)
