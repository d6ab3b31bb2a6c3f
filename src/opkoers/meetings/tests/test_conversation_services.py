"""Planning, changing, cancelling and recording conversations, including every refusal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus, CaseTeamMember, CaseTransition
from opkoers.meetings.models import (
    Conversation,
    ConversationKind,
    ConversationStatus,
    FollowUpCall,
    ParticipantKind,
)
from opkoers.meetings.services import (
    NoContactPerson,
    Participants,
    cancel_conversation,
    plan_conversation,
    record_conversation,
    update_conversation,
    update_report,
)
from opkoers.meetings.tests.conftest import planned, set_status
from opkoers.meetings.tests.factories import ConversationFactory
from opkoers.residents.tests.factories import NetworkPersonFactory


def soon() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=2)


def last_friday_at_ten() -> dt.datetime:
    today = timezone.localdate()
    friday = today - dt.timedelta(days=(today.weekday() - 4) % 7 or 7)
    return timezone.make_aware(dt.datetime.combine(friday, dt.time(10, 0)))


def plan(case, by, participants, **kwargs):
    values = {
        "kind": ConversationKind.FOLLOW_UP,
        "mode": "fysiek",
        "scheduled_at": soon(),
        "location": "Gemeentehuis",
        "resident_agreed": True,
    }
    values.update(kwargs)
    return plan_conversation(case=case, by=by, participants=participants, **values)


def record(conversation, by, participants, **kwargs):
    values = {
        "held_at": timezone.now() - dt.timedelta(hours=1),
        "notes": "Kennismaking aan tafel.",
        "decisions": "Joost belt de schuldeisers.",
    }
    values.update(kwargs)
    return record_conversation(
        conversation=conversation, by=by, participants=participants, **values
    )


# --- planning ---------------------------------------------------------------------------


def test_plan_first_conversation_in_its_step(first_case, member, sister, at_table):
    participants = Participants(
        resident=True,
        network_person_ids=frozenset({sister.pk}),
        user_ids=frozenset({member.pk}),
        others=("Tolk Tigrinya",),
    )
    conversation = plan(first_case, member, participants, kind=ConversationKind.FIRST)
    assert conversation.status == ConversationStatus.PLANNED
    kinds = sorted(conversation.participants.values_list("kind", flat=True))
    assert kinds == sorted(["inwoner", "netwerk", "professional", "overig"])
    assert conversation.participants.get(kind=ParticipantKind.OTHER).name == "Tolk Tigrinya"
    event = AuditEvent.objects.get(code="meetings.conversation.plan")
    assert event.case_id == first_case.pk and event.actor == member


@pytest.mark.parametrize(
    "status", [CaseStatus.REGISTERED, CaseStatus.INTAKE, CaseStatus.PLAN, CaseStatus.IN_PROGRESS]
)
def test_first_conversation_refused_outside_its_step(case, member, at_table, status):
    set_status(case, status)
    with pytest.raises(ValidationError) as exc:
        plan(case, member, at_table, kind=ConversationKind.FIRST)
    assert exc.value.code == "kind_not_allowed"
    assert not Conversation.objects.exists()


def test_first_conversation_refused_when_one_was_held(first_case, member, at_table):
    planned(first_case, member, kind=ConversationKind.FIRST, status=ConversationStatus.HELD)
    with pytest.raises(ValidationError) as exc:
        plan(first_case, member, at_table, kind=ConversationKind.FIRST)
    assert exc.value.code == "first_held"


def test_second_planned_first_conversation_refused_but_cancelled_one_does_not_count(
    first_case, member, at_table
):
    planned(first_case, member, kind=ConversationKind.FIRST, status=ConversationStatus.CANCELLED)
    plan(first_case, member, at_table, kind=ConversationKind.FIRST)
    with pytest.raises(ValidationError) as exc:
        plan(first_case, member, at_table, kind=ConversationKind.FIRST)
    assert exc.value.code == "first_planned"


@pytest.mark.parametrize("status", [CaseStatus.PLAN, CaseStatus.IN_PROGRESS, CaseStatus.CLOSING])
def test_follow_up_allowed_while_the_plan_runs(case, member, at_table, status):
    set_status(case, status)
    assert plan(case, member, at_table).kind == ConversationKind.FOLLOW_UP


@pytest.mark.parametrize("status", [CaseStatus.INTAKE, CaseStatus.FIRST_CONVERSATION])
def test_follow_up_refused_before_the_first_conversation(case, member, at_table, status):
    set_status(case, status)
    with pytest.raises(ValidationError):
        plan(case, member, at_table)


def test_closing_conversation_only_once_the_plan_runs(case, member, at_table):
    set_status(case, CaseStatus.PLAN)
    with pytest.raises(ValidationError):
        plan(case, member, at_table, kind=ConversationKind.CLOSING)
    set_status(case, CaseStatus.IN_PROGRESS)
    assert plan(case, member, at_table, kind=ConversationKind.CLOSING).kind == "afsluitend"


def test_planning_in_the_past_is_refused(running_case, member, at_table):
    with pytest.raises(ValidationError) as exc:
        plan(running_case, member, at_table, scheduled_at=timezone.now() - dt.timedelta(hours=1))
    assert exc.value.code == "past"


def test_planning_for_this_very_minute_is_allowed(running_case, member, at_table):
    now = timezone.now()
    conversation = plan_conversation(
        case=running_case,
        by=member,
        kind=ConversationKind.FOLLOW_UP,
        mode="digitaal",
        scheduled_at=now.replace(second=0, microsecond=0),
        location="https://beeldbellen.example.org/abc",
        participants=at_table,
        resident_agreed=False,
        now=now,
    )
    assert conversation.resident_agreed is False


def test_unknown_mode_is_refused(running_case, member, at_table):
    with pytest.raises(ValidationError):
        plan(running_case, member, at_table, mode="telefoon")


def test_participants_must_come_from_the_network_and_case_team(
    running_case, member, colleague, at_table
):
    stranger = NetworkPersonFactory()  # someone else's network
    with pytest.raises(ValidationError) as exc:
        plan(running_case, member, Participants(network_person_ids=frozenset({stranger.pk})))
    assert exc.value.code == "unknown_participant"
    with pytest.raises(ValidationError):
        plan(running_case, member, Participants(user_ids=frozenset({colleague.pk})))
    with pytest.raises(ValidationError) as exc:
        plan(running_case, member, Participants())
    assert exc.value.code == "no_participants"
    with pytest.raises(ValidationError):
        plan(running_case, member, Participants(others=("x" * 201,)))
    assert not Conversation.objects.exists()


def test_closed_case_refuses_planning(case, member, at_table):
    set_status(case, CaseStatus.CLOSED)
    with pytest.raises(ValidationError) as exc:
        plan(case, member, at_table)
    assert exc.value.code == "closed"


def test_colleague_not_at_the_table_may_not_plan(running_case, colleague, at_table):
    with pytest.raises(PermissionDenied):
        plan(running_case, colleague, at_table)


def test_backup_may_plan(running_case, member, debt_worker, at_table):
    CaseTeamMember.objects.filter(user=debt_worker).delete()  # backup only, not a member
    assert plan(running_case, debt_worker, at_table).planned_by == debt_worker


# --- changing and cancelling ----------------------------------------------------------------


def test_update_changes_moment_and_participants(running_case, member, sister, at_table):
    conversation = plan(running_case, member, at_table, resident_agreed=False)
    new_moment = soon() + dt.timedelta(days=1)
    update_conversation(
        conversation=conversation,
        by=member,
        kind=ConversationKind.FOLLOW_UP,
        mode="huisbezoek",
        scheduled_at=new_moment,
        location="Thuis bij de inwoner",
        participants=Participants(resident=True, network_person_ids=frozenset({sister.pk})),
        resident_agreed=True,
    )
    conversation.refresh_from_db()
    assert conversation.scheduled_at == new_moment and conversation.resident_agreed
    assert conversation.mode == "huisbezoek"
    assert sorted(conversation.participants.values_list("kind", flat=True)) == [
        "inwoner",
        "netwerk",
    ]
    event = AuditEvent.objects.get(code="meetings.conversation.update")
    assert set(event.detail["changed"]) == {
        "mode",
        "scheduled_at",
        "location",
        "resident_agreed",
    }


def test_update_keeps_an_unchanged_past_moment(running_case, member, at_table):
    conversation = planned(running_case, member)  # two hours ago, not yet recorded
    update_conversation(
        conversation=conversation,
        by=member,
        kind=conversation.kind,
        mode=conversation.mode,
        scheduled_at=conversation.scheduled_at,
        location="Andere kamer",
        participants=at_table,
        resident_agreed=True,
    )
    with pytest.raises(ValidationError) as exc:
        update_conversation(
            conversation=conversation,
            by=member,
            kind=conversation.kind,
            mode=conversation.mode,
            scheduled_at=conversation.scheduled_at - dt.timedelta(days=1),
            location="",
            participants=at_table,
            resident_agreed=True,
        )
    assert exc.value.code == "past"


def test_held_conversation_cannot_be_changed_or_cancelled(running_case, member, at_table):
    conversation = planned(running_case, member, status=ConversationStatus.HELD)
    with pytest.raises(ValidationError):
        update_conversation(
            conversation=conversation,
            by=member,
            kind=conversation.kind,
            mode=conversation.mode,
            scheduled_at=soon(),
            location="",
            participants=at_table,
            resident_agreed=True,
        )
    with pytest.raises(ValidationError):
        cancel_conversation(conversation=conversation, by=member)


def test_cancel_keeps_the_conversation_with_its_reason(running_case, member, at_table):
    conversation = plan(running_case, member, at_table)
    cancel_conversation(conversation=conversation, by=member, reason="De inwoner is ziek.")
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CANCELLED
    assert conversation.cancel_reason == "De inwoner is ziek."
    assert AuditEvent.objects.filter(code="meetings.conversation.cancel").count() == 1


def test_cancel_refused_on_closed_case(running_case, member, at_table):
    conversation = plan(running_case, member, at_table)
    set_status(running_case, CaseStatus.CLOSED)
    with pytest.raises(ValidationError):
        cancel_conversation(conversation=conversation, by=member)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.PLANNED


# --- recording --------------------------------------------------------------------------


def test_recording_the_first_conversation_moves_the_case_to_samen1plan(
    first_case, member, at_table
):
    conversation = planned(first_case, member, kind=ConversationKind.FIRST)
    record(conversation, member, at_table)
    first_case.refresh_from_db()
    conversation.refresh_from_db()
    assert first_case.status == CaseStatus.PLAN
    assert first_case.first_conversation_at is not None
    assert conversation.status == ConversationStatus.HELD
    assert conversation.notes == "Kennismaking aan tafel."
    transition = CaseTransition.objects.get(case=first_case, to_status=CaseStatus.PLAN)
    assert transition.from_status == CaseStatus.FIRST_CONVERSATION and transition.by == member
    assert AuditEvent.objects.filter(code="meetings.conversation.record").count() == 1


def test_recording_a_follow_up_does_not_move_the_case(running_case, member, at_table):
    record(planned(running_case, member), member, at_table)
    running_case.refresh_from_db()
    assert running_case.status == CaseStatus.IN_PROGRESS
    assert not CaseTransition.objects.filter(case=running_case).exists()


def test_recording_schedules_the_follow_up_call_three_working_days_later(
    running_case, member, at_table
):
    friday = last_friday_at_ten()
    conversation = planned(running_case, member, scheduled_at=friday)
    record(conversation, member, at_table, held_at=friday)
    call = FollowUpCall.objects.get(conversation=conversation)
    assert call.assigned_to == member  # the contact person
    assert call.due_date == friday.date() + dt.timedelta(days=5)  # the Wednesday after
    assert call.due_date.weekday() == 2
    assert call.status == "open" and call.case == running_case
    assert AuditEvent.objects.get(code="meetings.followup.schedule").detail["default"] is True


def test_follow_up_delay_comes_from_the_team(running_case, member, at_table):
    running_case.team.follow_up_working_days = 1
    running_case.team.save()
    friday = last_friday_at_ten()
    conversation = planned(running_case, member, scheduled_at=friday)
    record(conversation, member, at_table, held_at=friday)
    assert conversation.follow_up_call.due_date == friday.date() + dt.timedelta(days=3)  # Monday


def test_follow_up_due_date_is_adjustable_but_not_before_the_conversation(
    running_case, member, at_table
):
    conversation = planned(running_case, member)
    held = timezone.now() - dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        record(
            conversation,
            member,
            at_table,
            held_at=held,
            follow_up_due=timezone.localdate(held) - dt.timedelta(days=1),
        )
    assert exc.value.code == "due_before_conversation"
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.PLANNED  # nothing half-written
    chosen = timezone.localdate() + dt.timedelta(days=10)
    record(conversation, member, at_table, held_at=held, follow_up_due=chosen)
    assert FollowUpCall.objects.get().due_date == chosen


def test_recording_without_contact_person_is_refused_and_changes_nothing(
    first_case, member, at_table
):
    CaseTeamMember.objects.filter(case=first_case).update(is_contact_person=False)
    conversation = planned(first_case, member, kind=ConversationKind.FIRST)
    with pytest.raises(NoContactPerson) as exc:
        record(conversation, member, at_table)
    assert "contactpersoon" in exc.value.messages[0]
    assert "Casusteam" in exc.value.messages[0]
    conversation.refresh_from_db()
    first_case.refresh_from_db()
    assert conversation.status == ConversationStatus.PLANNED
    assert first_case.status == CaseStatus.FIRST_CONVERSATION
    assert not FollowUpCall.objects.exists()
    assert not AuditEvent.objects.filter(code__startswith="meetings.").exists()


def test_recording_may_be_in_the_past_but_not_in_the_future(running_case, member, at_table):
    conversation = planned(running_case, member)
    with pytest.raises(ValidationError) as exc:
        record(conversation, member, at_table, held_at=timezone.now() + dt.timedelta(hours=1))
    assert exc.value.code == "future"
    long_ago = timezone.now() - dt.timedelta(days=20)
    record(conversation, member, at_table, held_at=long_ago)
    conversation.refresh_from_db()
    assert conversation.held_at == long_ago


def test_a_conversation_planned_for_later_can_be_recorded_when_it_happened_earlier(
    running_case, member, at_table
):
    conversation = planned(running_case, member, scheduled_at=soon())
    record(conversation, member, at_table)
    assert Conversation.objects.get().status == ConversationStatus.HELD


def test_recording_needs_a_report(running_case, member, at_table):
    with pytest.raises(ValidationError) as exc:
        record(planned(running_case, member), member, at_table, notes=" ", decisions="")
    assert exc.value.code == "empty_report"


def test_recording_twice_is_refused_and_schedules_one_call(running_case, member, at_table):
    conversation = planned(running_case, member)
    record(conversation, member, at_table)
    with pytest.raises(ValidationError):
        record(conversation, member, at_table)
    assert FollowUpCall.objects.count() == 1


def test_cancelled_conversation_cannot_be_recorded(running_case, member, at_table):
    conversation = planned(running_case, member, status=ConversationStatus.CANCELLED)
    with pytest.raises(ValidationError):
        record(conversation, member, at_table)


def test_recording_refused_on_closed_case(running_case, member, at_table):
    conversation = planned(running_case, member)
    set_status(running_case, CaseStatus.CLOSED)
    with pytest.raises(ValidationError) as exc:
        record(conversation, member, at_table)
    assert exc.value.code == "closed"
    assert not FollowUpCall.objects.exists()


def test_recording_replaces_invited_with_who_actually_came(running_case, member, sister):
    conversation = planned(running_case, member)
    plan_participants = Participants(resident=True, network_person_ids=frozenset({sister.pk}))
    update_conversation(
        conversation=conversation,
        by=member,
        kind=conversation.kind,
        mode=conversation.mode,
        scheduled_at=conversation.scheduled_at,
        location="",
        participants=plan_participants,
        resident_agreed=True,
    )
    record(conversation, member, Participants(resident=True, others=("Tolk Arabisch",)))
    names = sorted(conversation.participants.values_list("kind", flat=True))
    assert names == ["inwoner", "overig"]


def test_update_report_corrects_a_held_conversation(running_case, member, at_table):
    conversation = planned(running_case, member)
    record(conversation, member, at_table)
    update_report(
        conversation=conversation,
        by=member,
        held_at=conversation.scheduled_at,
        participants=at_table,
        notes="Aangevuld verslag.",
        decisions="",
    )
    conversation.refresh_from_db()
    assert conversation.notes == "Aangevuld verslag."
    assert FollowUpCall.objects.count() == 1
    with pytest.raises(ValidationError):
        update_report(
            conversation=ConversationFactory(case=running_case, planned_by=member),
            by=member,
            held_at=timezone.now(),
            participants=at_table,
            notes="x",
            decisions="",
        )
