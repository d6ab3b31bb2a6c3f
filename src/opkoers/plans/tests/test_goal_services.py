"""Goals: priorities stay 1..n in the resident's order, whatever happens to them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus
from opkoers.core.models import LifeDomain
from opkoers.plans.models import ActionStatus, Goal, GoalOutcome
from opkoers.plans.services import (
    add_goal,
    drop_goal,
    move_goal,
    restore_goal,
    update_goal,
)
from opkoers.plans.tests.factories import ActionFactory

D = LifeDomain


def _order(case):
    return [
        (g.description, g.priority)
        for g in Goal.objects.filter(case=case).order_by("priority", "created_at")
    ]


def _add(case, by, text, priority=None, domain=D.FINANCES):
    return add_goal(case=case, by=by, domain=domain, description=text, priority=priority)


def test_goals_are_added_last_by_default_and_numbered_without_gaps(plan_case, member):
    _add(plan_case, member, "Geld")
    _add(plan_case, member, "Wonen", domain=D.HOUSING)
    _add(plan_case, member, "Werk", domain=D.WORK_EDUCATION)
    assert _order(plan_case) == [("Geld", 1), ("Wonen", 2), ("Werk", 3)]


def test_adding_at_a_priority_moves_the_others_down(plan_case, member):
    _add(plan_case, member, "Geld")
    _add(plan_case, member, "Wonen")
    _add(plan_case, member, "Rust", priority=1)
    _add(plan_case, member, "Werk", priority=3)
    assert _order(plan_case) == [("Rust", 1), ("Geld", 2), ("Werk", 3), ("Wonen", 4)]


def test_priority_out_of_range_goes_to_the_nearest_end(plan_case, member):
    _add(plan_case, member, "Geld")
    _add(plan_case, member, "Wonen", priority=99)
    _add(plan_case, member, "Rust", priority=-3)
    assert _order(plan_case) == [("Rust", 1), ("Geld", 2), ("Wonen", 3)]


def test_goal_text_is_trimmed_and_audited(plan_case, member):
    goal = _add(plan_case, member, "  Ik wil een eigen huis  ")
    assert goal.description == "Ik wil een eigen huis"
    event = AuditEvent.objects.get(code="plan.goal.create")
    assert event.case_id == plan_case.pk and event.actor == member
    assert "huis" not in str(event.detail)


@pytest.mark.parametrize(
    ("domain", "text", "message"),
    [
        ("", "Geld", "leefgebied"),
        ("geen_domein", "Geld", "leefgebied"),
        (D.FINANCES, "   ", "doel"),
    ],
)
def test_goal_without_domain_or_text_is_refused(plan_case, member, domain, text, message):
    with pytest.raises(ValidationError, match=message):
        add_goal(case=plan_case, by=member, domain=domain, description=text)
    assert not Goal.objects.exists()


def test_move_up_and_down_swaps_with_the_neighbour(plan_case, member):
    geld = _add(plan_case, member, "Geld")
    _add(plan_case, member, "Wonen")
    werk = _add(plan_case, member, "Werk")
    move_goal(goal=werk, by=member, direction="up")
    assert _order(plan_case) == [("Geld", 1), ("Werk", 2), ("Wonen", 3)]
    move_goal(goal=geld, by=member, direction="down")
    assert _order(plan_case) == [("Werk", 1), ("Geld", 2), ("Wonen", 3)]
    assert AuditEvent.objects.filter(code="plan.goal.move").count() == 2


def test_moving_beyond_the_ends_is_refused(plan_case, member):
    first = _add(plan_case, member, "Geld")
    last = _add(plan_case, member, "Wonen")
    with pytest.raises(ValidationError, match="bovenaan"):
        move_goal(goal=first, by=member, direction="up")
    with pytest.raises(ValidationError, match="onderaan"):
        move_goal(goal=last, by=member, direction="down")
    with pytest.raises(ValidationError):
        move_goal(goal=last, by=member, direction="sideways")
    assert _order(plan_case) == [("Geld", 1), ("Wonen", 2)]


def test_edit_moves_the_goal_to_its_new_priority(plan_case, member):
    _add(plan_case, member, "Geld")
    _add(plan_case, member, "Wonen")
    werk = _add(plan_case, member, "Werk")
    update_goal(
        goal=werk, by=member, domain=D.WORK_EDUCATION, description="Betaald werk", priority=1
    )
    assert _order(plan_case) == [("Betaald werk", 1), ("Geld", 2), ("Wonen", 3)]
    event = AuditEvent.objects.get(code="plan.goal.update")
    assert set(event.detail["fields"]) == {"domain", "description", "priority"}


def test_dropping_a_goal_moves_it_behind_the_others_and_lapses_its_open_actions(plan_case, member):
    geld = _add(plan_case, member, "Geld")
    _add(plan_case, member, "Wonen")
    _add(plan_case, member, "Werk")
    open_action = ActionFactory(case=plan_case, goal=geld, created_by=member)
    done_action = ActionFactory(
        case=plan_case, goal=geld, created_by=member, status=ActionStatus.DONE
    )
    drop_goal(goal=geld, by=member)
    assert _order(plan_case) == [("Wonen", 1), ("Werk", 2), ("Geld", 3)]
    geld.refresh_from_db()
    assert geld.outcome == GoalOutcome.DROPPED
    open_action.refresh_from_db()
    done_action.refresh_from_db()
    assert open_action.status == ActionStatus.CANCELLED
    assert done_action.status == ActionStatus.DONE
    assert AuditEvent.objects.get(code="plan.goal.drop").detail == {"lapsed_actions": 1}


def test_dropped_goal_cannot_move_or_be_dropped_twice(plan_case, member):
    geld = _add(plan_case, member, "Geld")
    _add(plan_case, member, "Wonen")
    drop_goal(goal=geld, by=member)
    with pytest.raises(ValidationError):
        move_goal(goal=geld, by=member, direction="up")
    with pytest.raises(ValidationError, match="al vervallen"):
        drop_goal(goal=geld, by=member)


def test_new_goals_go_before_dropped_ones_and_a_restored_goal_comes_last(plan_case, member):
    geld = _add(plan_case, member, "Geld")
    _add(plan_case, member, "Wonen")
    drop_goal(goal=geld, by=member)
    _add(plan_case, member, "Werk")
    assert _order(plan_case) == [("Wonen", 1), ("Werk", 2), ("Geld", 3)]
    restore_goal(goal=geld, by=member)
    geld.refresh_from_db()
    assert geld.outcome == GoalOutcome.OPEN
    assert _order(plan_case) == [("Wonen", 1), ("Werk", 2), ("Geld", 3)]
    move_goal(goal=geld, by=member, direction="up")
    assert _order(plan_case) == [("Wonen", 1), ("Geld", 2), ("Werk", 3)]
    with pytest.raises(ValidationError, match="niet vervallen"):
        restore_goal(goal=geld, by=member)


def test_renumbering_repairs_gaps_left_by_others(plan_case, member):
    """Another step (closing) may set outcomes without renumbering; the next change
    here restores 1..n."""
    a = _add(plan_case, member, "Geld")
    b = _add(plan_case, member, "Wonen")
    Goal.objects.filter(pk=a.pk).update(priority=5)
    Goal.objects.filter(pk=b.pk).update(priority=9)
    _add(plan_case, member, "Werk")
    assert _order(plan_case) == [("Geld", 1), ("Wonen", 2), ("Werk", 3)]


@pytest.mark.security
def test_colleague_not_on_the_case_team_cannot_change_goals(plan_case, member, colleague):
    goal = _add(plan_case, member, "Geld")
    with pytest.raises(PermissionDenied):
        _add(plan_case, colleague, "Wonen")
    with pytest.raises(PermissionDenied):
        move_goal(goal=goal, by=colleague, direction="down")
    assert Goal.objects.count() == 1


@pytest.mark.security
@pytest.mark.parametrize("status", [CaseStatus.CLOSED, CaseStatus.INTAKE])
def test_goals_cannot_change_on_a_closed_case_or_before_the_plan_step(plan_case, member, status):
    goal = _add(plan_case, member, "Geld")
    plan_case.status = status
    plan_case.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        _add(plan_case, member, "Wonen")
    with pytest.raises(ValidationError):
        update_goal(goal=goal, by=member, domain=D.FINANCES, description="Anders")
    with pytest.raises(ValidationError):
        drop_goal(goal=goal, by=member)
    goal.refresh_from_db()
    assert goal.description == "Geld" and goal.outcome == GoalOutcome.OPEN


@pytest.mark.parametrize("status", [CaseStatus.IN_PROGRESS, CaseStatus.CLOSING])
def test_goals_stay_editable_while_the_case_runs(plan_case, member, status):
    plan_case.status = status
    plan_case.save(update_fields=["status"])
    _add(plan_case, member, "Geld")
    assert Goal.objects.count() == 1
