"""Who may see and change conversations and follow-up calls."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus
from opkoers.meetings.models import (
    Conversation,
    ConversationStatus,
    FollowUpAttempt,
    FollowUpCall,
    FollowUpStatus,
)
from opkoers.meetings.tests.conftest import planned, set_status
from opkoers.meetings.tests.factories import FollowUpCallFactory
from opkoers.meetings.tests.helpers import base_url, plan_data, record_data

pytestmark = pytest.mark.security


@pytest.fixture
def objects(running_case, member):
    upcoming = planned(running_case, member, scheduled_at=timezone.now() + dt.timedelta(days=2))
    call = FollowUpCallFactory(case=running_case, assigned_to=member)
    return upcoming, call


def read_urls(case, conversation, call):
    base = base_url(case)
    return [base, f"{base}nabellen/{call.pk}/"]


def form_urls(case, conversation, call):
    base = base_url(case)
    return [
        f"{base}plannen/",
        f"{base}{conversation.pk}/wijzigen/",
        f"{base}{conversation.pk}/annuleren/",
        f"{base}{conversation.pk}/vastleggen/",
    ]


def writes(case, conversation, call, member):
    base = base_url(case)
    return [
        (f"{base}plannen/", plan_data(member)),
        (f"{base}{conversation.pk}/wijzigen/", plan_data(member, location="Elders")),
        (f"{base}{conversation.pk}/annuleren/", {"reason": "x"}),
        (f"{base}{conversation.pk}/vastleggen/", record_data(member)),
        (f"{base}nabellen/{call.pk}/", {"result": "gebeld", "outcome": "Bereikt"}),
        (
            f"{base}nabellen/{call.pk}/wijzigen/",
            {"assigned_to": str(member.pk), "due_date": timezone.localdate().isoformat()},
        ),
    ]


def assert_nothing_changed(conversation, call):
    conversation.refresh_from_db()
    call.refresh_from_db()
    assert conversation.status == ConversationStatus.PLANNED
    assert conversation.location != "Elders"
    assert call.status == FollowUpStatus.OPEN
    assert Conversation.objects.count() == 1
    assert FollowUpCall.objects.count() == 1
    assert not FollowUpAttempt.objects.exists()


def test_outsider_gets_404_on_every_view(client_for, outsider, member, running_case, objects):
    conversation, call = objects
    client = client_for(outsider)
    for url in read_urls(running_case, conversation, call) + form_urls(
        running_case, conversation, call
    ):
        assert client.get(url).status_code == 404, url
    for url, data in writes(running_case, conversation, call, member):
        assert client.post(url, data).status_code == 404, url
    assert_nothing_changed(conversation, call)
    assert not AuditEvent.objects.filter(actor=outsider).exists()


def test_policy_staff_and_admin_get_404(
    client_for, policy_staff, functional_admin, member, running_case, objects
):
    conversation, call = objects
    for user in (policy_staff, functional_admin):
        client = client_for(user)
        for url in read_urls(running_case, conversation, call) + form_urls(
            running_case, conversation, call
        ):
            assert client.get(url).status_code == 404, url


def test_objects_of_another_case_are_404(client_for, member, running_case, other_team):
    from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory

    # Same member, two cases: the ids of one case's conversation under the other's URL.
    other_case = CaseFactory(team=running_case.team, status=CaseStatus.IN_PROGRESS)
    CaseTeamMemberFactory(case=other_case, user=member, is_contact_person=True)
    foreign = planned(other_case, member, scheduled_at=timezone.now() + dt.timedelta(days=1))
    foreign_call = FollowUpCallFactory(case=other_case, assigned_to=member)
    client = client_for(member)
    base = base_url(running_case)
    for url in [
        f"{base}{foreign.pk}/wijzigen/",
        f"{base}{foreign.pk}/annuleren/",
        f"{base}{foreign.pk}/vastleggen/",
        f"{base}nabellen/{foreign_call.pk}/",
    ]:
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login(client, running_case):
    response = client.get(base_url(running_case))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_closed_case_refuses_every_write(client_for, member, running_case, objects):
    conversation, call = objects
    set_status(running_case, CaseStatus.CLOSED)
    client = client_for(member)
    for url in read_urls(running_case, conversation, call):
        assert client.get(url).status_code == 200, url
    for url in form_urls(running_case, conversation, call):
        assert client.get(url).status_code == 403, url
    for url, data in writes(running_case, conversation, call, member):
        assert client.post(url, data).status_code == 403, url
    assert_nothing_changed(conversation, call)
    html = client.get(f"{base_url(running_case)}nabellen/{call.pk}/").content.decode()
    assert "Uitkomst opslaan" not in html


def test_project_leader_not_at_the_table_reads_but_may_not_write(
    client_for, project_leader, member, running_case, objects
):
    conversation, call = objects
    client = client_for(project_leader)
    for url in read_urls(running_case, conversation, call):
        assert client.get(url).status_code == 200, url
    for url in form_urls(running_case, conversation, call):
        assert client.get(url).status_code == 403, url
    for url, data in writes(running_case, conversation, call, member):
        assert client.post(url, data).status_code == 403, url
    assert_nothing_changed(conversation, call)


def test_every_page_with_personal_data_is_audited(client_for, member, running_case, objects):
    conversation, call = objects
    client = client_for(member)
    urls = read_urls(running_case, conversation, call) + form_urls(running_case, conversation, call)
    for url in urls:
        before = AuditEvent.objects.filter(case_id=running_case.pk, action="view").count()
        assert client.get(url).status_code == 200, url
        after = AuditEvent.objects.filter(case_id=running_case.pk, action="view").count()
        assert after == before + 1, url


def test_every_write_is_audited(client_for, member, running_case, objects):
    conversation, call = objects
    client = client_for(member)
    base = base_url(running_case)
    client.post(f"{base}{conversation.pk}/wijzigen/", plan_data(member, location="Elders"))
    client.post(f"{base}plannen/", plan_data(member))
    client.post(f"{base}{conversation.pk}/vastleggen/", record_data(member))
    client.post(
        f"{base}nabellen/{call.pk}/wijzigen/",
        {"assigned_to": str(member.pk), "due_date": timezone.localdate().isoformat()},
    )
    client.post(
        f"{base}nabellen/{call.pk}/",
        {"result": "gebeld", "outcome": "Bereikt", "submission_token": str(uuid.uuid4())},
    )
    other = Conversation.objects.filter(status=ConversationStatus.PLANNED).get()
    client.post(f"{base}{other.pk}/annuleren/", {"reason": ""})
    codes = set(
        AuditEvent.objects.filter(actor=member, action__in=["create", "update"]).values_list(
            "code", flat=True
        )
    )
    assert codes == {
        "meetings.conversation.update",
        "meetings.conversation.plan",
        "meetings.conversation.record",
        "meetings.followup.schedule",
        "meetings.followup.change",
        "meetings.followup.outcome",
        "meetings.conversation.cancel",
    }


def test_audit_detail_holds_no_personal_text(client_for, member, running_case, objects):
    conversation, _call = objects
    client_for(member).post(
        f"{base_url(running_case)}{conversation.pk}/vastleggen/", record_data(member)
    )
    for event in AuditEvent.objects.all():
        assert "deurwaarder" not in str(event.detail)
