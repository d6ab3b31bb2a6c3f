"""Turns PersonalDataRestricted into the restricted view of a case, and a write tried
with break-glass alone into a refusal page."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import (
    BreakGlassRefused,
    PersonalDataRestricted,
    Purpose,
    To,
    case_access,
)
from opkoers.cases.forms_intake import TokenForm


class RestrictedCaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BreakGlassRefused):
            return self.break_glass_refused(request, exception)
        if not isinstance(exception, PersonalDataRestricted):
            return None
        case = exception.case
        access = exception.access or case_access(request.user, case.pk)  # type: ignore[arg-type]
        facts = access.facts
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
                "can_manage": access.may(To.MANAGE_CONSENT),
                # Why: not at the table, or at the table without consent coverage.
                "reason": "coverage" if facts.at_table else "table",
                "pick_up_form": TokenForm() if access.may(To.PICK_UP) else None,
            },
            status=403,
        )
        return response.render()

    def break_glass_refused(
        self, request: HttpRequest, exception: BreakGlassRefused
    ) -> HttpResponse:
        """A write tried with break-glass alone, from a view or from a service under the
        case's lock: the write's own transaction is gone; the attempt is recorded."""
        with transaction.atomic():
            record(
                actor=request.user,  # type: ignore[arg-type]
                action=AuditAction.VIEW,
                code="breakglass.refused",
                case=exception.case,
                purpose=Purpose.BREAK_GLASS,
                detail={"path": request.path, "method": request.method or ""},
            )
        response = TemplateResponse(
            request, "cases/break_glass_refused.html", {"case": exception.case}, status=403
        )
        return response.render()
