"""The agenda of the weekly team overleg, for every team the user works in."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.selectors_overleg import overleg_agendas
from opkoers.consent.selectors import personal_ok_ids
from opkoers.core.http import AuthenticatedRequest


@require_safe
def overleg(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not user.works_on_cases:
        # Policy staff and admins see no case data; their home page says what they can do.
        return redirect("cases:worklist")
    agendas = overleg_agendas(user)
    case_ids = sorted({str(pk) for agenda in agendas for pk in agenda.case_ids()})
    if case_ids:
        with transaction.atomic():
            record(
                actor=user,
                action=AuditAction.VIEW,
                code="case.overleg",
                detail={"shown": case_ids},
            )
    return render(
        request,
        "cases/overleg.html",
        {"agendas": agendas, "personal_ok_ids": personal_ok_ids(user, case_ids)},
    )
