"""The conversations pages as a professional uses them, without JavaScript."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus, CaseTeamMember
from opkoers.meetings.models import (
    Conversation,
    ConversationKind,
    ConversationStatus,
    FollowUpAttempt,
    FollowUpCall,
    FollowUpStatus,
)
from opkoers.meetings.scheduling import add_working_days, next_working_day
from opkoers.meetings.tests.conftest import planned, set_status
from opkoers.meetings.tests.factories import FollowUpCallFactory, ParticipantFactory
from opkoers.meetings.tests.helpers import base_url, local_input, plan_data, record_data
from opkoers.residents.tests.factories import CommunicationNeedFactory


def page(response) -> str:
    return response.content.decode()


# --- the conversations page -----------------------------------------------------------------


def test_list_shows_every_conversation_newest_first_with_its_details(
    client_for, member, running_case, sister
):
    old = planned(
        running_case,
        member,
        status=ConversationStatus.HELD,
        scheduled_at=timezone.now() - dt.timedelta(days=20),
        held_at=timezone.now() - dt.timedelta(days=20),
        notes="Eerste kennismaking met de zus erbij.",
        decisions="Fatima helpt met de post.",
    )
    ParticipantFactory(conversation=old, kind="netwerk", network_person=sister, name="")
    FollowUpCallFactory(case=running_case, conversation=old, assigned_to=member)
    cancelled = planned(
        running_case,
        member,
        status=ConversationStatus.CANCELLED,
        scheduled_at=timezone.now() - dt.timedelta(days=5),
        cancel_reason="Inwoner ziek",
    )
    upcoming = planned(running_case, member, scheduled_at=timezone.now() + dt.timedelta(days=9))
    html = page(client_for(member).get(base_url(running_case)))
    positions = [html.index(f'id="gesprek-{c.pk}"') for c in (upcoming, cancelled, old)]
    assert positions == sorted(positions)
    assert "Eerste kennismaking met de zus erbij." in html
    assert "Fatima helpt met de post." in html
    assert "Fatima Amrani (zus)" in html
    assert "Inwoner ziek" in html
    assert "Vastleggen als gehouden" in html
    assert f"/gesprekken/{upcoming.pk}/wijzigen/" in html
    assert f"/gesprekken/{upcoming.pk}/annuleren/" in html
    assert "Nog niet afgestemd met de inwoner" in html
    assert "Nog nabellen" in html
    event = AuditEvent.objects.get(code="meetings.list")
    assert event.case_id == running_case.pk and event.actor == member


def test_list_offers_the_next_conversation_two_weeks_after_the_last(
    client_for, member, running_case
):
    held_at = timezone.now() - dt.timedelta(days=1)
    planned(running_case, member, status=ConversationStatus.HELD, held_at=held_at)
    html = page(client_for(member).get(base_url(running_case)))
    assert "Volgend gesprek plannen" in html
    assert f"{base_url(running_case)}plannen/?soort=vervolg" in html


def test_list_shows_communication_needs(client_for, member, running_case):
    CommunicationNeedFactory(resident=running_case.resident, kind="doof", detail="liplezen lukt")
    html = page(client_for(member).get(base_url(running_case)))
    assert "liplezen lukt" in html


def test_project_leader_reads_but_gets_no_buttons(client_for, project_leader, running_case, member):
    planned(running_case, member, scheduled_at=timezone.now() + dt.timedelta(days=2))
    response = client_for(project_leader).get(base_url(running_case))
    assert response.status_code == 200
    html = page(response)
    assert "U staat niet in het casusteam" in html
    assert "Vastleggen als gehouden" not in html and "plannen/" not in html


def test_closed_case_list_is_read_only(client_for, member, case):
    planned(case, member, scheduled_at=timezone.now() + dt.timedelta(days=2))
    set_status(case, CaseStatus.CLOSED)
    html = page(client_for(member).get(base_url(case)))
    assert "Dit traject is afgesloten" in html
    assert "Vastleggen als gehouden" not in html and "/wijzigen/" not in html


# --- planning ---------------------------------------------------------------------------


def test_plan_form_proposes_the_first_conversation_next_working_day(
    client_for, member, first_case, sister
):
    CommunicationNeedFactory(resident=first_case.resident, detail="Tigrinya")
    response = client_for(member).get(f"{base_url(first_case)}plannen/")
    assert response.status_code == 200
    html = page(response)
    expected = next_working_day(timezone.localdate()).isoformat() + "T10:00"
    assert f'value="{expected}"' in html
    assert 'value="eerste"' in html and 'value="vervolg"' not in html
    assert "Let op bij het plannen" in html and "Tigrinya" in html
    assert "Fatima Amrani (zus)" in html
    assert "De inwoner is akkoord met dit moment" in html
    assert AuditEvent.objects.filter(code="meetings.plan.form").count() == 1


def test_plan_form_proposes_follow_up_after_the_team_interval(client_for, member, running_case):
    running_case.team.next_conversation_days = 21
    running_case.team.save()
    held_at = timezone.localtime() - dt.timedelta(days=1)
    held_at = held_at.replace(hour=14, minute=30, second=0, microsecond=0)
    planned(running_case, member, status=ConversationStatus.HELD, held_at=held_at)
    html = page(client_for(member).get(f"{base_url(running_case)}plannen/?soort=vervolg"))
    proposal = held_at + dt.timedelta(days=21)
    while proposal.weekday() >= 5:
        proposal += dt.timedelta(days=1)
    assert f'value="{proposal.strftime("%Y-%m-%dT%H:%M")}"' in html


def test_plan_form_explains_when_no_conversation_can_be_planned(client_for, member, case):
    set_status(case, CaseStatus.INTAKE)
    response = client_for(member).get(f"{base_url(case)}plannen/")
    assert response.status_code == 200
    assert "wordt nog geen gesprek gepland" in page(response)
    assert '<form method="post" novalidate>' not in page(response)


def test_plan_creates_the_conversation_and_redirects(client_for, member, running_case, sister):
    data = plan_data(member, participants=["inwoner", f"netwerk:{sister.pk}", f"prof:{member.pk}"])
    response = client_for(member).post(f"{base_url(running_case)}plannen/", data)
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#gesprek-{conversation.pk}")
    assert conversation.resident_agreed is True
    assert conversation.location == "Gemeentehuis, kamer 12"
    assert conversation.participants.count() == 4  # resident, sister, member, interpreter


def test_double_submit_of_plan_creates_one_conversation(client_for, member, running_case):
    client = client_for(member)
    data = plan_data(member)
    first = client.post(f"{base_url(running_case)}plannen/", data)
    second = client.post(f"{base_url(running_case)}plannen/", data)
    assert Conversation.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


@pytest.mark.security
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Vul de datum en tijd in."),
        ("31-02-2026 25:00", "Vul een geldige datum en tijd in"),
        ("morgen", "Vul een geldige datum en tijd in"),
    ],
)
def test_plan_bad_date_rerenders_with_dutch_error_and_keeps_input(
    client_for, member, running_case, value, message
):
    data = plan_data(member, scheduled_at=value, location="Bibliotheek, zaal 3")
    response = client_for(member).post(f"{base_url(running_case)}plannen/", data)
    assert response.status_code == 200
    html = page(response)
    assert message in html
    assert "Bibliotheek, zaal 3" in html and "Tolk Tigrinya" in html
    assert 'aria-invalid="true"' in html
    assert not Conversation.objects.exists()


@pytest.mark.security
def test_plan_in_the_past_is_refused_next_to_the_date(client_for, member, running_case):
    data = plan_data(member, scheduled_at=local_input(timezone.now() - dt.timedelta(days=1)))
    response = client_for(member).post(f"{base_url(running_case)}plannen/", data)
    assert response.status_code == 200
    assert "Dit moment ligt in het verleden" in page(response)
    assert 'id="id_scheduled_at_error"' in page(response)
    assert not Conversation.objects.exists()


@pytest.mark.security
def test_plan_refuses_kind_and_participants_that_do_not_fit(client_for, member, running_case):
    client = client_for(member)
    response = client.post(f"{base_url(running_case)}plannen/", plan_data(member, kind="eerste"))
    assert response.status_code == 200
    assert "past niet bij de stap" in page(response)
    stranger = f"netwerk:{uuid.uuid4()}"
    response = client.post(
        f"{base_url(running_case)}plannen/",
        plan_data(member, participants=[stranger], other_participants=""),
    )
    assert "Kies deelnemers uit de lijst." in page(response)
    response = client.post(
        f"{base_url(running_case)}plannen/",
        plan_data(member, participants=[], other_participants=""),
    )
    assert "Kies wie er aan tafel zitten." in page(response)
    assert not Conversation.objects.exists()


def test_edit_prefills_and_saves(client_for, member, running_case):
    conversation = planned(
        running_case, member, scheduled_at=timezone.now() + dt.timedelta(days=2), location="Oud"
    )
    ParticipantFactory(conversation=conversation, name="Buurvrouw Anna")
    client = client_for(member)
    html = page(client.get(f"{base_url(running_case)}{conversation.pk}/wijzigen/"))
    assert 'value="Oud"' in html and "Buurvrouw Anna" in html
    response = client.post(
        f"{base_url(running_case)}{conversation.pk}/wijzigen/",
        plan_data(member, location="Nieuw", mode="digitaal"),
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.location == "Nieuw" and conversation.mode == "digitaal"


def test_edit_of_a_held_conversation_sends_back_to_the_list(client_for, member, running_case):
    conversation = planned(running_case, member, status=ConversationStatus.HELD)
    response = client_for(member).get(f"{base_url(running_case)}{conversation.pk}/wijzigen/")
    assert response.status_code == 302 and response["Location"] == base_url(running_case)


def test_cancel_asks_then_cancels(client_for, member, running_case):
    conversation = planned(running_case, member, scheduled_at=timezone.now() + dt.timedelta(days=1))
    client = client_for(member)
    url = f"{base_url(running_case)}{conversation.pk}/annuleren/"
    assert "Gesprek annuleren" in page(client.get(url))
    response = client.post(url, {"reason": "Inwoner is opgenomen."})
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CANCELLED
    assert conversation.cancel_reason == "Inwoner is opgenomen."


# --- recording --------------------------------------------------------------------------


def test_record_form_prefills_moment_participants_and_follow_up_day(client_for, member, first_case):
    conversation = planned(first_case, member, kind=ConversationKind.FIRST)
    ParticipantFactory(conversation=conversation, kind="inwoner", name="")
    html = page(client_for(member).get(f"{base_url(first_case)}{conversation.pk}/vastleggen/"))
    assert local_input(conversation.scheduled_at) in html
    assert 'value="inwoner" class="utrecht-checkbox utrecht-checkbox--html-input"' in html or (
        'value="inwoner"' in html and "checked" in html
    )
    assert "belt de inwoner na, standaard 3 werkdagen" in html
    assert "gaat het traject naar de stap Samen1plan" in html
    assert AuditEvent.objects.filter(code="meetings.record.form").count() == 1


def test_record_first_conversation_moves_case_and_offers_the_next(client_for, member, first_case):
    conversation = planned(first_case, member, kind=ConversationKind.FIRST)
    client = client_for(member)
    response = client.post(
        f"{base_url(first_case)}{conversation.pk}/vastleggen/", record_data(member)
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#volgend-gesprek")
    first_case.refresh_from_db()
    assert first_case.status == CaseStatus.PLAN
    call = FollowUpCall.objects.get()
    assert call.assigned_to == member
    assert call.due_date == timezone.localdate() + dt.timedelta(days=3)
    html = page(client.get(response["Location"]))
    assert "belt na op" in html and "Samen1plan" in html
    assert "Volgend gesprek plannen" in html
    assert "plannen/?soort=vervolg" in html


def test_follow_up_day_counts_from_the_day_the_conversation_really_was(
    client_for, member, first_case
):
    """The form proposes a call day for the proposed moment. Someone who corrects only
    the moment gets the default counted from the corrected day; a day they chose
    themselves is kept."""
    conversation = planned(first_case, member, kind=ConversationKind.FIRST)
    url = f"{base_url(first_case)}{conversation.pk}/vastleggen/"
    held = timezone.localtime() - dt.timedelta(days=7)
    proposal = add_working_days(timezone.localtime(conversation.scheduled_at).date(), 3)
    data = record_data(member, held_at=local_input(held), follow_up_due=proposal.isoformat())
    assert client_for(member).post(url, data).status_code == 302
    assert FollowUpCall.objects.get().due_date == add_working_days(held.date(), 3)


def test_a_chosen_follow_up_day_is_kept_when_the_moment_changes(client_for, member, first_case):
    conversation = planned(first_case, member, kind=ConversationKind.FIRST)
    url = f"{base_url(first_case)}{conversation.pk}/vastleggen/"
    held = timezone.localtime() - dt.timedelta(days=7)
    chosen = held.date() + dt.timedelta(days=1)
    data = record_data(member, held_at=local_input(held), follow_up_due=chosen.isoformat())
    assert client_for(member).post(url, data).status_code == 302
    assert FollowUpCall.objects.get().due_date == chosen


def test_double_submit_of_record_creates_one_call(client_for, member, first_case):
    conversation = planned(first_case, member, kind=ConversationKind.FIRST)
    client = client_for(member)
    data = record_data(member)
    url = f"{base_url(first_case)}{conversation.pk}/vastleggen/"
    first = client.post(url, data)
    second = client.post(url, data)
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert FollowUpCall.objects.count() == 1
    assert Conversation.objects.get().status == ConversationStatus.HELD


@pytest.mark.security
def test_record_without_contact_person_explains_and_keeps_input(client_for, member, first_case):
    CaseTeamMember.objects.filter(case=first_case).update(is_contact_person=False)
    conversation = planned(first_case, member, kind=ConversationKind.FIRST)
    client = client_for(member)
    url = f"{base_url(first_case)}{conversation.pk}/vastleggen/"
    assert "nog geen contactpersoon" in page(client.get(url))
    response = client.post(url, record_data(member))
    assert response.status_code == 200
    html = page(response)
    assert "Wijs eerst een contactpersoon aan op de pagina Casusteam" in html
    assert "Mevrouw vertelde over de brieven van de deurwaarder." in html
    assert not FollowUpCall.objects.exists()
    first_case.refresh_from_db()
    assert first_case.status == CaseStatus.FIRST_CONVERSATION


@pytest.mark.security
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("held_at", "", "Vul de datum en tijd in."),
        ("held_at", "2026-13-45T99:99", "Vul een geldige datum en tijd in"),
        ("follow_up_due", "", "Vul een datum in."),
        ("follow_up_due", "volgende week", "Vul een geldige datum in"),
    ],
)
def test_record_bad_input_rerenders_with_dutch_error_and_keeps_input(
    client_for, member, running_case, field, value, message
):
    conversation = planned(running_case, member)
    response = client_for(member).post(
        f"{base_url(running_case)}{conversation.pk}/vastleggen/",
        record_data(member, **{field: value}),
    )
    assert response.status_code == 200
    html = page(response)
    assert message in html
    assert "Mevrouw vertelde over de brieven van de deurwaarder." in html
    assert Conversation.objects.get().status == ConversationStatus.PLANNED


@pytest.mark.security
def test_record_in_the_future_and_empty_report_are_refused(client_for, member, running_case):
    conversation = planned(running_case, member)
    client = client_for(member)
    url = f"{base_url(running_case)}{conversation.pk}/vastleggen/"
    future = local_input(timezone.now() + dt.timedelta(days=1))
    html = page(client.post(url, record_data(member, held_at=future)))
    assert "niet in de toekomst" in html
    html = page(client.post(url, record_data(member, notes="", decisions="")))
    assert "Schrijf een kort verslag" in html
    assert not FollowUpCall.objects.exists()


def test_held_conversation_opens_the_report_for_correction(client_for, member, running_case):
    conversation = planned(
        running_case,
        member,
        status=ConversationStatus.HELD,
        held_at=timezone.now() - dt.timedelta(days=1),
        notes="Eerste versie",
    )
    client = client_for(member)
    url = f"{base_url(running_case)}{conversation.pk}/vastleggen/"
    html = page(client.get(url))
    assert "Verslag aanpassen" in html and "Eerste versie" in html
    assert "follow_up_due" not in html
    data = record_data(member, notes="Tweede versie")
    data.pop("follow_up_due")
    assert client.post(url, data).status_code == 302
    conversation.refresh_from_db()
    assert conversation.notes == "Tweede versie"
    assert not FollowUpCall.objects.exists()


def test_cancelled_conversation_cannot_be_recorded(client_for, member, running_case):
    conversation = planned(running_case, member, status=ConversationStatus.CANCELLED)
    response = client_for(member).get(f"{base_url(running_case)}{conversation.pk}/vastleggen/")
    assert response.status_code == 302


# --- follow-up calls --------------------------------------------------------------------


@pytest.fixture
def call(running_case, member):
    conversation = planned(
        running_case,
        member,
        status=ConversationStatus.HELD,
        held_at=timezone.now() - dt.timedelta(days=3),
        decisions="Fatima helpt met de post.",
    )
    return FollowUpCallFactory(
        case=running_case,
        conversation=conversation,
        assigned_to=member,
        due_date=timezone.localdate(),
    )


def test_follow_up_page_shows_what_the_caller_needs(client_for, member, call, running_case):
    running_case.resident.phone = "06-12345678"
    running_case.resident.save()
    CommunicationNeedFactory(resident=running_case.resident, kind="doof", detail="alleen via sms")
    html = page(client_for(member).get(f"{base_url(running_case)}nabellen/{call.pk}/"))
    assert "06-12345678" in html
    assert "Let op bij het nabellen" in html and "alleen via sms" in html
    assert "Fatima helpt met de post." in html
    assert "Uitkomst vastleggen" in html and "Andere beller of andere dag" in html
    assert AuditEvent.objects.filter(code="meetings.followup.view").count() == 1


def test_follow_up_reached(client_for, member, call, running_case):
    response = client_for(member).post(
        f"{base_url(running_case)}nabellen/{call.pk}/",
        {"result": "gebeld", "outcome": "Het gaat goed.", "submission_token": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == FollowUpStatus.DONE and call.outcome == "Het gaat goed."


def test_follow_up_not_reached_with_new_day_stays_open_double_submit_once(
    client_for, member, call, running_case
):
    client = client_for(member)
    new_day = timezone.localdate() + dt.timedelta(days=1)
    data = {
        "result": "niet_bereikt",
        "outcome": "Geen gehoor",
        "next_due": new_day.isoformat(),
        "submission_token": str(uuid.uuid4()),
    }
    client.post(f"{base_url(running_case)}nabellen/{call.pk}/", data)
    client.post(f"{base_url(running_case)}nabellen/{call.pk}/", data)
    call.refresh_from_db()
    assert call.status == FollowUpStatus.OPEN and call.due_date == new_day
    assert FollowUpAttempt.objects.count() == 1


@pytest.mark.security
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"result": "gebeld", "outcome": ""}, "Schrijf kort op wat er uit het nabellen kwam."),
        ({"outcome": "Geen idee"}, "Kies of u de inwoner hebt bereikt."),
        (
            {"result": "niet_bereikt", "outcome": "Geen gehoor", "next_due": "31-31-2026"},
            "Vul een geldige datum in",
        ),
        (
            {"result": "niet_bereikt", "outcome": "Geen gehoor", "next_due": "2020-01-01"},
            "Kies vandaag of een latere datum",
        ),
        ({"result": "onzin", "outcome": "Geen gehoor"}, "Selecteer een geldige keuze"),
    ],
)
def test_follow_up_bad_input_rerenders_in_dutch(
    client_for, member, call, running_case, data, message
):
    response = client_for(member).post(
        f"{base_url(running_case)}nabellen/{call.pk}/",
        {**data, "submission_token": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    assert message in page(response)
    call.refresh_from_db()
    assert call.status == FollowUpStatus.OPEN
    assert not FollowUpAttempt.objects.exists()


def test_handled_call_is_read_only_and_a_late_post_is_explained(
    client_for, member, call, running_case
):
    client = client_for(member)
    url = f"{base_url(running_case)}nabellen/{call.pk}/"
    token = {"submission_token": str(uuid.uuid4())}
    client.post(url, {"result": "gebeld", "outcome": "Bereikt.", **token})
    assert "Uitkomst opslaan" not in page(client.get(url))
    late = {"result": "gebeld", "outcome": "Nog eens.", "submission_token": str(uuid.uuid4())}
    response = client.post(url, late, follow=True)
    assert "al afgehandeld" in page(response)
    assert FollowUpAttempt.objects.count() == 1


def test_follow_up_goes_to_the_backup(client_for, member, call, running_case, debt_worker):
    later = timezone.localdate() + dt.timedelta(days=2)
    client = client_for(member)
    html = page(client.get(f"{base_url(running_case)}nabellen/{call.pk}/"))
    assert "Joost Verbeek" in html
    response = client.post(
        f"{base_url(running_case)}nabellen/{call.pk}/wijzigen/",
        {"assigned_to": str(debt_worker.pk), "due_date": later.isoformat()},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.assigned_to == debt_worker and call.due_date == later


@pytest.mark.security
def test_follow_up_change_bad_input(client_for, member, call, running_case, colleague):
    url = f"{base_url(running_case)}nabellen/{call.pk}/wijzigen/"
    response = client_for(member).post(url, {"assigned_to": str(colleague.pk), "due_date": ""})
    assert response.status_code == 200
    html = page(response)
    assert "Kies iemand uit de lijst." in html and "Vul een datum in." in html
    call.refresh_from_db()
    assert call.assigned_to == member


# --- the case page --------------------------------------------------------------------------


def test_case_page_shows_the_meetings_section(client_for, member, running_case):
    nxt = planned(running_case, member, scheduled_at=timezone.now() + dt.timedelta(days=4))
    planned(
        running_case,
        member,
        status=ConversationStatus.HELD,
        held_at=timezone.now() - dt.timedelta(days=10),
    )
    FollowUpCallFactory(
        case=running_case, assigned_to=member, due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    html = page(client_for(member).get(f"/trajecten/{running_case.pk}/"))
    assert "Gesprekken en nabellen" in html
    assert timezone.localtime(nxt.scheduled_at).strftime("%H:%M") in html
    assert "te laat" in html
    assert base_url(running_case) in html
