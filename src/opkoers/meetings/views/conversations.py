"""Planning, changing, cancelling and recording a conversation."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opkoers.cases.access import CaseAccess, To, access_case
from opkoers.cases.models import Case, CaseStatus
from opkoers.core.concurrency import EditConflict
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.meetings.forms import (
    RESIDENT,
    USER_PREFIX,
    CancelForm,
    ConversationForm,
    RecordForm,
    add_service_error,
    others_of,
    participants_to_choices,
)
from opkoers.meetings.models import Conversation, ConversationKind, ConversationStatus
from opkoers.meetings.permissions import allowed_kinds
from opkoers.meetings.selectors import (
    conversation_with_participants,
    default_kind,
    last_held_at,
    participant_options,
    proposed_moment,
)
from opkoers.meetings.services import (
    cancel_conversation,
    plan_conversation,
    record_conversation,
    update_conversation,
    update_report,
)
from opkoers.meetings.services.follow_ups import (
    contact_person,
    default_follow_up_due,
    no_contact_person_message,
)
from opkoers.meetings.views._common import (
    claimed_result,
    list_url,
    render_case_page,
    writer_access,
)

# Service refusals that belong next to one field rather than at the top of the form.
PLAN_ERROR_FIELDS = {
    "past": "scheduled_at",
    "kind_not_allowed": "kind",
    "first_held": "kind",
    "first_planned": "kind",
    "no_participants": "participants",
    "unknown_participant": "participants",
    "other_too_long": "other_participants",
}
RECORD_ERROR_FIELDS = {
    "future": "held_at",
    "empty_report": "notes",
    "no_participants": "participants",
    "unknown_participant": "participants",
    "other_too_long": "other_participants",
    "due_before_conversation": "follow_up_due",
}


def _conversation(case: Case, conversation_id: UUID) -> Conversation:
    conversation = conversation_with_participants(case, conversation_id)
    if conversation is None:
        raise Http404
    return conversation


def _render_plan(
    request: AuthenticatedRequest,
    access: CaseAccess,
    form: ConversationForm | None,
    *,
    conversation: Conversation | None = None,
) -> HttpResponse:
    case = access.case
    return render_case_page(
        request,
        access,
        "meetings/plan_form.html",
        {
            "form": form,
            "conversation": conversation,
            "subpage": _("Gesprek wijzigen") if conversation else _("Gesprek plannen"),
            "status_label": CaseStatus(case.status).label,
        },
        audit_code="meetings.plan.form",
        obj=conversation,
    )


@require_http_methods(["GET", "POST"])
def plan(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = writer_access(request, case_id)
    case = access.case
    kinds = allowed_kinds(case)
    if not kinds:
        return _render_plan(request, access, None)
    options = participant_options(case)
    if request.method != "POST":
        kind = request.GET.get("soort", "")
        if kind not in kinds:
            kind = default_kind(case)
        initial: dict[str, Any] = {
            "kind": kind,
            "mode": "fysiek",
            "scheduled_at": proposed_moment(case, kind, last_held=last_held_at(case)),
            "participants": [RESIDENT] + [f"{USER_PREFIX}{m.user_id}" for m in options.members],
        }
        return _render_plan(
            request, access, ConversationForm(initial=initial, kinds=kinds, options=options)
        )
    form = ConversationForm(request.POST, kinds=kinds, options=options)
    if form.is_valid():
        try:
            with once(request) as guard:
                if not guard.already_done:
                    conversation = plan_conversation(
                        case=case,
                        by=request.user,
                        kind=form.cleaned_data["kind"],
                        mode=form.cleaned_data["mode"],
                        scheduled_at=form.cleaned_data["scheduled_at"],
                        location=form.cleaned_data["location"],
                        participants=form.participants_value(),
                        resident_agreed=form.cleaned_data["resident_agreed"],
                    )
                    guard.result_url = list_url(case, f"gesprek-{conversation.pk}")
                    messages.success(request, _("Het gesprek is gepland."))
            return redirect(guard.result_url or list_url(case))
        except ValidationError as exc:
            add_service_error(form, exc, PLAN_ERROR_FIELDS)
    return _render_plan(request, access, form)


def _not_planned(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    messages.info(
        request, _("Dit gesprek is niet meer gepland; het kan niet meer worden gewijzigd.")
    )
    return redirect(list_url(case))


def _planned_values(conversation: Conversation) -> dict[str, object]:
    participants = list(conversation.participants.all())
    return {
        "kind": conversation.kind,
        "mode": conversation.mode,
        "scheduled_at": timezone.localtime(conversation.scheduled_at),
        "location": conversation.location,
        "participants": participants_to_choices(participants),
        "other_participants": others_of(participants),
        "resident_agreed": conversation.resident_agreed,
    }


@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, case_id: UUID, conversation_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.READ)
    case = access.case
    conversation = _conversation(case, conversation_id)
    access = writer_access(request, case_id)
    if conversation.status != ConversationStatus.PLANNED:
        return _not_planned(request, case)
    kinds = tuple(dict.fromkeys((*allowed_kinds(case), conversation.kind)))
    options = participant_options(case)
    if request.method != "POST":
        form = ConversationForm(
            initial=_planned_values(conversation),
            kinds=kinds,
            options=options,
            version=conversation.version,
        )
        return _render_plan(request, access, form, conversation=conversation)
    form = ConversationForm(request.POST, kinds=kinds, options=options)
    if form.is_valid():
        try:
            update_conversation(
                conversation=conversation,
                by=request.user,
                kind=form.cleaned_data["kind"],
                mode=form.cleaned_data["mode"],
                scheduled_at=form.cleaned_data["scheduled_at"],
                location=form.cleaned_data["location"],
                participants=form.participants_value(),
                resident_agreed=form.cleaned_data["resident_agreed"],
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            current = conflict.current
            assert isinstance(current, Conversation)
            saved = _planned_values(current)
            if not form.nothing_differs(saved):
                form.show_conflict(conflict, saved=saved)
                response = _render_plan(request, access, form, conversation=current)
                response.status_code = 409
                return response
        except ValidationError as exc:
            add_service_error(form, exc, PLAN_ERROR_FIELDS)
            return _render_plan(request, access, form, conversation=conversation)
        messages.success(request, _("Het gesprek is gewijzigd."))
        return redirect(list_url(case, f"gesprek-{conversation.pk}"))
    return _render_plan(request, access, form, conversation=conversation)


@require_http_methods(["GET", "POST"])
def cancel(request: AuthenticatedRequest, case_id: UUID, conversation_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.READ)
    case = access.case
    conversation = _conversation(case, conversation_id)
    access = writer_access(request, case_id)
    if conversation.status != ConversationStatus.PLANNED:
        return _not_planned(request, case)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_conversation(
                conversation=conversation, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het gesprek is geannuleerd."))
            return redirect(list_url(case, f"gesprek-{conversation.pk}"))
    return render_case_page(
        request,
        access,
        "meetings/cancel.html",
        {"form": form, "conversation": conversation, "subpage": _("Gesprek annuleren")},
        audit_code="meetings.cancel.form",
        obj=conversation,
    )


def _render_record(
    request: AuthenticatedRequest, access: CaseAccess, conversation: Conversation, form: RecordForm
) -> HttpResponse:
    case = access.case
    held = conversation.status == ConversationStatus.HELD
    contact = None if held else contact_person(case)
    return render_case_page(
        request,
        access,
        "meetings/record_form.html",
        {
            "form": form,
            "conversation": conversation,
            "held": held,
            "contact": contact,
            "no_contact_message": no_contact_person_message() if not held and not contact else "",
            "follow_up_days": case.team.follow_up_working_days,
            "is_first": conversation.kind == ConversationKind.FIRST
            and case.status == CaseStatus.FIRST_CONVERSATION,
            "subpage": _("Verslag aanpassen") if held else _("Gesprek vastleggen"),
        },
        audit_code="meetings.record.form",
        obj=conversation,
    )


def _proposed_held_at(conversation: Conversation) -> dt.datetime:
    if conversation.status == ConversationStatus.HELD:
        assert conversation.held_at is not None
        return timezone.localtime(conversation.held_at)
    now = timezone.localtime().replace(second=0, microsecond=0)
    return min(timezone.localtime(conversation.scheduled_at), now)


def _record_initial(case: Case, conversation: Conversation) -> dict[str, Any]:
    participants = list(conversation.participants.all())
    held_at = _proposed_held_at(conversation)
    return {
        "held_at": held_at,
        "participants": participants_to_choices(participants),
        "other_participants": others_of(participants),
        "notes": conversation.notes,
        "decisions": conversation.decisions,
        "follow_up_due": default_follow_up_due(case, held_at),
    }


def _recorded_message(case: Case, conversation: Conversation) -> str:
    call = conversation.follow_up_call
    text = _("Het gesprek is vastgelegd. %(name)s belt na op %(date)s.") % {
        "name": call.assigned_to,
        "date": date_format(call.due_date, "l j F Y"),
    }
    if conversation.kind == ConversationKind.FIRST and case.status == CaseStatus.PLAN:
        text += " " + _("Het traject staat nu in de stap Samen1plan.")
    return text


@require_http_methods(["GET", "POST"])
def record(request: AuthenticatedRequest, case_id: UUID, conversation_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.READ)
    case = access.case
    conversation = _conversation(case, conversation_id)
    access = writer_access(request, case_id)
    if request.method == "POST" and (earlier := claimed_result(request)):
        return redirect(earlier)
    if conversation.status == ConversationStatus.CANCELLED:
        messages.info(request, _("Dit gesprek is geannuleerd en kan niet worden vastgelegd."))
        return redirect(list_url(case))
    held = conversation.status == ConversationStatus.HELD
    options = participant_options(case)
    if request.method != "POST":
        form = RecordForm(
            initial=_record_initial(case, conversation), options=options, with_follow_up=not held
        )
        return _render_record(request, access, conversation, form)
    # The proposed call day follows the proposed moment; told only which day the
    # conversation really was, the service counts the working days from that day.
    proposal = {"follow_up_due": default_follow_up_due(case, _proposed_held_at(conversation))}
    form = RecordForm(request.POST, initial=proposal, options=options, with_follow_up=not held)
    if not form.is_valid():
        return _render_record(request, access, conversation, form)
    data = form.cleaned_data
    try:
        if held:
            update_report(
                conversation=conversation,
                by=request.user,
                held_at=data["held_at"],
                participants=form.participants_value(),
                notes=data["notes"],
                decisions=data["decisions"],
            )
            messages.success(request, _("Het verslag is aangepast."))
            return redirect(list_url(case, f"gesprek-{conversation.pk}"))
        with once(request) as guard:
            if not guard.already_done:
                recorded = record_conversation(
                    conversation=conversation,
                    by=request.user,
                    held_at=data["held_at"],
                    participants=form.participants_value(),
                    notes=data["notes"],
                    decisions=data["decisions"],
                    follow_up_due=(
                        data["follow_up_due"] if "follow_up_due" in form.changed_data else None
                    ),
                )
                case.refresh_from_db(fields=["status"])
                messages.success(request, _recorded_message(case, recorded))
                guard.result_url = list_url(case, "volgend-gesprek")
        return redirect(guard.result_url or list_url(case))
    except ValidationError as exc:
        add_service_error(form, exc, RECORD_ERROR_FIELDS)
    return _render_record(request, access, conversation, form)
