"""Query counts of the conversations pages do not grow with the case's history."""

import datetime as dt

import pytest
from django.utils import timezone

from opkoers.cases.tests.factories import CaseTeamMemberFactory
from opkoers.meetings import selectors
from opkoers.meetings.models import ConversationStatus, FollowUpAttempt
from opkoers.meetings.tests.conftest import planned
from opkoers.meetings.tests.factories import FollowUpCallFactory, ParticipantFactory
from opkoers.meetings.tests.helpers import base_url
from opkoers.residents.tests.factories import CommunicationNeedFactory, NetworkPersonFactory


def history(case, member, size):
    for _ in range(size):
        NetworkPersonFactory(resident=case.resident)
        CaseTeamMemberFactory(case=case)
    CommunicationNeedFactory(resident=case.resident)
    for n in range(size):
        held = timezone.now() - dt.timedelta(days=14 * (n + 1))
        conversation = planned(
            case, member, status=ConversationStatus.HELD, scheduled_at=held, held_at=held
        )
        ParticipantFactory(conversation=conversation, kind="inwoner", name="")
        ParticipantFactory(conversation=conversation, kind="professional", user=member, name="")
        ParticipantFactory(conversation=conversation, name=f"Tolk {n}")
        call = FollowUpCallFactory(case=case, conversation=conversation, assigned_to=member)
        FollowUpAttempt.objects.create(call=call, at=held, by=member, reached=False)
    planned(case, member, scheduled_at=timezone.now() + dt.timedelta(days=3))


@pytest.mark.parametrize("size", [1, 15])
def test_conversations_page_query_count(
    client_for, member, running_case, size, django_assert_num_queries
):
    history(running_case, member, size)
    client = client_for(member)
    with django_assert_num_queries(14):
        response = client.get(base_url(running_case))
    assert response.status_code == 200
    assert response.content.decode().count('class="ok-card ok-conversation') == size + 1


@pytest.mark.parametrize("size", [1, 15])
def test_form_pages_query_count(client_for, member, running_case, size, django_assert_num_queries):
    history(running_case, member, size)
    conversation = planned(
        running_case, member, scheduled_at=timezone.now() - dt.timedelta(hours=1)
    )
    call = FollowUpCallFactory(case=running_case, assigned_to=member)
    client = client_for(member)
    base = base_url(running_case)
    for url, queries in [
        (f"{base}plannen/", 13),
        (f"{base}{conversation.pk}/wijzigen/", 14),
        (f"{base}{conversation.pk}/vastleggen/", 15),
        (f"{base}nabellen/{call.pk}/", 13),
    ]:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("size", [1, 15])
def test_case_section_is_two_queries(running_case, member, size, django_assert_num_queries):
    history(running_case, member, size)
    for _ in range(size):
        FollowUpCallFactory(case=running_case, assigned_to=member)
    with django_assert_num_queries(2):
        section = selectors.case_section(running_case)
    assert section.next_planned is not None and section.last_held is not None
    assert len(section.open_calls) == min(2 * size, selectors.SECTION_CALLS)
    assert section.more_calls == (2 * size > selectors.SECTION_CALLS)
