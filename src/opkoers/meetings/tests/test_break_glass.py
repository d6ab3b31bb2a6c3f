"""Break-glass shows the conversations and changes nothing (issue 11): planning,
changing, cancelling and recording conversations and follow-up calls are refused in the
view (403, audited as breakglass.refused) and in the service."""

import datetime as dt

import pytest
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.cases.access import BreakGlassRefused
from opkoers.cases.models import Case
from opkoers.meetings.models import (
    Conversation,
    ConversationParticipant,
    ConversationStatus,
    FollowUpAttempt,
    FollowUpCall,
)
from opkoers.meetings.services import (
    Participants,
    cancel_conversation,
    change_follow_up,
    plan_conversation,
    record_conversation,
    record_follow_up_outcome,
    update_conversation,
    update_report,
)
from opkoers.meetings.tests.conftest import planned
from opkoers.meetings.tests.factories import FollowUpCallFactory
from opkoers.meetings.tests.helpers import base_url, plan_data, record_data
from opkoers.privacy.services import open_break_glass as break_glass

pytestmark = pytest.mark.security

REASON = "Inwoner belt in paniek, contactpersoon is ziek"


@pytest.fixture
def objects(running_case, member):
    future = planned(running_case, member, scheduled_at=timezone.now() + dt.timedelta(days=2))
    held = planned(
        running_case,
        member,
        status=ConversationStatus.HELD,
        held_at=timezone.now() - dt.timedelta(days=1),
        notes="Verslag",
    )
    call = FollowUpCallFactory(case=running_case, conversation=held, assigned_to=member)
    return future, held, call


@pytest.fixture(params=["colleague", "uncovered"])
def emergency_user(request, running_case):
    """A colleague of the team who is not at the table, and a case-team member whose
    organisation the consent does not cover: both see the case only on break-glass."""
    user = request.getfixturevalue(request.param)
    break_glass(user=user, case=running_case, reason=REASON)
    return user


def _snapshot():
    models = (Case, Conversation, ConversationParticipant, FollowUpCall, FollowUpAttempt)
    return [list(model.objects.order_by("pk").values()) for model in models]


def test_break_glass_reads_the_conversations(client_for, emergency_user, running_case, objects):
    client = client_for(emergency_user)
    response = client.get(base_url(running_case))
    assert response.status_code == 200
    assert "Gesprek plannen" not in response.content.decode()
    _future, _held, call = objects
    page = client.get(f"{base_url(running_case)}nabellen/{call.pk}/")
    assert page.status_code == 200
    assert 'name="result"' not in page.content.decode()


def test_break_glass_cannot_post_anything_on_the_conversations(
    client_for, emergency_user, member, running_case, objects
):
    future, held, call = objects
    base = base_url(running_case)
    posts = [
        (f"{base}plannen/", plan_data(member)),
        (f"{base}{future.pk}/wijzigen/", plan_data(member)),
        (f"{base}{future.pk}/annuleren/", {"reason": "Ziek"}),
        (f"{base}{future.pk}/vastleggen/", record_data(member)),
        (f"{base}{held.pk}/vastleggen/", record_data(member)),
        (f"{base}nabellen/{call.pk}/", {"result": "bereikt", "outcome": "Goed gesprek."}),
        (
            f"{base}nabellen/{call.pk}/wijzigen/",
            {"assigned_to": str(member.pk), "due_date": timezone.localdate().isoformat()},
        ),
    ]
    client = client_for(emergency_user)
    before = _snapshot()
    refused = AuditEvent.objects.filter(code="breakglass.refused", actor=emergency_user)
    for number, (url, data) in enumerate(posts, start=1):
        assert client.post(url, data).status_code == 403, url
        assert refused.count() == number, url
    assert _snapshot() == before


def test_the_meetings_services_refuse_break_glass(emergency_user, member, running_case, objects):
    future, held, call = objects
    by = emergency_user
    at_table = Participants(resident=True, user_ids=frozenset({member.pk}))
    moment = timezone.now() + dt.timedelta(days=3)
    before = _snapshot()
    attempts = [
        lambda: plan_conversation(
            case=running_case,
            by=by,
            kind="vervolg",
            mode="fysiek",
            scheduled_at=moment,
            location="Gemeentehuis",
            participants=at_table,
            resident_agreed=True,
        ),
        lambda: update_conversation(
            conversation=future,
            by=by,
            kind="vervolg",
            mode="fysiek",
            scheduled_at=moment,
            location="Elders",
            participants=at_table,
            resident_agreed=True,
        ),
        lambda: cancel_conversation(conversation=future, by=by, reason="Ziek"),
        lambda: record_conversation(
            conversation=future,
            by=by,
            held_at=timezone.now() - dt.timedelta(hours=1),
            participants=at_table,
            notes="Verslag",
            decisions="Besluit",
        ),
        lambda: update_report(
            conversation=held,
            by=by,
            held_at=timezone.now() - dt.timedelta(days=1),
            participants=at_table,
            notes="Anders",
            decisions="Anders",
        ),
        lambda: record_follow_up_outcome(call=call, by=by, reached=True, outcome="Bereikt."),
        lambda: change_follow_up(
            call=call, by=by, assigned_to=member, due_date=timezone.localdate()
        ),
    ]
    for attempt in attempts:
        with pytest.raises(BreakGlassRefused):
            attempt()
    assert _snapshot() == before
