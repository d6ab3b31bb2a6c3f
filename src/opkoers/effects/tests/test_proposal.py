"""‘Voorstel uit het traject’: team time from held conversations, never counted twice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from opkoers.accounts.tests.factories import UserFactory
from opkoers.effects.models import PriceItem, Timeline, TimelineEntry
from opkoers.effects.services import propose_team_time
from opkoers.meetings.models import ConversationKind, ConversationStatus, ParticipantKind
from opkoers.meetings.tests.factories import ConversationFactory, ParticipantFactory


def held(case, professionals, kind=ConversationKind.FIRST):
    conversation = ConversationFactory(
        case=case, kind=kind, status=ConversationStatus.HELD, held_at=timezone.now()
    )
    for _ in range(professionals):
        ParticipantFactory(
            conversation=conversation,
            kind=ParticipantKind.PROFESSIONAL,
            user=UserFactory(),
            name="",
        )
    ParticipantFactory(conversation=conversation)  # the interpreter does not count
    return conversation


def test_team_time_per_held_conversation_once(case, member):
    rate = PriceItem.objects.get(name="Uur professional (teamtijd)").price
    held(case, 4)
    held(case, 2, ConversationKind.FOLLOW_UP)
    ConversationFactory(case=case)  # planned, not held: not counted
    assert propose_team_time(case=case, by=member) == 2
    entries = TimelineEntry.objects.filter(case=case).order_by("quantity")
    assert [e.quantity for e in entries] == [Decimal("3.00"), Decimal("6.00")]
    assert all(e.timeline == Timeline.INTERVENTION for e in entries)
    assert sum(e.amount for e in entries) == 9 * rate
    assert entries[1].description == "Eerste gesprek: 4 professionals × 1,5 uur"
    assert propose_team_time(case=case, by=member) == 0
    held(case, 1, ConversationKind.FOLLOW_UP)
    assert propose_team_time(case=case, by=member) == 1


def test_button_adds_and_says_so(client_for, member, case):
    held(case, 3)
    client = client_for(member)
    assert (
        "Teamtijd uit gesprekken toevoegen"
        in client.get(f"/trajecten/{case.pk}/effecten/").content.decode()
    )
    response = client.post(f"/trajecten/{case.pk}/effecten/voorstel/", follow=True)
    assert "1 post met teamtijd toegevoegd" in response.content.decode()
    response = client.post(f"/trajecten/{case.pk}/effecten/voorstel/", follow=True)
    assert "geen gehouden gesprekken die nog niet meetellen" in response.content.decode()
    assert TimelineEntry.objects.filter(case=case).count() == 1


@pytest.mark.security
def test_outsider_colleague_and_leader_cannot_propose(
    client_for, outsider, colleague, project_leader, case
):
    held(case, 3)
    url = f"/trajecten/{case.pk}/effecten/voorstel/"
    assert client_for(outsider).post(url).status_code == 404
    assert client_for(colleague).post(url).status_code == 403
    assert client_for(project_leader).post(url).status_code == 403
    assert not TimelineEntry.objects.exists()
