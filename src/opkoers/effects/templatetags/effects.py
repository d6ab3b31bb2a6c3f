"""Money in the page's language: € 1.234,56 in Dutch, € 1,234.56 in English."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    text = number_format(abs(amount), 2, use_l10n=True, force_grouping=True)
    sign = "−" if amount < 0 else ""
    return f"{sign}€\u00a0{text}"


@register.filter
def quantity(value: Decimal | None) -> str:
    """2.00 → 2, 1.50 → 1,5: counts read better without trailing zeros."""
    if value is None:
        return ""
    normalised = Decimal(value).normalize()
    places = max(0, -normalised.as_tuple().exponent)  # type: ignore[operator]
    return number_format(normalised, places, use_l10n=True, force_grouping=True)
