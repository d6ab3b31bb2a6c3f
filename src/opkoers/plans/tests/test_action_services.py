"""Actions: owners must belong to this case, statuses move freely, completion is stamped."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus
from opkoers.core.models import LifeDomain
from opkoers.plans.models import Action, ActionStatus, OwnerKind
from opkoers.plans.services import (
    add_action,
    add_goal,
    drop_goal,
    set_action_status,
    update_action,
)
from opkoers.residents.tests.factories import NetworkPersonFactory


@pytest.fixture
def goal(plan_case, member):
    return add_goal(
        case=plan_case, by=member, domain=LifeDomain.FINANCES, description="Rust over geld"
    )


def test_action_for_the_resident(plan_case, member, goal):
    action = add_action(
        case=plan_case,
        by=member,
        description="  Alle post in één map doen ",
        owner_kind=OwnerKind.RESIDENT,
        goal=goal,
        due_date=datetime.date(2030, 5, 1),
    )
    assert action.description == "Alle post in één map doen"
    assert action.status == ActionStatus.TODO and action.created_by == member
    event = AuditEvent.objects.get(code="plan.action.create")
    assert event.detail == {"owner_kind": "inwoner", "has_due_date": True}


def test_action_for_a_network_person_and_a_professional(plan_case, member, sister, debt_worker):
    by_sister = add_action(
        case=plan_case,
        by=member,
        description="Meegaan naar de bank",
        owner_kind=OwnerKind.NETWORK,
        owner_network_person=sister,
    )
    by_pro = add_action(
        case=plan_case,
        by=debt_worker,
        description="Schuldeisers aanschrijven",
        owner_kind=OwnerKind.PROFESSIONAL,
        owner_user=debt_worker,
    )
    assert by_sister.owner_network_person == sister and by_sister.goal is None
    assert by_pro.owner_user == debt_worker and by_pro.created_by == debt_worker


@pytest.mark.security
def test_network_person_of_another_resident_is_refused(plan_case, member):
    stranger = NetworkPersonFactory(name="Iemand Anders")
    with pytest.raises(ValidationError, match="netwerk van deze inwoner"):
        add_action(
            case=plan_case,
            by=member,
            description="Iets",
            owner_kind=OwnerKind.NETWORK,
            owner_network_person=stranger,
        )
    assert not Action.objects.exists()


@pytest.mark.security
def test_professional_not_on_the_case_team_is_refused(plan_case, member, colleague):
    with pytest.raises(ValidationError, match="casusteam"):
        add_action(
            case=plan_case,
            by=member,
            description="Iets",
            owner_kind=OwnerKind.PROFESSIONAL,
            owner_user=colleague,
        )
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("kind", "with_user", "with_person"),
    [
        (OwnerKind.RESIDENT, True, False),
        (OwnerKind.NETWORK, False, False),
        (OwnerKind.NETWORK, True, True),
        (OwnerKind.PROFESSIONAL, False, False),
        (OwnerKind.PROFESSIONAL, True, True),
        ("onbekend", False, False),
    ],
)
def test_owner_that_does_not_match_its_kind_is_refused(
    plan_case, member, sister, kind, with_user, with_person
):
    with pytest.raises(ValidationError):
        add_action(
            case=plan_case,
            by=member,
            description="Iets",
            owner_kind=kind,
            owner_user=member if with_user else None,
            owner_network_person=sister if with_person else None,
        )
    assert not Action.objects.exists()


def test_empty_description_is_refused(plan_case, member):
    with pytest.raises(ValidationError, match="Beschrijf"):
        add_action(case=plan_case, by=member, description="  ", owner_kind=OwnerKind.RESIDENT)


def test_goal_of_another_case_or_a_dropped_goal_is_refused(plan_case, member, goal, team):
    from opkoers.plans.tests.factories import GoalFactory

    foreign = GoalFactory()
    with pytest.raises(ValidationError, match="traject"):
        add_action(
            case=plan_case,
            by=member,
            description="Iets",
            owner_kind=OwnerKind.RESIDENT,
            goal=foreign,
        )
    drop_goal(goal=goal, by=member)
    goal.refresh_from_db()
    with pytest.raises(ValidationError, match="vervallen"):
        add_action(
            case=plan_case, by=member, description="Iets", owner_kind=OwnerKind.RESIDENT, goal=goal
        )


@pytest.mark.security
def test_only_the_case_team_adds_actions(plan_case, colleague, outsider, project_leader):
    for user in (colleague, outsider, project_leader):
        with pytest.raises(PermissionDenied):
            add_action(case=plan_case, by=user, description="Iets", owner_kind=OwnerKind.RESIDENT)
    assert not Action.objects.exists()


@pytest.mark.security
def test_closed_case_refuses_new_actions_and_status_changes(plan_case, member):
    action = add_action(
        case=plan_case, by=member, description="Iets", owner_kind=OwnerKind.RESIDENT
    )
    plan_case.status = CaseStatus.CLOSED
    plan_case.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="afgesloten"):
        add_action(case=plan_case, by=member, description="Nog iets", owner_kind="inwoner")
    with pytest.raises(ValidationError, match="afgesloten"):
        set_action_status(action=action, by=member, status=ActionStatus.DONE)
    action.refresh_from_db()
    assert action.status == ActionStatus.TODO and Action.objects.count() == 1


def test_completing_stamps_the_moment_and_reopening_clears_it(plan_case, member):
    action = add_action(
        case=plan_case, by=member, description="Iets", owner_kind=OwnerKind.RESIDENT
    )
    set_action_status(action=action, by=member, status=ActionStatus.DOING)
    action.refresh_from_db()
    assert action.status == ActionStatus.DOING and action.completed_at is None
    set_action_status(action=action, by=member, status=ActionStatus.DONE)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_at is not None
    set_action_status(action=action, by=member, status=ActionStatus.TODO)
    action.refresh_from_db()
    assert action.status == ActionStatus.TODO and action.completed_at is None
    set_action_status(action=action, by=member, status=ActionStatus.DONE)
    set_action_status(action=action, by=member, status=ActionStatus.CANCELLED)
    action.refresh_from_db()
    assert action.status == ActionStatus.CANCELLED and action.completed_at is None
    trail = [
        (e.detail["from"], e.detail["to"])
        for e in AuditEvent.objects.filter(code="plan.action.status").order_by("id")
    ]
    assert trail == [
        ("te_doen", "mee_bezig"),
        ("mee_bezig", "afgerond"),
        ("afgerond", "te_doen"),
        ("te_doen", "afgerond"),
        ("afgerond", "vervallen"),
    ]


def test_same_status_again_changes_nothing(plan_case, member):
    action = add_action(
        case=plan_case, by=member, description="Iets", owner_kind=OwnerKind.RESIDENT
    )
    set_action_status(action=action, by=member, status=ActionStatus.TODO)
    assert not AuditEvent.objects.filter(code="plan.action.status").exists()


def test_unknown_status_is_refused(plan_case, member):
    action = add_action(
        case=plan_case, by=member, description="Iets", owner_kind=OwnerKind.RESIDENT
    )
    with pytest.raises(ValidationError, match="status"):
        set_action_status(action=action, by=member, status="klaar-ish")


def test_edit_action_changes_owner_goal_and_date(plan_case, member, goal, debt_worker):
    action = add_action(
        case=plan_case, by=member, description="Iets", owner_kind=OwnerKind.RESIDENT
    )
    update_action(
        action=action,
        by=member,
        description="Afspraak maken bij de schuldhulp",
        owner_kind=OwnerKind.PROFESSIONAL,
        owner_user=debt_worker,
        goal=goal,
        due_date=datetime.date(2030, 1, 31),
    )
    action.refresh_from_db()
    assert action.owner_user == debt_worker and action.goal == goal
    assert action.due_date == datetime.date(2030, 1, 31)
    event = AuditEvent.objects.get(code="plan.action.update")
    assert set(event.detail["fields"]) == {
        "description",
        "owner_kind",
        "owner_user",
        "goal",
        "due_date",
    }


def test_edit_may_keep_the_dropped_goal_an_action_already_had(plan_case, member, goal):
    action = add_action(
        case=plan_case, by=member, description="Iets", owner_kind=OwnerKind.RESIDENT, goal=goal
    )
    drop_goal(goal=goal, by=member)
    goal.refresh_from_db()
    update_action(
        action=action, by=member, description="Iets anders", owner_kind="inwoner", goal=goal
    )
    action.refresh_from_db()
    assert action.description == "Iets anders" and action.goal == goal


@pytest.mark.security
def test_edit_refuses_an_owner_from_outside_the_case(plan_case, member):
    action = add_action(
        case=plan_case, by=member, description="Iets", owner_kind=OwnerKind.RESIDENT
    )
    stranger = UserFactory()
    with pytest.raises(ValidationError):
        update_action(
            action=action,
            by=member,
            description="Iets",
            owner_kind=OwnerKind.PROFESSIONAL,
            owner_user=stranger,
        )
    action.refresh_from_db()
    assert action.owner_kind == OwnerKind.RESIDENT
