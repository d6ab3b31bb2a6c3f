"""The conversations page of a case."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opkoers.cases.permissions import get_case_for
from opkoers.core.http import AuthenticatedRequest
from opkoers.meetings.permissions import can_write_meetings
from opkoers.meetings.selectors import conversations_page
from opkoers.meetings.views._common import render_case_page


@require_safe
def conversation_list(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for(request.user, case_id)
    return render_case_page(
        request,
        case,
        "meetings/list.html",
        {
            "page": conversations_page(case),
            "can_write": can_write_meetings(request.user, case),
            "subpage": _("Gesprekken"),
            "today": timezone.localdate(),
        },
        audit_code="meetings.list",
    )
