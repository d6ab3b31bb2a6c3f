"""What every plan view shares."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opkoers.cases.access import CaseAccess, To, access_case
from opkoers.cases.models import Case
from opkoers.core.http import AuthenticatedRequest
from opkoers.plans.permissions import plan_is_open

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails


class PlanRequest(AuthenticatedRequest):
    htmx: HtmxDetails


def plan_url(case: Case, anchor: str = "") -> str:
    url = reverse("plans:detail", args=[case.pk])
    return f"{url}#{anchor}" if anchor else url


def can_edit_plan(access: CaseAccess) -> bool:
    """The person rule (cases.access) and the plan's own state rule."""
    return access.may(To.WRITE_ON_CASE_TEAM) and plan_is_open(access.case)


def plan_editor_access(request: PlanRequest, case_id: UUID) -> CaseAccess:
    """Writes: 403 for a colleague who may read the case but is not on its case team,
    for a closed case (read-only until it is explicitly reopened), for a plan not yet
    open, and for anyone on break-glass alone."""
    access = access_case(request, case_id, to=To.WRITE_ON_CASE_TEAM)
    if not plan_is_open(access.case):
        raise PermissionDenied
    return access


def messages_of(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)
