"""Template tags for the case pages."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from opkoers.residents.models import CommunicationNeed

register = template.Library()


@register.simple_tag
def communication_needs(needs: Sequence[CommunicationNeed]) -> SafeString:
    """What to keep in mind when contacting the resident, in one table cell or line. A
    tag rather than an {% include %}: the werkvoorraad renders it on up to 60 rows, and
    an include costs a context push and a template lookup every time."""
    if not needs:
        return format_html('<span class="ok-visually-hidden">{}</span>', _("geen bijzonderheden"))
    return format_html(
        '<span class="ok-badge-warning"><span class="ok-visually-hidden">{} </span>{}</span>',
        _("Let op bij contact:"),
        format_html_join("; ", "{}", ((str(need),) for need in needs)),
    )
