"""Turns PersonalDataRestricted into the restricted view of a case."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.forms_intake import TokenForm
from opkoers.cases.permissions import may_pick_up
from opkoers.consent.permissions import (
    PersonalDataRestricted,
    may_manage_consent,
    restriction_reason,
)


class RestrictedCaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PersonalDataRestricted):
            return None
        case = exception.case
        with transaction.atomic():
            # Attempts matter to the privacy officer too: who tried to open what.
            record(
                actor=request.user,  # type: ignore[arg-type]
                action=AuditAction.VIEW,
                code="case.restricted",
                case=case,
                detail={"path": request.path},
            )
        response = TemplateResponse(
            request,
            "consent/restricted.html",
            {
                "case": case,
                "can_manage": may_manage_consent(request.user, case),  # type: ignore[arg-type]
                "reason": restriction_reason(request.user, case),  # type: ignore[arg-type]
                "pick_up_form": (
                    TokenForm()
                    if may_pick_up(request.user, case)  # type: ignore[arg-type]
                    else None
                ),
            },
            status=403,
        )
        return response.render()
