"""The werkvoorraad: the home page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from opkoers.budgets.selectors import recent_decisions_for
from opkoers.cases.access import personal_data_ids, record_listing
from opkoers.cases.selectors_worklist import consent_problems_for_contact, worklist_for
from opkoers.core.http import AuthenticatedRequest


@require_safe
def worklist(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if user.is_functional_admin:
        return redirect("accounts:manage")
    if user.role == "privacy":  # Role.PRIVACY_OFFICER: the console is their home
        return redirect("privacy:console")
    if not user.works_on_cases:
        # Policy staff: aggregated reports only, never case data.
        return render(request, "cases/worklist_no_cases.html")
    data = worklist_for(user)
    case_ids = data.case_ids()
    record_listing(request, code="case.worklist", case_ids=case_ids)
    return render(
        request,
        "cases/worklist.html",
        {
            "worklist": data,
            "personal_ok_ids": personal_data_ids(user, case_ids),
            "consent_problems": consent_problems_for_contact(user),
            "budget_notices": recent_decisions_for(user),
        },
    )
