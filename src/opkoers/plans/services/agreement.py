"""Plan vastleggen: the resident and the team agree on the plan, and the case moves on
from step 4 to the running phase (follow-up calls and conversations)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case, CaseStatus
from opkoers.cases.services.transitions import transition
from opkoers.plans.models import Action, ActionStatus, Goal, GoalOutcome
from opkoers.plans.services._guard import lock_open_plan

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def agree_plan(*, case: Case, by: User, resident_agreed: bool) -> Case:
    with transaction.atomic():
        locked = lock_open_plan(case=case, by=by)
        if locked.status != CaseStatus.PLAN:
            raise ValidationError(
                _("Het plan is al vastgelegd. U kunt het wel blijven aanvullen."),
                code="not_in_plan_step",
            )
        if not resident_agreed:
            raise ValidationError(
                _("Leg het plan pas vast als de inwoner ermee akkoord is."),
                code="no_agreement",
            )
        goals = Goal.objects.filter(case=locked).exclude(outcome=GoalOutcome.DROPPED)
        actions = Action.objects.filter(case=locked, goal__in=goals).exclude(
            status=ActionStatus.CANCELLED
        )
        if not actions.exists():
            raise ValidationError(
                _(
                    "Een plan heeft minstens één doel met een actie nodig. "
                    "Voeg eerst een doel en een actie bij dat doel toe."
                ),
                code="empty_plan",
            )
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="plan.agree",
            case=locked,
            obj=locked,
            detail={"goals": goals.count(), "actions": Action.objects.filter(case=locked).count()},
        )
        transition(case=locked, to_status=CaseStatus.IN_PROGRESS, by=by)
    case.refresh_from_db()
    return case
