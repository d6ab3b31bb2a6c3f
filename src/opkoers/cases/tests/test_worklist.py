"""The werkvoorraad: each block shows the right items, never another team's, with an
empty state; roles without case work get a page that makes sense."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.cases.models import CaseStatus, CaseTeamMember, Urgency
from opkoers.cases.selectors_overleg import overleg_agendas, overleg_dates
from opkoers.cases.selectors_worklist import week_bounds, worklist_for
from opkoers.cases.tests.worklist_data import (
    bulk_cases,
    make_action,
    make_call,
    make_case,
    make_conversation,
)
from opkoers.meetings.models import ConversationStatus, FollowUpStatus
from opkoers.plans.models import ActionStatus
from opkoers.residents.tests.factories import CommunicationNeedFactory

# A fixed Wednesday for the selector tests, so week and overleg arithmetic is exact.
NOW = timezone.make_aware(dt.datetime(2026, 3, 11, 9, 30))
TODAY = NOW.date()


def html_of(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- my open actions --------------------------------------------------------------


def test_my_open_actions_overdue_first_with_plan_link(member, case):
    later = make_action(case, member, due=TODAY + dt.timedelta(days=5), description="Later")
    overdue = make_action(case, member, due=TODAY - dt.timedelta(days=1), description="Te laat")
    undated = make_action(case, member, due=None, description="Zonder datum")
    make_action(case, member, due=TODAY, status=ActionStatus.DONE, description="Klaar")
    make_action(case, UserFactory(teams=[case.team]), due=TODAY, description="Van een ander")

    items = worklist_for(member, now=NOW).actions.items

    assert [i.action for i in items] == [overdue, later, undated]
    assert [i.overdue for i in items] == [True, False, False]
    assert items[0].plan_url == f"/trajecten/{case.pk}/plan/"


def test_overdue_action_is_marked_in_text_not_only_colour(client_for, member, case):
    make_action(case, member, due=timezone.localdate() - dt.timedelta(days=3))
    html = html_of(client_for(member))
    assert '<strong class="ok-overdue">te laat</strong>' in html
    assert case.reference in html and case.resident.full_name in html
    assert f'href="/trajecten/{case.pk}/plan/"' in html


def test_actions_on_closed_cases_are_not_work(member, team):
    closed = make_case(team, contact=member, status=CaseStatus.CLOSED)
    make_action(closed, member, due=TODAY)
    assert worklist_for(member, now=NOW).actions.items == []


# --- follow-up calls --------------------------------------------------------------


def test_follow_up_calls_due_and_upcoming(member, colleague, case):
    late = make_call(case, member, due=TODAY - dt.timedelta(days=2))
    today = make_call(case, member, due=TODAY)
    soon = make_call(case, member, due=TODAY + dt.timedelta(days=7))
    make_call(case, member, due=TODAY + dt.timedelta(days=8))  # too far ahead
    make_call(case, member, due=TODAY, status=FollowUpStatus.DONE)
    make_call(case, colleague, due=TODAY)  # someone else's call

    worklist = worklist_for(member, now=NOW)

    assert [i.call for i in worklist.calls_due] == [late, today]
    assert [i.overdue for i in worklist.calls_due] == [True, False]
    assert [i.call for i in worklist.calls_upcoming] == [soon]


def test_follow_up_call_shows_communication_needs(client_for, member, case):
    CommunicationNeedFactory(resident=case.resident, detail="Tigrinya, tolk via telefoon")
    make_call(case, member, due=timezone.localdate())
    html = html_of(client_for(member))
    calls = html.split('id="calls-heading"')[1].split('id="conversations-heading"')[0]
    assert "Tigrinya, tolk via telefoon" in calls


# --- conversations this week ------------------------------------------------------


def test_conversations_this_week_for_cases_i_am_on(member, colleague, team, case):
    start, end = week_bounds(NOW)
    mine = make_conversation(case, at=start + dt.timedelta(days=4, hours=10), planned_by=member)
    make_conversation(case, at=end + dt.timedelta(hours=10), planned_by=member)  # next week
    make_conversation(
        case, at=start + dt.timedelta(hours=10), planned_by=member, status=ConversationStatus.HELD
    )
    not_on_it = make_case(team, contact=colleague)
    make_conversation(not_on_it, at=start + dt.timedelta(days=3), planned_by=colleague)

    items = worklist_for(member, now=NOW).conversations.items

    assert [i.conversation for i in items] == [mine]
    assert items[0].past is False


def test_conversation_shows_communication_needs(client_for, member, case):
    CommunicationNeedFactory(resident=case.resident, kind="gebarentaal", detail="NGT-tolk boeken")
    start, _ = week_bounds(timezone.now())
    make_conversation(case, at=start + dt.timedelta(hours=1), planned_by=member)
    html = html_of(client_for(member))
    block = html.split('id="conversations-heading"')[1].split('id="intake-heading"')[0]
    assert case.reference in block and "NGT-tolk boeken" in block


# --- intake queue -----------------------------------------------------------------


def test_intake_queue_oldest_first_with_urgency_and_duplicate(member, team, other_team):
    old = make_case(team, registered_at=NOW - dt.timedelta(days=9), status=CaseStatus.INTAKE)
    new = make_case(
        team,
        registered_at=NOW - dt.timedelta(days=1),
        urgency=Urgency.CRISIS,
        possible_duplicate_of=old,
    )
    make_case(team, status=CaseStatus.IN_PROGRESS)
    make_case(other_team)

    items = worklist_for(member, now=NOW).intake.items

    assert [i.case for i in items] == [old, new]
    assert items[0].waiting_days == 9


def test_intake_queue_rendering_flags(client_for, member, team):
    first = make_case(team, first_name="Kees", last_name="Eerste")
    make_case(team, urgency=Urgency.CRISIS, possible_duplicate_of=first)
    html = html_of(client_for(member))
    block = html.split('id="intake-heading"')[1].split('id="overleg-heading"')[0]
    assert "Crisis: direct" in block
    assert "mogelijk dubbel met" in block and first.reference in block


@pytest.mark.security
def test_restricted_rows_show_no_needs_and_no_housing_situation(client_for, member, team):
    """A registration of my team that I am not at the table for: its reference and step
    show (so it can be picked up), but not the name, the communication needs or the
    housing situation, which are personal data like the name."""
    theirs = make_case(team, first_name="Wilhelmina", last_name="Onbekendeweg")
    theirs.resident.has_no_address = True
    theirs.resident.save()
    CommunicationNeedFactory(resident=theirs.resident, detail="Gebarentolk nodig")
    mine = make_case(team, contact=member, first_name="Bartholomeus", last_name="Eigenaar")
    mine.resident.has_no_address = True
    mine.resident.save()
    CommunicationNeedFactory(resident=mine.resident, detail="Spreekt Tigrinya")

    client = client_for(member)
    intake = html_of(client).split('id="intake-heading"')[1].split('id="overleg-heading"')[0]
    agenda = html_of(client, "/overleg/")

    for html in (intake, agenda):
        assert theirs.reference in html and mine.reference in html
        assert "Onbekendeweg" not in html and "Gebarentolk" not in html
        assert "Eigenaar" in html
    assert "Spreekt Tigrinya" in intake and intake.count("geen vast adres") == 1


# --- overleg agenda ---------------------------------------------------------------


def test_overleg_dates():
    wednesday = dt.date(2026, 3, 11)
    assert overleg_dates(1, wednesday) == (dt.date(2026, 3, 17), dt.date(2026, 3, 10))
    assert overleg_dates(2, wednesday) == (wednesday, dt.date(2026, 3, 4))


def test_agenda_new_registrations_since_previous_overleg(member, team):
    team.overleg_weekday = 1  # Tuesday; previous overleg is Tuesday 10 March
    team.save()
    since = make_case(team, registered_at=NOW - dt.timedelta(hours=30), status=CaseStatus.INTAKE)
    make_case(team, registered_at=NOW - dt.timedelta(days=3))

    (agenda,) = overleg_agendas(member, now=NOW)

    assert agenda.previous_overleg == dt.date(2026, 3, 10)
    assert agenda.new_registrations.items == [since]


def test_agenda_cases_with_conversation_due(member, team):
    planned = make_case(team, status=CaseStatus.PLAN)
    make_conversation(planned, at=NOW + dt.timedelta(days=2), planned_by=member)
    far = make_case(team, status=CaseStatus.PLAN)
    make_conversation(far, at=NOW + dt.timedelta(days=20), planned_by=member)
    stale = make_case(team, status=CaseStatus.IN_PROGRESS)
    make_conversation(
        stale, at=NOW - dt.timedelta(days=20), planned_by=member, status=ConversationStatus.HELD
    )
    recent = make_case(team, status=CaseStatus.IN_PROGRESS)
    make_conversation(
        recent, at=NOW - dt.timedelta(days=5), planned_by=member, status=ConversationStatus.HELD
    )
    stale_but_planned = make_case(team, status=CaseStatus.IN_PROGRESS)
    make_conversation(
        stale_but_planned,
        at=NOW - dt.timedelta(days=30),
        planned_by=member,
        status=ConversationStatus.HELD,
    )
    make_conversation(stale_but_planned, at=NOW + dt.timedelta(days=12), planned_by=member)
    never = make_case(team, status=CaseStatus.IN_PROGRESS)

    (agenda,) = overleg_agendas(member, now=NOW)
    due = {d.case: d for d in agenda.conversation_due.items}

    assert set(due) == {planned, stale, never}
    assert due[planned].planned_at is not None
    assert due[stale].last_held_at is not None and due[never].last_held_at is None


def test_agenda_cases_with_overdue_actions(member, colleague, team):
    late = make_case(team, status=CaseStatus.IN_PROGRESS)
    make_action(late, member, due=TODAY - dt.timedelta(days=4))
    make_action(late, colleague, due=TODAY - dt.timedelta(days=1))
    make_action(late, member, due=TODAY - dt.timedelta(days=9), status=ActionStatus.DONE)
    on_time = make_case(team, status=CaseStatus.IN_PROGRESS)
    make_action(on_time, member, due=TODAY)

    (agenda,) = overleg_agendas(member, now=NOW)

    (row,) = agenda.overdue_actions.items
    assert row.case == late and row.count == 2
    assert row.oldest_due == TODAY - dt.timedelta(days=4)


def test_every_block_has_an_empty_state(client_for, team):
    newcomer = UserFactory(teams=[team])
    html = html_of(client_for(newcomer))
    for text in [
        "U heeft geen open acties.",
        "Er staat vandaag geen nabellen voor u klaar.",
        "Deze week staan er geen gesprekken gepland",
        "Er wachten geen aanmeldingen of intakes.",
    ]:
        assert text in html
    html = html_of(client_for(newcomer), "/overleg/")
    for text in [
        "Geen nieuwe aanmeldingen.",
        "Geen trajecten waarvoor een gesprek nodig is.",
        "Geen acties over tijd.",
    ]:
        assert text in html


def test_worklist_view_is_audited_with_the_cases_shown(client_for, member, case):
    make_action(case, member, due=None)
    html_of(client_for(member))
    event = AuditEvent.objects.get(code="case.worklist")
    assert event.action == AuditAction.VIEW and event.actor == member
    assert str(case.pk) in event.detail["shown"]


# --- roles and outsiders ----------------------------------------------------------


@pytest.mark.security
def test_outsider_sees_none_of_our_cases(client_for, member, outsider, team, case):
    """Even where our rows point at the outsider (a former case-team member who moved
    to another team), the werkvoorraad shows nothing of our team."""
    make_action(case, outsider, due=TODAY - dt.timedelta(days=1))
    make_call(case, outsider, due=timezone.localdate())
    CaseTeamMember.objects.create(case=case, user=outsider, role_on_case="Werkcoach")
    start, _ = week_bounds(timezone.now())
    make_conversation(case, at=start + dt.timedelta(hours=1), planned_by=member)
    make_case(team, first_name="Noor", last_name="Wachtrij")

    worklist = worklist_for(outsider)
    client = client_for(outsider)

    assert worklist.case_ids() == []
    assert all(agenda.case_ids() == set() for agenda in overleg_agendas(outsider))
    for url in ("/", "/overleg/"):
        html = html_of(client, url)
        assert case.reference not in html and case.resident.full_name not in html
        assert "Wachtrij" not in html


@pytest.mark.security
def test_functional_admin_is_sent_to_management(client_for, functional_admin, case):
    response = client_for(functional_admin).get("/")
    assert response.status_code == 302 and response["Location"] == "/account/beheer/"


@pytest.mark.security
def test_policy_staff_gets_a_page_without_case_data(client_for, policy_staff, case):
    html = html_of(client_for(policy_staff))
    assert "rapportages" in html
    assert case.reference not in html and case.resident.full_name not in html
    assert not AuditEvent.objects.filter(code="case.worklist").exists()


@pytest.mark.security
@pytest.mark.parametrize("url", ["/", "/overleg/"])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


@pytest.mark.security
def test_roles_without_case_work_get_no_overleg_agenda(
    client_for, policy_staff, functional_admin, case
):
    for user in (policy_staff, functional_admin):
        response = client_for(user).get("/overleg/")
        assert response.status_code == 302 and response["Location"] == "/"
    assert not AuditEvent.objects.filter(code="case.overleg").exists()


def test_project_leader_sees_team_intake_and_agenda(client_for, project_leader, team):
    waiting = make_case(team, first_name="Lotte", last_name="Wachtend")
    client = client_for(project_leader)
    assert waiting.reference in html_of(client)
    assert waiting.reference in html_of(client, "/overleg/")


def test_worklist_names_the_next_overleg_and_links_to_its_agenda(client_for, member, team):
    team.overleg_weekday = 3  # Thursday
    team.save()
    html = html_of(client_for(member))
    block = html.split('id="overleg-heading"')[1]
    assert f"{team.name}: overleg op donderdag" in block
    assert 'href="/overleg/"' in block


def test_overleg_page_is_audited_with_the_cases_shown(client_for, member, team):
    newcomer = make_case(team, first_name="Sietske", last_name="Nieuwkomer")
    html = html_of(client_for(member), "/overleg/")
    assert newcomer.reference in html
    event = AuditEvent.objects.get(code="case.overleg")
    assert event.action == AuditAction.VIEW and event.actor == member
    assert event.detail["shown"] == [str(newcomer.pk)]


# --- query count ------------------------------------------------------------------


@pytest.mark.parametrize("n_cases", [5, 500])
def test_worklist_query_count_does_not_grow(
    client_for, member, team, n_cases, django_assert_max_num_queries
):
    bulk_cases(team, n_cases, contact=member)
    client = client_for(member)
    client.get("/")  # warm up the session and template caches
    # session, user, teams, 4 personal blocks, communication needs, the audit row (plus
    # 2 savepoints inside the test transaction) and the header's organisation; the
    # chained audit row adds 2. Consent adds 2: which rows may show names (one query
    # for all) and the contact person's consent banner; the requester's recent budget
    # decisions (one query). The overleg agenda has its own page (below).
    with django_assert_max_num_queries(17):
        html = html_of(client)
    assert "te laat" in html


def test_worklist_query_count_does_not_grow_with_teams(
    client_for, team, django_assert_max_num_queries
):
    """A project leader of many teams: the werkvoorraad names each team's overleg day
    from the teams it already loaded; the agendas themselves are on /overleg/."""
    from opkoers.accounts.tests.factories import TeamFactory

    teams = [team, *(TeamFactory(name=f"Op Koers Wijk {i}") for i in range(6))]
    leader = UserFactory(teams=teams)
    for t in teams:
        bulk_cases(t, 3, contact=leader)
    client = client_for(leader)
    client.get("/")
    with django_assert_max_num_queries(17):
        html = html_of(client)
    assert html.count(": overleg op ") == len(teams)


@pytest.mark.parametrize("n_cases", [5, 500])
def test_overleg_query_count_does_not_grow(
    client_for, member, team, n_cases, django_assert_max_num_queries
):
    bulk_cases(team, n_cases, contact=member)
    client = client_for(member)
    client.get("/overleg/")
    # session, user, teams, 4 agenda reads per team (one team), communication needs,
    # which rows may show names, the header's organisation, the audit row with its
    # chain (3) and the test transaction's 2 savepoints.
    with django_assert_max_num_queries(15):
        html = html_of(client, "/overleg/")
    assert "te laat" in html and "Geen acties over tijd." not in html


def test_professional_without_a_team_is_told_so(client_for, db, case):
    html = html_of(client_for(UserFactory()))
    assert "nog niet aan een team gekoppeld" in html
    assert case.reference not in html
