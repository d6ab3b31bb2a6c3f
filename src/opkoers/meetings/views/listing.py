"""The conversations page of a case."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opkoers.cases.access import To, access_case
from opkoers.core.http import AuthenticatedRequest
from opkoers.meetings.selectors import conversations_page
from opkoers.meetings.views._common import render_case_page


@require_safe
def conversation_list(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.READ)
    case = access.case
    return render_case_page(
        request,
        access,
        "meetings/list.html",
        {
            "page": conversations_page(case),
            "can_write": access.may(To.WRITE_AT_TABLE),
            "subpage": _("Gesprekken"),
            "today": timezone.localdate(),
        },
        audit_code="meetings.list",
    )
