"""The agenda of the weekly team overleg, for every team the user works in."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from opkoers.cases.access import personal_data_ids, record_listing
from opkoers.cases.selectors_overleg import overleg_agendas
from opkoers.core.http import AuthenticatedRequest


@require_safe
def overleg(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not user.works_on_cases:
        # Policy staff and admins see no case data; their home page says what they can do.
        return redirect("cases:worklist")
    agendas = overleg_agendas(user)
    case_ids = sorted({str(pk) for agenda in agendas for pk in agenda.case_ids()})
    record_listing(request, code="case.overleg", case_ids=case_ids)
    return render(
        request,
        "cases/overleg.html",
        {"agendas": agendas, "personal_ok_ids": personal_data_ids(user, case_ids)},
    )
