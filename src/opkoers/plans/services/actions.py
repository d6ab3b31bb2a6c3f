"""Actions: who does what before when. Everyone on the case team adds them, for the
resident, someone from the resident's network, or a professional at the table."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case, CaseTeamMember
from opkoers.core.concurrency import check_version, save_versioned
from opkoers.plans.models import Action, ActionStatus, Goal, GoalOutcome, OwnerKind
from opkoers.plans.services._guard import lock_open_plan
from opkoers.residents.models import NetworkPerson

if TYPE_CHECKING:
    from opkoers.accounts.models import User

MAX_DESCRIPTION = 2000


def _clean_description(description: str) -> str:
    text = description.strip()
    if not text:
        raise ValidationError(_("Beschrijf wat er moet gebeuren."), code="empty")
    if len(text) > MAX_DESCRIPTION:
        raise ValidationError(
            _("De actie is te lang. Gebruik hoogstens %(max)d tekens.") % {"max": MAX_DESCRIPTION},
            code="too_long",
        )
    return text


def _check_owner(
    *,
    case: Case,
    owner_kind: str,
    owner_user: User | None,
    owner_network_person: NetworkPerson | None,
) -> None:
    if owner_kind == OwnerKind.RESIDENT:
        if owner_user is not None or owner_network_person is not None:
            raise ValidationError(_("Kies één eigenaar voor de actie."), code="owner")
    elif owner_kind == OwnerKind.NETWORK:
        if owner_network_person is None or owner_user is not None:
            raise ValidationError(
                _("Kies wie uit het netwerk van de inwoner dit doet."), code="owner"
            )
        if owner_network_person.resident_id != case.resident_id:
            raise ValidationError(
                _("Deze persoon hoort niet bij het netwerk van deze inwoner."), code="owner"
            )
    elif owner_kind == OwnerKind.PROFESSIONAL:
        if owner_user is None or owner_network_person is not None:
            raise ValidationError(_("Kies welke professional dit doet."), code="owner")
        if not CaseTeamMember.objects.filter(case=case, user=owner_user).exists():
            raise ValidationError(
                _("Kies een professional uit het casusteam van dit traject."), code="owner"
            )
    else:
        raise ValidationError(_("Kies wie de actie doet."), code="owner")


def _check_goal(*, case: Case, goal: Goal | None, keep_goal_id: object = None) -> None:
    if goal is None:
        return
    if goal.case_id != case.pk:
        raise ValidationError(_("Dit doel hoort niet bij dit traject."), code="goal")
    if goal.outcome == GoalOutcome.DROPPED and goal.pk != keep_goal_id:
        raise ValidationError(
            _("Dit doel is vervallen. Kies een ander doel, of geen doel."), code="goal"
        )


def add_action(
    *,
    case: Case,
    by: User,
    description: str,
    owner_kind: str,
    owner_user: User | None = None,
    owner_network_person: NetworkPerson | None = None,
    goal: Goal | None = None,
    due_date: date | None = None,
) -> Action:
    text = _clean_description(description)
    with transaction.atomic():
        locked = lock_open_plan(case=case, by=by)
        _check_owner(
            case=locked,
            owner_kind=owner_kind,
            owner_user=owner_user,
            owner_network_person=owner_network_person,
        )
        _check_goal(case=locked, goal=goal)
        action = Action.objects.create(
            case=locked,
            goal=goal,
            description=text,
            owner_kind=owner_kind,
            owner_user=owner_user,
            owner_network_person=owner_network_person,
            due_date=due_date,
            created_by=by,
        )
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="plan.action.create",
            case=locked,
            obj=action,
            detail={"owner_kind": owner_kind, "has_due_date": due_date is not None},
        )
    return action


def update_action(
    *,
    action: Action,
    by: User,
    description: str,
    owner_kind: str,
    owner_user: User | None = None,
    owner_network_person: NetworkPerson | None = None,
    goal: Goal | None = None,
    due_date: date | None = None,
    expected_version: int | None = None,
) -> Action:
    """`expected_version`: see update_goal."""
    text = _clean_description(description)
    with transaction.atomic():
        locked = lock_open_plan(case=action.case, by=by)
        action = Action.objects.get(pk=action.pk, case=locked)
        check_version(action, expected_version, case_id=locked.pk)
        _check_owner(
            case=locked,
            owner_kind=owner_kind,
            owner_user=owner_user,
            owner_network_person=owner_network_person,
        )
        _check_goal(case=locked, goal=goal, keep_goal_id=action.goal_id)
        new_values = {
            "description": text,
            "owner_kind": owner_kind,
            "owner_user_id": owner_user.pk if owner_user else None,
            "owner_network_person_id": owner_network_person.pk if owner_network_person else None,
            "goal_id": goal.pk if goal else None,
            "due_date": due_date,
        }
        changed = [name for name, value in new_values.items() if getattr(action, name) != value]
        for name, value in new_values.items():
            setattr(action, name, value)
        save_versioned(action, new_values)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="plan.action.update",
            case=locked,
            obj=action,
            detail={"fields": [name.removesuffix("_id") for name in changed]},
        )
    return action


def set_action_status(*, action: Action, by: User, status: str) -> Action:
    """Any status may follow any other (people correct mistakes); completing stamps
    the moment, anything else clears it."""
    if status not in ActionStatus.values:
        raise ValidationError(_("Kies een status uit de lijst."), code="status")
    with transaction.atomic():
        locked = lock_open_plan(case=action.case, by=by)
        action = Action.objects.get(pk=action.pk, case=locked)
        if action.status == status:
            return action
        previous = action.status
        action.status = status
        action.completed_at = timezone.now() if status == ActionStatus.DONE else None
        # No new version: the status is not a field of the edit form (decision 0026).
        action.save(update_fields=["status", "completed_at", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="plan.action.status",
            case=locked,
            obj=action,
            detail={"from": previous, "to": status},
        )
    return action
