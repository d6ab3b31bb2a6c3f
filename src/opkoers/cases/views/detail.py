from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.budgets.selectors import case_section as budget_case_section
from opkoers.cases.permissions import can_edit_case, get_case_for
from opkoers.cases.selectors import case_header
from opkoers.cases.views.closing import closing_section
from opkoers.cases.views.intake import intake_section
from opkoers.consent.selectors import consent_overview
from opkoers.core.http import AuthenticatedRequest
from opkoers.deviations.selectors import case_section as deviation_case_section
from opkoers.effects.selectors import case_comparison
from opkoers.meetings import selectors as meetings_selectors
from opkoers.plans.selectors import case_section as plan_case_section


@require_safe
def case_detail(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for(request.user, case_id)
    with transaction.atomic():
        record(actor=request.user, action=AuditAction.VIEW, code="case.view", case=case)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "header": case_header(case),
            "can_edit": can_edit_case(request.user, case),
            "plan_section": plan_case_section(case),
            "closing": closing_section(request.user, case),
            "meetings": meetings_selectors.case_section(case),
            "intake": intake_section(request.user, case),
            "consent": consent_overview(case),
            "budget_section": budget_case_section(case),
            "deviation_section": deviation_case_section(case),
            "effects_section": case_comparison(case),
        },
    )
