"""The plain-language summary: service, page, readability warning, conflicts, access."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.meetings.models import ConversationKind, ConversationStatus, ConversationSummary
from opkoers.meetings.services.summaries import save_summary
from opkoers.meetings.tests.conftest import planned
from opkoers.meetings.tests.helpers import base_url

PLAIN = {
    "discussed": "We spraken over de brieven van de bank.",
    "agreed": "U opent de post samen met uw zus.",
    "tasks": "U: de brieven bewaren in een map.\nMila: de bank bellen vóór vrijdag.",
    "next_appointment": "Dinsdag 10 uur, in het gemeentehuis.",
}


@pytest.fixture
def held(running_case, member):
    moment = timezone.now() - dt.timedelta(hours=3)
    return planned(
        running_case, member, status=ConversationStatus.HELD, scheduled_at=moment, held_at=moment
    )


def url(case, conversation):
    return f"{base_url(case)}{conversation.pk}/samenvatting/"


def save(conversation, by, version=0, **parts):
    return save_summary(conversation=conversation, by=by, version=version, **{**PLAIN, **parts})


def test_save_creates_then_updates_with_version_and_audit(held, member):
    first = save(held, member)
    assert (first.version, first.written_by, first.discussed) == (1, member, PLAIN["discussed"])
    second = save(held, member, version=1, agreed="Iets anders.")
    assert second.pk == first.pk and second.version == 2
    codes = AuditEvent.objects.filter(code="meetings.summary.save").values_list("action", flat=True)
    assert sorted(codes) == ["create", "update"]
    # The professionals' report is untouched.
    held.refresh_from_db()
    assert held.notes != PLAIN["discussed"]


def test_stale_version_is_a_conflict(held, member, debt_worker):
    save(held, member)
    with pytest.raises(ValidationError) as exc:
        save(held, debt_worker, version=0, agreed="Mijn versie.")
    assert exc.value.code == "conflict"
    assert ConversationSummary.objects.get().agreed == PLAIN["agreed"]


def test_double_submit_saves_once(held, member):
    save(held, member)
    again = save(held, member, version=0)
    assert again.version == 1
    assert ConversationSummary.objects.count() == 1
    assert AuditEvent.objects.filter(code="meetings.summary.save").count() == 1


@pytest.mark.parametrize(
    ("status", "parts", "code"),
    [
        (ConversationStatus.PLANNED, {}, "not_held"),
        (ConversationStatus.HELD, dict.fromkeys(PLAIN, " "), "empty"),
        (ConversationStatus.HELD, {"tasks": "a" * 4001}, "too_long"),
    ],
)
def test_refusals(running_case, member, status, parts, code):
    conversation = planned(running_case, member, status=status)
    with pytest.raises(ValidationError) as exc:
        save(conversation, member, **parts)
    assert exc.value.code == code


@pytest.mark.security
def test_someone_not_at_the_table_cannot_save(held, colleague):
    with pytest.raises(Exception):  # noqa: B017 - cases.access raises its own refusal
        save(held, colleague)
    assert not ConversationSummary.objects.exists()


def test_plain_text_saves_at_once(client_for, member, running_case, held):
    client = client_for(member)
    response = client.post(url(running_case, held), {**PLAIN, "version": 0, "action": "save"})
    assert response.status_code == 302
    assert ConversationSummary.objects.get().tasks == PLAIN["tasks"]
    page = client.get(base_url(running_case)).content.decode()
    assert "Samenvatting voor de inwoner" in page and "de bank bellen" in page


def test_readability_warning_then_toch_opslaan(client_for, member, running_case, held):
    client = client_for(member)
    data = {**PLAIN, "agreed": "We starten een traject i.v.m. de ZRM.", "version": 0}
    response = client.post(url(running_case, held), {**data, "action": "save"})
    body = response.content.decode()
    assert response.status_code == 200
    assert not ConversationSummary.objects.exists()
    assert "Is de tekst makkelijk genoeg?" in body and "Toch opslaan" in body
    assert "We starten een traject i.v.m. de ZRM." in body  # nothing typed is lost
    assert "Zeg liever: omdat." in body
    response = client.post(url(running_case, held), {**data, "action": "confirm"})
    assert response.status_code == 302
    assert ConversationSummary.objects.get().agreed == data["agreed"]


def test_conflict_keeps_the_typed_text(client_for, member, debt_worker, running_case, held):
    save(held, debt_worker)
    mine = {**PLAIN, "agreed": "Mijn eigen tekst.", "version": 0, "action": "confirm"}
    response = client_for(member).post(url(running_case, held), mine)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft deze samenvatting net opgeslagen" in body
    assert "Mijn eigen tekst." in body
    assert ConversationSummary.objects.get().agreed == PLAIN["agreed"]


def test_starting_text_fills_only_empty_parts(client_for, member, running_case, held):
    data = {"discussed": "Mijn eigen begin.", "agreed": "", "tasks": "", "next_appointment": ""}
    response = client_for(member).post(
        url(running_case, held), {**data, "version": 0, "action": "template"}
    )
    body = response.content.decode()
    assert "Mijn eigen begin." in body
    assert "We hebben afgesproken dat" in body  # the follow-up conversation's template
    assert not ConversationSummary.objects.exists()


def test_closing_conversation_gets_its_own_starting_text(client_for, member, running_case):
    moment = timezone.now() - dt.timedelta(hours=3)
    closing = planned(
        running_case,
        member,
        kind=ConversationKind.CLOSING,
        status=ConversationStatus.HELD,
        scheduled_at=moment,
        held_at=moment,
    )
    response = client_for(member).post(
        url(running_case, closing), {"version": 0, "action": "template"}
    )
    assert "We stoppen met de hulp van ons team" in response.content.decode()


def test_planned_conversation_redirects(client_for, member, running_case):
    conversation = planned(running_case, member)
    response = client_for(member).get(url(running_case, conversation))
    assert response.status_code == 302


def test_bad_version_is_a_form_error(client_for, member, running_case, held):
    response = client_for(member).post(url(running_case, held), {**PLAIN, "version": "x"})
    assert response.status_code == 200
    assert not ConversationSummary.objects.exists()


@pytest.mark.security
@pytest.mark.parametrize("who", ["outsider", "colleague", "policy_staff"])
def test_others_cannot_open_or_write(request, client_for, running_case, held, who):
    client = client_for(request.getfixturevalue(who))
    for response in (
        client.get(url(running_case, held)),
        client.post(url(running_case, held), {**PLAIN, "version": 0, "action": "confirm"}),
    ):
        assert response.status_code in (403, 404)
    assert not ConversationSummary.objects.exists()


@pytest.mark.security
def test_reading_the_form_is_audited(client_for, member, running_case, held):
    client_for(member).get(url(running_case, held))
    assert AuditEvent.objects.filter(code="meetings.summary.form").count() == 1


@pytest.mark.parametrize("size", [1, 15])
def test_summary_page_query_count(
    client_for, member, running_case, size, django_assert_num_queries
):
    moment = timezone.now() - dt.timedelta(days=1)
    for n in range(size):
        other = planned(
            running_case,
            member,
            status=ConversationStatus.HELD,
            scheduled_at=moment - dt.timedelta(days=n + 1),
            held_at=moment - dt.timedelta(days=n + 1),
        )
        save(other, member)
    held = planned(
        running_case, member, status=ConversationStatus.HELD, scheduled_at=moment, held_at=moment
    )
    save(held, member)
    client = client_for(member)
    with django_assert_num_queries(11):
        assert client.get(url(running_case, held)).status_code == 200
    # The list shows every summary by a join: the same count as without summaries.
    with django_assert_num_queries(13):
        assert client.get(base_url(running_case)).status_code == 200
