"""What every meetings view shares."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from opkoers.cases.access import CaseAccess, To, access_case, record_read
from opkoers.cases.models import Case
from opkoers.cases.selectors import case_header
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.models import SubmissionToken
from opkoers.core.submissions import FIELD_NAME


def claimed_result(request: AuthenticatedRequest) -> str | None:
    """Where the first submit of this very form went, if it was submitted before. A
    second click finds the conversation already held (or the call handled) and should
    land where the first one did, not act again or show a refusal."""
    try:
        token = uuid.UUID(request.POST.get(FIELD_NAME, ""))
    except ValueError:
        return None
    claimed = SubmissionToken.objects.filter(pk=token).first()
    return (claimed.result_url or "/") if claimed else None


def list_url(case: Case, anchor: str = "") -> str:
    url = reverse("meetings:list", args=[case.pk])
    return f"{url}#{anchor}" if anchor else url


def writer_access(request: AuthenticatedRequest, case_id: uuid.UUID) -> CaseAccess:
    """Writes (and the forms for them): 403 for a closed case, which is read-only until
    it is explicitly reopened, and for a colleague who is not at this case's table; on
    break-glass alone, refused and audited (cases.access)."""
    access = access_case(request, case_id, to=To.READ)
    if not access.may(To.WRITE_AT_TABLE) and not access.on_break_glass:
        if access.case.is_closed:
            raise PermissionDenied(_("Dit traject is afgesloten en alleen nog te lezen."))
        raise PermissionDenied(
            _("Alleen het casusteam van dit traject kan gesprekken plannen en vastleggen.")
        )
    return access_case(request, case_id, to=To.WRITE_AT_TABLE)


def render_case_page(
    request: AuthenticatedRequest,
    access: CaseAccess,
    template: str,
    context: dict[str, Any],
    *,
    audit_code: str,
    obj: models.Model | None = None,
) -> HttpResponse:
    """Renders a page that shows the case's personal data, with its audit row."""
    detail = {"object": str(obj.pk)} if obj is not None else None
    record_read(request, access, code=audit_code, detail=detail)
    case = access.case
    return render(request, template, {"case": case, "header": case_header(case), **context})
