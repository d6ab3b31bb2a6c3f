"""The follow-up call (nabellen): its outcome, and handing it over or moving it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from opkoers.cases.access import CaseAccess, To, access_case
from opkoers.cases.models import Case, CaseTeamMember
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.meetings.forms import (
    NOT_REACHED,
    REACHED,
    FollowUpChangeForm,
    FollowUpOutcomeForm,
    add_service_error,
)
from opkoers.meetings.models import FollowUpCall, FollowUpStatus
from opkoers.meetings.selectors import sorted_participants
from opkoers.meetings.services import change_follow_up, record_follow_up_outcome
from opkoers.meetings.views._common import (
    claimed_result,
    list_url,
    render_case_page,
    writer_access,
)

if TYPE_CHECKING:
    from opkoers.accounts.models import User

OUTCOME_ERROR_FIELDS = {
    "outcome_required": "outcome",
    "due_when_reached": "next_due",
    "past": "next_due",
    "too_long": "outcome",
}
CHANGE_ERROR_FIELDS = {"not_at_table": "assigned_to", "past": "due_date"}


def _call(case: Case, call_id: UUID) -> FollowUpCall:
    return get_object_or_404(
        FollowUpCall.objects.select_related(
            "assigned_to", "done_by", "conversation", "conversation__planned_by"
        ).prefetch_related("attempts__by"),
        pk=call_id,
        case=case,
    )


def people_at_table(case: Case) -> list[tuple[User, str]]:
    """Everyone who could make the call: the case team and their backups."""
    people: dict[int, tuple[User, str]] = {}
    members = CaseTeamMember.objects.filter(case=case).select_related("user", "backup")
    for member in members:
        role = _("contactpersoon") if member.is_contact_person else member.role_on_case
        people[member.user_id] = (member.user, f"{member.user} – {role}")
    for member in members:
        if member.backup is not None and member.backup_id not in people:
            label = _("%(backup)s – vervanger van %(name)s") % {
                "backup": member.backup,
                "name": member.user,
            }
            people[member.backup.pk] = (member.backup, label)
    return list(people.values())


def _already_handled(
    request: AuthenticatedRequest, case: Case, error: ValidationError
) -> HttpResponse | None:
    """A call handled a moment ago (by a colleague, or an earlier tab) has no form left
    to show the refusal in: say so on the conversations page."""
    if getattr(error, "code", None) != "not_open":
        return None
    messages.info(request, " ".join(error.messages))
    return redirect(list_url(case))


def _render(
    request: AuthenticatedRequest,
    access: CaseAccess,
    call: FollowUpCall,
    *,
    outcome_form: FollowUpOutcomeForm | None = None,
    change_form: FollowUpChangeForm | None = None,
) -> HttpResponse:
    case = access.case
    writable = call.status == FollowUpStatus.OPEN and access.may(To.WRITE_AT_TABLE)
    if writable:
        outcome_form = outcome_form or FollowUpOutcomeForm()
        change_form = change_form or FollowUpChangeForm(
            initial={"assigned_to": str(call.assigned_to_id), "due_date": call.due_date},
            people=people_at_table(case),
        )
    conversation = call.conversation
    return render_case_page(
        request,
        access,
        "meetings/follow_up.html",
        {
            "call": call,
            "conversation": conversation,
            "participants": sorted_participants(conversation) if conversation else [],
            "outcome_form": outcome_form if writable else None,
            "change_form": change_form if writable else None,
            "today": timezone.localdate(),
            "subpage": pgettext("one follow-up call", "Nabellen"),
        },
        audit_code="meetings.followup.view",
        obj=call,
    )


@require_http_methods(["GET", "POST"])
def follow_up(request: AuthenticatedRequest, case_id: UUID, call_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.READ)
    case = access.case
    call = _call(case, call_id)
    if request.method != "POST":
        return _render(request, access, call)
    access = writer_access(request, case_id)
    if earlier := claimed_result(request):
        return redirect(earlier)
    form = FollowUpOutcomeForm(request.POST)
    if form.is_valid():
        reached = form.cleaned_data["result"] == REACHED
        try:
            with once(request) as guard:
                if not guard.already_done:
                    updated = record_follow_up_outcome(
                        call=call,
                        by=request.user,
                        reached=reached,
                        outcome=form.cleaned_data["outcome"],
                        next_due=form.cleaned_data["next_due"],
                    )
                    if updated.status == FollowUpStatus.OPEN:
                        messages.success(
                            request,
                            _(
                                "Niet bereikt: de poging is vastgelegd en er staat "
                                "een nieuwe belafspraak."
                            ),
                        )
                    elif form.cleaned_data["result"] == NOT_REACHED:
                        messages.success(request, _("Niet bereikt: de nabelafspraak is gesloten."))
                    else:
                        messages.success(request, _("De uitkomst van het nabellen is vastgelegd."))
                    guard.result_url = list_url(case, f"nabellen-{call.pk}")
            return redirect(guard.result_url or list_url(case))
        except ValidationError as exc:
            if (handled := _already_handled(request, case, exc)) is not None:
                return handled
            add_service_error(form, exc, OUTCOME_ERROR_FIELDS)
    return _render(request, access, call, outcome_form=form)


@require_POST
def follow_up_change(request: AuthenticatedRequest, case_id: UUID, call_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.READ)
    case = access.case
    call = _call(case, call_id)
    access = writer_access(request, case_id)
    form = FollowUpChangeForm(request.POST, people=people_at_table(case))
    if form.is_valid():
        try:
            change_follow_up(
                call=call,
                by=request.user,
                assigned_to=form.assignee(),
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as exc:
            if (handled := _already_handled(request, case, exc)) is not None:
                return handled
            add_service_error(form, exc, CHANGE_ERROR_FIELDS)
        else:
            messages.success(request, _("De nabelafspraak is aangepast."))
            return redirect(list_url(case, f"nabellen-{call.pk}"))
    return _render(request, access, call, change_form=form)
