"""Recording the outcome of a follow-up call, and handing it over or moving it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus
from opkoers.meetings.models import FollowUpAttempt, FollowUpStatus
from opkoers.meetings.services import change_follow_up, record_follow_up_outcome
from opkoers.meetings.tests.conftest import set_status
from opkoers.meetings.tests.factories import FollowUpCallFactory


@pytest.fixture
def call(running_case, member):
    return FollowUpCallFactory(case=running_case, assigned_to=member)


def test_reached_closes_the_call_with_its_outcome(call, member):
    record_follow_up_outcome(call=call, by=member, reached=True, outcome="Gaat goed, post geopend.")
    call.refresh_from_db()
    assert call.status == FollowUpStatus.DONE
    assert call.outcome == "Gaat goed, post geopend."
    assert call.done_by == member and call.done_at is not None
    attempt = FollowUpAttempt.objects.get(call=call)
    assert attempt.reached and attempt.by == member
    assert AuditEvent.objects.get(code="meetings.followup.outcome").detail["reached"] is True


def test_reached_needs_an_outcome(call, member):
    with pytest.raises(ValidationError) as exc:
        record_follow_up_outcome(call=call, by=member, reached=True, outcome="  ")
    assert exc.value.code == "outcome_required"
    assert not FollowUpAttempt.objects.exists()


def test_reached_with_a_new_date_is_refused(call, member):
    with pytest.raises(ValidationError):
        record_follow_up_outcome(
            call=call,
            by=member,
            reached=True,
            outcome="Bereikt",
            next_due=timezone.localdate() + dt.timedelta(days=1),
        )


def test_not_reached_with_a_new_date_keeps_the_call_open(call, member):
    new_date = timezone.localdate() + dt.timedelta(days=2)
    record_follow_up_outcome(
        call=call, by=member, reached=False, outcome="Voicemail ingesproken.", next_due=new_date
    )
    call.refresh_from_db()
    assert call.status == FollowUpStatus.OPEN
    assert call.due_date == new_date
    assert call.done_at is None
    attempt = FollowUpAttempt.objects.get(call=call)
    assert not attempt.reached and attempt.note == "Voicemail ingesproken."
    # A second try that reaches the resident closes it; both attempts remain.
    record_follow_up_outcome(call=call, by=member, reached=True, outcome="Alles op schema.")
    call.refresh_from_db()
    assert call.status == FollowUpStatus.DONE
    assert FollowUpAttempt.objects.filter(call=call).count() == 2


def test_not_reached_without_a_new_date_closes_as_not_reached(call, member):
    record_follow_up_outcome(call=call, by=member, reached=False, outcome="Drie keer geprobeerd.")
    call.refresh_from_db()
    assert call.status == FollowUpStatus.NOT_REACHED
    assert call.done_at is not None


def test_new_date_in_the_past_is_refused(call, member):
    with pytest.raises(ValidationError) as exc:
        record_follow_up_outcome(
            call=call,
            by=member,
            reached=False,
            outcome="",
            next_due=timezone.localdate() - dt.timedelta(days=1),
        )
    assert exc.value.code == "past"


def test_a_handled_call_is_not_handled_again(call, member):
    record_follow_up_outcome(call=call, by=member, reached=True, outcome="Bereikt.")
    with pytest.raises(ValidationError) as exc:
        record_follow_up_outcome(call=call, by=member, reached=True, outcome="Nog eens.")
    assert exc.value.code == "not_open"
    assert FollowUpAttempt.objects.count() == 1


def test_outcome_refused_on_closed_case(call, member, running_case):
    set_status(running_case, CaseStatus.CLOSED)
    with pytest.raises(ValidationError):
        record_follow_up_outcome(call=call, by=member, reached=True, outcome="Bereikt.")
    call.refresh_from_db()
    assert call.status == FollowUpStatus.OPEN


def test_colleague_not_at_the_table_may_not_record(call, colleague):
    with pytest.raises(PermissionDenied):
        record_follow_up_outcome(call=call, by=colleague, reached=True, outcome="Bereikt.")


def test_backup_takes_over_and_records(call, member, debt_worker):
    later = timezone.localdate() + dt.timedelta(days=1)
    change_follow_up(call=call, by=member, assigned_to=debt_worker, due_date=later)
    call.refresh_from_db()
    assert call.assigned_to == debt_worker and call.due_date == later
    event = AuditEvent.objects.get(code="meetings.followup.change")
    assert set(event.detail["changed"]) == {"assigned_to", "due_date"}
    record_follow_up_outcome(call=call, by=debt_worker, reached=True, outcome="Bereikt.")
    call.refresh_from_db()
    assert call.done_by == debt_worker


def test_call_cannot_go_to_someone_away_from_the_table(call, member, colleague):
    with pytest.raises(ValidationError) as exc:
        change_follow_up(call=call, by=member, assigned_to=colleague, due_date=call.due_date)
    assert exc.value.code == "not_at_table"


def test_moving_the_call_into_the_past_is_refused_but_an_old_date_may_stay(
    running_case, member, debt_worker
):
    overdue = FollowUpCallFactory(
        case=running_case, assigned_to=member, due_date=timezone.localdate() - dt.timedelta(days=2)
    )
    with pytest.raises(ValidationError) as exc:
        change_follow_up(
            call=overdue,
            by=member,
            assigned_to=member,
            due_date=timezone.localdate() - dt.timedelta(days=1),
        )
    assert exc.value.code == "past"
    change_follow_up(call=overdue, by=member, assigned_to=debt_worker, due_date=overdue.due_date)
    overdue.refresh_from_db()
    assert overdue.assigned_to == debt_worker


def test_change_refused_on_closed_case_and_on_a_handled_call(call, member, running_case):
    record_follow_up_outcome(call=call, by=member, reached=True, outcome="Bereikt.")
    with pytest.raises(ValidationError):
        change_follow_up(call=call, by=member, assigned_to=member, due_date=call.due_date)
    other = FollowUpCallFactory(case=running_case, assigned_to=member)
    set_status(running_case, CaseStatus.CLOSED)
    with pytest.raises(ValidationError):
        change_follow_up(call=other, by=member, assigned_to=member, due_date=other.due_date)
