"""The state machine: every allowed transition and the refused ones."""

import pytest

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus, CaseTransition
from opkoers.cases.services.transitions import ALLOWED, TransitionError, transition
from opkoers.cases.tests.factories import CaseFactory

S = CaseStatus
ALL = list(S)


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [(f, t) for f, targets in ALLOWED.items() for t in sorted(targets)],
)
def test_allowed_transitions_move_the_case_and_leave_a_trail(db, member, from_status, to_status):
    case = CaseFactory(status=from_status)
    transition(case=case, to_status=to_status, by=member, reason="Reden voor de stap")
    case.refresh_from_db()
    assert case.status == to_status
    step = CaseTransition.objects.get(case=case)
    assert (step.from_status, step.to_status, step.by) == (from_status, to_status, member)
    assert AuditEvent.objects.filter(case_id=case.pk, code="case.transition").count() == 1


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [(f, t) for f in ALL for t in ALL if t not in ALLOWED.get(f, set())],
)
def test_refused_transitions_change_nothing(db, member, from_status, to_status):
    case = CaseFactory(status=from_status)
    with pytest.raises(TransitionError):
        transition(case=case, to_status=to_status, by=member, reason="x")
    case.refresh_from_db()
    assert case.status == from_status
    assert not CaseTransition.objects.filter(case=case).exists()
    assert not AuditEvent.objects.filter(case_id=case.pk).exists()


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [(S.REGISTERED, S.CLOSED), (S.INTAKE, S.CLOSED), (S.CLOSED, S.IN_PROGRESS)],
)
def test_stopping_early_and_reopening_need_a_reason(db, member, from_status, to_status):
    case = CaseFactory(status=from_status)
    with pytest.raises(TransitionError, match="reden"):
        transition(case=case, to_status=to_status, by=member, reason="   ")
    case.refresh_from_db()
    assert case.status == from_status


def test_milestones_are_set_once_and_reopening_clears_closed_at(db, member):
    case = CaseFactory(status=S.INTAKE)
    transition(case=case, to_status=S.FIRST_CONVERSATION, by=member)
    transition(case=case, to_status=S.PLAN, by=member)
    transition(case=case, to_status=S.IN_PROGRESS, by=member)
    transition(case=case, to_status=S.CLOSING, by=member)
    transition(case=case, to_status=S.CLOSED, by=member)
    case.refresh_from_db()
    assert case.intake_completed_at and case.first_conversation_at and case.plan_agreed_at
    assert case.closed_at is not None
    first_plan = case.plan_agreed_at
    transition(case=case, to_status=S.IN_PROGRESS, by=member, reason="Nieuwe vraag")
    case.refresh_from_db()
    assert case.closed_at is None
    assert case.plan_agreed_at == first_plan
