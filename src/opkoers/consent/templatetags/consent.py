"""`{% resident_name case %}`: the resident's name, or "beperkt" when the page's
`personal_ok_ids` (decided for all rows in one query) does not include the case."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def resident_name(context: Any, case: Any) -> SafeString:
    if may_see(context, case):
        return format_html("{}", case.resident.full_name)
    return format_html('<span class="ok-badge-warning">{}</span>', _("beperkt"))


@register.simple_tag(takes_context=True)
def may_see(context: Any, case: Any) -> bool:
    """The one reading of `personal_ok_ids` for templates: may this row show personal
    data? (Also used by other apps' tags, such as cases.communication_needs.)"""
    return str(case.pk) in (context.get("personal_ok_ids") or set())
