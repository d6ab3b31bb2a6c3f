"""Template tags for the case pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from opkoers.consent.templatetags.consent import may_see
from opkoers.residents.models import CommunicationNeed

register = template.Library()


@register.simple_tag(takes_context=True)
def communication_needs(
    context: dict[str, Any], needs: Sequence[CommunicationNeed], case: Any
) -> SafeString:
    """What to keep in mind when contacting the resident, in one table cell or line.

    Needs such as "deaf" are personal (health) data: like the name, they show only where
    the view marked the case as visible (`personal_ok_ids`, see consent.resident_name).
    A tag rather than an {% include %}: the werkvoorraad renders it on up to 60 rows, and
    an include costs a context push and a template lookup every time."""
    if not may_see(context, case):
        return mark_safe("")
    if not needs:
        return format_html('<span class="ok-visually-hidden">{}</span>', _("geen bijzonderheden"))
    return format_html(
        '<span class="ok-badge-warning"><span class="ok-visually-hidden">{} </span>{}</span>',
        _("Let op bij contact:"),
        format_html_join("; ", "{}", ((str(need),) for need in needs)),
    )
