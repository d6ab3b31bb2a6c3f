"""Plan vastleggen: from step 4 to the running phase, only with a real plan."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus, CaseTransition
from opkoers.core.models import LifeDomain
from opkoers.plans.models import ActionStatus, OwnerKind
from opkoers.plans.services import add_action, add_goal, agree_plan, drop_goal


def _goal(case, by, text="Rust over geld"):
    return add_goal(case=case, by=by, domain=LifeDomain.FINANCES, description=text)


def _action(case, by, goal=None):
    return add_action(
        case=case, by=by, description="Post sorteren", owner_kind=OwnerKind.RESIDENT, goal=goal
    )


def test_agreeing_moves_the_case_to_in_progress(plan_case, member):
    goal = _goal(plan_case, member)
    _action(plan_case, member, goal)
    agree_plan(case=plan_case, by=member, resident_agreed=True)
    plan_case.refresh_from_db()
    assert plan_case.status == CaseStatus.IN_PROGRESS
    assert plan_case.plan_agreed_at is not None
    step = CaseTransition.objects.get(case=plan_case, to_status=CaseStatus.IN_PROGRESS)
    assert step.by == member and step.from_status == CaseStatus.PLAN
    assert AuditEvent.objects.get(code="plan.agree").detail == {"goals": 1, "actions": 1}


def test_without_the_residents_agreement_nothing_happens(plan_case, member):
    _action(plan_case, member, _goal(plan_case, member))
    with pytest.raises(ValidationError, match="akkoord"):
        agree_plan(case=plan_case, by=member, resident_agreed=False)
    plan_case.refresh_from_db()
    assert plan_case.status == CaseStatus.PLAN


def test_empty_plan_is_refused(plan_case, member):
    with pytest.raises(ValidationError, match="minstens één doel met een actie"):
        agree_plan(case=plan_case, by=member, resident_agreed=True)


def test_goal_without_actions_and_loose_actions_are_not_enough(plan_case, member):
    _goal(plan_case, member)
    _action(plan_case, member)
    with pytest.raises(ValidationError, match="minstens één doel met een actie"):
        agree_plan(case=plan_case, by=member, resident_agreed=True)


def test_a_dropped_goal_or_a_lapsed_action_does_not_count(plan_case, member):
    from opkoers.plans.services import set_action_status

    dropped = _goal(plan_case, member, "Weg")
    _action(plan_case, member, dropped)
    drop_goal(goal=dropped, by=member)
    kept = _goal(plan_case, member)
    action = _action(plan_case, member, kept)
    set_action_status(action=action, by=member, status=ActionStatus.CANCELLED)
    with pytest.raises(ValidationError):
        agree_plan(case=plan_case, by=member, resident_agreed=True)
    plan_case.refresh_from_db()
    assert plan_case.status == CaseStatus.PLAN


def test_agreeing_twice_is_refused(plan_case, member):
    _action(plan_case, member, _goal(plan_case, member))
    agree_plan(case=plan_case, by=member, resident_agreed=True)
    with pytest.raises(ValidationError, match="al vastgelegd"):
        agree_plan(case=plan_case, by=member, resident_agreed=True)
    assert CaseTransition.objects.filter(to_status=CaseStatus.IN_PROGRESS).count() == 1


@pytest.mark.parametrize("status", [CaseStatus.FIRST_CONVERSATION, CaseStatus.CLOSED])
def test_agreeing_outside_the_plan_step_is_refused(plan_case, member, status):
    plan_case.status = status
    plan_case.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        agree_plan(case=plan_case, by=member, resident_agreed=True)
    plan_case.refresh_from_db()
    assert plan_case.status == status


@pytest.mark.security
def test_only_the_case_team_agrees(plan_case, member, colleague):
    _action(plan_case, member, _goal(plan_case, member))
    with pytest.raises(PermissionDenied):
        agree_plan(case=plan_case, by=colleague, resident_agreed=True)
    plan_case.refresh_from_db()
    assert plan_case.status == CaseStatus.PLAN
