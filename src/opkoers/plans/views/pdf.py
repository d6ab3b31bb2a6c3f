"""The printable plan for the resident."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import To, access_case
from opkoers.plans.pdf import render_plan_pdf
from opkoers.plans.selectors import printable_plan
from opkoers.plans.views._common import PlanRequest


@require_safe
def plan_pdf(request: PlanRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.READ).case
    content = render_plan_pdf(printable_plan(case))
    with transaction.atomic():
        # Audited only once the file exists: a failed rendering exported nothing.
        record(
            actor=request.user,
            action=AuditAction.EXPORT,
            code="plan.pdf",
            case=case,
            detail={"format": "pdf"},
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="samen1plan-{case.reference}.pdf"'
    # Personal data: no copy in a shared or browser cache.
    response["Cache-Control"] = "no-store, private"
    return response
