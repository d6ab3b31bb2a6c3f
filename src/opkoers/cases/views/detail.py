from __future__ import annotations

from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opkoers.budgets.selectors import case_section as budget_case_section
from opkoers.cases.access import To, access_case
from opkoers.cases.selectors import case_header
from opkoers.cases.views.closing import closing_section
from opkoers.cases.views.intake import intake_section
from opkoers.consent.selectors import consent_overview
from opkoers.core.http import AuthenticatedRequest
from opkoers.deviations.selectors import case_section as deviation_case_section
from opkoers.effects.selectors import case_comparison
from opkoers.meetings import selectors as meetings_selectors
from opkoers.plans.selectors import case_section as plan_case_section
from opkoers.privacy.selectors import active_for, uses_for_case


@require_safe
def case_detail(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, audit="case.view")
    case = access.case
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "header": case_header(case),
            "can_edit": access.may(To.WRITE),
            "access": access,
            # The contact person sees who read the case with break-glass, and why.
            "break_glass_uses": uses_for_case(case.pk) if access.facts.contact else None,
            "break_glass_until": (
                active.expires_at
                if access.on_break_glass and (active := active_for(request.user, case.pk))
                else None
            ),
            "plan_section": plan_case_section(case),
            "closing": closing_section(access),
            "meetings": meetings_selectors.case_section(case),
            "intake": intake_section(access),
            "consent": consent_overview(case),
            "budget_section": budget_case_section(case),
            "deviation_section": deviation_case_section(case),
            "effects_section": case_comparison(case),
        },
    )
