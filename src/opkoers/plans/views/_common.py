"""What every plan view shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opkoers.cases.models import Case
from opkoers.core.http import AuthenticatedRequest
from opkoers.plans.permissions import can_edit_plan

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails


class PlanRequest(AuthenticatedRequest):
    htmx: HtmxDetails


def plan_url(case: Case, anchor: str = "") -> str:
    url = reverse("plans:detail", args=[case.pk])
    return f"{url}#{anchor}" if anchor else url


def require_plan_editor(request: PlanRequest, case: Case) -> None:
    """Writes: 403 for a colleague who may read the case but is not at its table, and
    for a closed case (read-only until it is explicitly reopened)."""
    if not can_edit_plan(request.user, case):
        raise PermissionDenied


def messages_of(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)
