"""Nabellen (step 5): the follow-up call a few working days after each conversation,
made by the case's contact person (or whoever it is handed to, usually the backup)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case, CaseTeamMember
from opkoers.meetings.models import Conversation, FollowUpAttempt, FollowUpCall, FollowUpStatus
from opkoers.meetings.scheduling import add_working_days
from opkoers.meetings.services._guard import lock_open_case

if TYPE_CHECKING:
    from opkoers.accounts.models import User

MAX_OUTCOME = 4000


class NoContactPerson(ValidationError):
    """The case has nobody to make the follow-up call."""


def contact_person(case: Case) -> CaseTeamMember | None:
    return (
        CaseTeamMember.objects.filter(case=case, is_contact_person=True)
        .select_related("user", "backup")
        .first()
    )


def no_contact_person_message() -> str:
    return _(
        "Dit traject heeft nog geen contactpersoon, dus niemand kan nabellen. "
        "Wijs eerst een contactpersoon aan op de pagina Casusteam van dit traject."
    )


def default_follow_up_due(case: Case, held_at: dt.datetime) -> dt.date:
    return add_working_days(timezone.localdate(held_at), case.team.follow_up_working_days)


def schedule_follow_up(
    *, case: Case, conversation: Conversation, by: User, due_date: dt.date | None = None
) -> FollowUpCall:
    """Called by `record_conversation` inside its transaction (the case row is locked)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("schedule_follow_up must be called inside transaction.atomic")
    contact = contact_person(case)
    if contact is None:
        raise NoContactPerson(no_contact_person_message(), code="no_contact_person")
    assert conversation.held_at is not None
    held_on = timezone.localdate(conversation.held_at)
    due = due_date or default_follow_up_due(case, conversation.held_at)
    if due < held_on:
        raise ValidationError(
            _("Nabellen kan niet vóór de dag van het gesprek. Kies een latere datum."),
            code="due_before_conversation",
        )
    call = FollowUpCall.objects.create(
        case=case, conversation=conversation, assigned_to=contact.user, due_date=due
    )
    record(
        actor=by,
        action=AuditAction.CREATE,
        code="meetings.followup.schedule",
        case=case,
        obj=call,
        detail={"due_date": due.isoformat(), "default": due_date is None},
    )
    return call


def _lock_open_call(call: FollowUpCall) -> FollowUpCall:
    locked = FollowUpCall.objects.select_for_update().get(pk=call.pk)
    if locked.status != FollowUpStatus.OPEN:
        raise ValidationError(_("Deze nabelafspraak is al afgehandeld."), code="not_open")
    return locked


def record_follow_up_outcome(
    *,
    call: FollowUpCall,
    by: User,
    reached: bool,
    outcome: str,
    next_due: dt.date | None = None,
    now: dt.datetime | None = None,
) -> FollowUpCall:
    """Reached: the call is done, with what came out of it. Not reached: the attempt is
    recorded; with a new date the call stays open for that day, without one it is
    closed as 'niet bereikt'."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    outcome = outcome.strip()
    with transaction.atomic():
        case = lock_open_case(case=call.case, by=by)
        locked = _lock_open_call(call)
        if len(outcome) > MAX_OUTCOME:
            raise ValidationError(_("De uitkomst is te lang."), code="too_long")
        if reached and not outcome:
            raise ValidationError(
                _("Schrijf kort op wat er uit het nabellen kwam."), code="outcome_required"
            )
        if reached and next_due is not None:
            raise ValidationError(
                _("Een nieuwe datum is alleen nodig als u de inwoner niet bereikte."),
                code="due_when_reached",
            )
        if next_due is not None and next_due < today:
            raise ValidationError(
                _("Kies vandaag of een latere datum om opnieuw te bellen."), code="past"
            )
        FollowUpAttempt.objects.create(call=locked, at=now, by=by, reached=reached, note=outcome)
        update_fields = ["status", "updated_at"]
        if reached or next_due is None:
            locked.status = FollowUpStatus.DONE if reached else FollowUpStatus.NOT_REACHED
            locked.outcome = outcome
            locked.done_at = now
            locked.done_by = by
            update_fields += ["outcome", "done_at", "done_by"]
        else:
            locked.due_date = next_due
            update_fields.append("due_date")
        locked.save(update_fields=update_fields)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="meetings.followup.outcome",
            case=case,
            obj=locked,
            detail={"reached": reached, "status": locked.status, "retry": next_due is not None},
        )
    return locked


def change_follow_up(
    *,
    call: FollowUpCall,
    by: User,
    assigned_to: User,
    due_date: dt.date,
    today: dt.date | None = None,
) -> FollowUpCall:
    """Hands the call to someone else at the table (usually the backup) or moves it."""
    today = today or timezone.localdate()
    with transaction.atomic():
        case = lock_open_case(case=call.case, by=by)
        locked = _lock_open_call(call)
        at_table = (
            CaseTeamMember.objects.filter(case=case)
            .filter(Q(user=assigned_to) | Q(backup=assigned_to))
            .exists()
        )
        if not at_table:
            raise ValidationError(
                _("Kies iemand uit het casusteam of een vervanger."), code="not_at_table"
            )
        if due_date != locked.due_date and due_date < today:
            raise ValidationError(_("Kies vandaag of een latere datum om te bellen."), code="past")
        changed = []
        if locked.assigned_to_id != assigned_to.pk:
            changed.append("assigned_to")
        if locked.due_date != due_date:
            changed.append("due_date")
        locked.assigned_to = assigned_to
        locked.due_date = due_date
        locked.save(update_fields=["assigned_to", "due_date", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="meetings.followup.change",
            case=case,
            obj=locked,
            detail={"changed": changed},
        )
    return locked
