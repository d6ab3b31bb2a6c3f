"""The case's process state machine. The allowed transitions live here and nowhere
else; services for each step call `transition` rather than setting `status`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import lock_case_row
from opkoers.cases.models import Case, CaseStatus, CaseTransition

if TYPE_CHECKING:
    from opkoers.accounts.models import User

S = CaseStatus

ALLOWED: dict[str, set[str]] = {
    S.REGISTERED: {S.INTAKE, S.CLOSED},
    S.INTAKE: {S.FIRST_CONVERSATION, S.CLOSED},
    S.FIRST_CONVERSATION: {S.PLAN, S.CLOSED},
    S.PLAN: {S.IN_PROGRESS, S.CLOSING},
    S.IN_PROGRESS: {S.CLOSING},
    S.CLOSING: {S.CLOSED, S.IN_PROGRESS},
    # Reopening: back to lopend, or to the early step a stopped case was stopped in.
    S.CLOSED: {S.IN_PROGRESS, S.REGISTERED, S.INTAKE, S.FIRST_CONVERSATION},
}

# Transitions that need a written reason: stopping before the plan, and reopening.
REASON_REQUIRED = {
    (S.REGISTERED, S.CLOSED),
    (S.INTAKE, S.CLOSED),
    (S.FIRST_CONVERSATION, S.CLOSED),
    (S.CLOSED, S.IN_PROGRESS),
    (S.CLOSED, S.REGISTERED),
    (S.CLOSED, S.INTAKE),
    (S.CLOSED, S.FIRST_CONVERSATION),
}


class TransitionError(ValidationError):
    pass


def can_transition(case: Case, to_status: str) -> bool:
    if case.anonymised_at is not None:
        # Anonymised by the retention job: read-only for good, never reopened.
        return False
    return to_status in ALLOWED.get(case.status, set())


def transition(*, case: Case, to_status: str, by: User, reason: str = "") -> Case:
    """Move a case to the next step. Locks the row so that two people pressing the
    same button at once cannot both move it."""
    with transaction.atomic():
        # The person was checked by the calling service; here only the state.
        locked = lock_case_row(case)
        if not can_transition(locked, to_status):
            raise TransitionError(
                _("Een traject in stap ‘%(from)s’ kan niet naar ‘%(to)s’.")
                % {"from": locked.get_status_display(), "to": S(to_status).label}
            )
        if (locked.status, to_status) in REASON_REQUIRED and not reason.strip():
            raise TransitionError(_("Geef een reden op voor deze stap."))
        now = timezone.now()
        from_status = locked.status
        locked.status = to_status
        update_fields = ["status", "updated_at"]
        milestone = {
            S.FIRST_CONVERSATION: "intake_completed_at",
            S.PLAN: "first_conversation_at",
            S.IN_PROGRESS: "plan_agreed_at",
            S.CLOSED: "closed_at",
        }.get(S(to_status))
        if milestone and getattr(locked, milestone) is None:
            setattr(locked, milestone, now)
            update_fields.append(milestone)
        if from_status == S.CLOSED:
            locked.closed_at = None
            update_fields.append("closed_at")
        elif to_status == S.CLOSED:
            locked.closed_at = now
            if "closed_at" not in update_fields:
                update_fields.append("closed_at")
        locked.save(update_fields=update_fields)
        CaseTransition.objects.create(
            case=locked, from_status=from_status, to_status=to_status, by=by, reason=reason
        )
        record(
            actor=by,
            action=AuditAction.TRANSITION,
            code="case.transition",
            case=locked,
            obj=locked,
            detail={"from": from_status, "to": to_status},
        )
    case.refresh_from_db()
    return case
