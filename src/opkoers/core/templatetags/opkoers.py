"""Small template helpers used across apps."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField

register = template.Library()


@register.inclusion_tag("core/_field.html")
def field(bound_field: BoundField, **kwargs: Any) -> dict[str, Any]:
    """Renders one form field as an NL Design System form field, with a label,
    description and error message wired to it for screen readers."""
    return {"field": bound_field, **kwargs}


@register.filter
def widget_type(bound_field: BoundField) -> str:
    return bound_field.field.widget.__class__.__name__
