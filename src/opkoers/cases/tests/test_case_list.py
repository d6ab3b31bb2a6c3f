"""The case list: visibility, search, filters, paging without COUNT, htmx fragment and
the plain GET form."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opkoers.accounts.models import TeamMembership
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.cases.models import CaseStatus, CaseTeamMember, Urgency
from opkoers.cases.tests.factories import CaseFactory
from opkoers.cases.tests.worklist_data import bulk_cases, make_case
from opkoers.core.models import LifeDomain

URL = "/trajecten/"


def references(response):
    assert response.status_code == 200
    return re.findall(r'href="/trajecten/[0-9a-f-]+/">([^<]+)</a>', response.content.decode())


@pytest.fixture
def cases(team, member, colleague):
    """Four cases of our team with distinct names, steps and people."""
    now = timezone.now()
    return {
        "mila": make_case(
            team,
            contact=member,
            first_name="Amira",
            last_name="El Idrissi",
            registered_at=now - dt.timedelta(days=1),
            domains=[LifeDomain.HOUSING, LifeDomain.FINANCES],
            urgency=Urgency.HIGH,
        ),
        "kees": make_case(
            team,
            contact=colleague,
            first_name="Kees",
            last_name="de Boer",
            status=CaseStatus.IN_PROGRESS,
            registered_at=now - dt.timedelta(days=2),
            domains=[LifeDomain.WORK_EDUCATION],
        ),
        "closed": make_case(
            team,
            contact=member,
            first_name="Fatma",
            last_name="Yilmaz",
            status=CaseStatus.CLOSED,
            registered_at=now - dt.timedelta(days=3),
        ),
        "nobody": make_case(
            team,
            first_name="Jan",
            last_name="Smit",
            status=CaseStatus.INTAKE,
            registered_at=now - dt.timedelta(days=4),
        ),
    }


def test_list_shows_open_cases_newest_first_with_columns(client_for, member, cases):
    response = client_for(member).get(URL)
    refs = references(response)
    assert refs == [cases[k].reference for k in ("mila", "kees", "nobody")]
    html = response.content.decode()
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "Amira El Idrissi" in html
    assert "Financiën, Huisvesting" in html  # domains in ZRM order
    assert str(member) in html  # contact person
    assert "Hoog: binnen een week" in html
    assert "nog niet gekozen" in html  # case without a contact person


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "amira"}, ["mila"]),
        ({"q": "IDRISSI el"}, ["mila"]),  # every term, any order, any case
        # Kees's table is the colleague's: member may not learn the name behind it.
        ({"q": "boer", "scope": "alle"}, []),
        ({"q": "yilmaz"}, []),  # closed, and open is the default scope
        ({"q": "yilmaz", "scope": "afgesloten"}, ["closed"]),
        ({"status": CaseStatus.IN_PROGRESS}, ["kees"]),
        ({"status": CaseStatus.CLOSED}, ["closed"]),  # a step overrides the scope
        ({"domain": LifeDomain.WORK_EDUCATION}, ["kees"]),
        ({"domain": LifeDomain.FINANCES, "scope": "alle"}, ["mila", "closed", "nobody"]),
        ({"mine": "on", "scope": "alle"}, ["mila", "closed"]),
        ({"scope": "alle", "sort": "kenmerk"}, "by-reference"),
    ],
)
def test_filters_return_the_right_rows(client_for, member, cases, params, expected):
    refs = references(client_for(member).get(URL, params))
    if expected == "by-reference":
        assert refs == sorted(c.reference for c in cases.values())
    else:
        assert refs == [cases[k].reference for k in expected]


def test_contact_person_filter(client_for, member, colleague, cases):
    refs = references(client_for(member).get(URL, {"contact_person": colleague.pk}))
    assert refs == [cases["kees"].reference]


def test_search_by_part_of_reference(client_for, member, cases):
    suffix = cases["kees"].reference[-4:]
    refs = references(client_for(member).get(URL, {"q": suffix.lower()}))
    assert refs == [cases["kees"].reference]


def test_team_filter_for_someone_in_two_teams(client_for, member, team, other_team, cases):
    TeamMembership.objects.create(user=member, team=other_team)
    theirs = make_case(other_team, first_name="Rosa", last_name="Anders")
    client = client_for(member)
    assert theirs.reference in references(client.get(URL))
    assert references(client.get(URL, {"team": other_team.pk})) == [theirs.reference]
    assert theirs.reference not in references(client.get(URL, {"team": team.pk}))


def test_team_filter_is_hidden_for_one_team(client_for, member, cases):
    html = client_for(member).get(URL).content.decode()
    assert 'name="team"' not in html


@pytest.mark.security
def test_outsider_sees_none_of_our_cases(client_for, outsider, other_team, cases):
    own = make_case(other_team, first_name="Otto", last_name="Eigen")
    response = client_for(outsider).get(URL, {"scope": "alle"})
    assert references(response) == [own.reference]
    html = response.content.decode()
    assert all(c.resident.last_name not in html for c in cases.values())
    assert references(client_for(outsider).get(URL, {"q": "amira"})) == []


@pytest.mark.security
def test_other_teams_people_are_not_a_filter_choice(client_for, member, outsider, cases):
    """Choosing another team's professional by id is refused with a message, the rest
    of the query still applies, and nothing leaks."""
    CaseTeamMember.objects.create(case=CaseFactory(), user=outsider, is_contact_person=True)
    response = client_for(member).get(URL, {"contact_person": outsider.pk, "q": "amira"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "utrecht-alert--error" in html and "Contactpersoon" in html
    assert references(response) == [cases["mila"].reference]
    assert f'value="{outsider.pk}"' not in html


@pytest.mark.security
@pytest.mark.parametrize("role_user", ["policy_staff", "functional_admin"])
def test_roles_without_case_work_get_no_list(client_for, request, role_user, cases):
    user = request.getfixturevalue(role_user)
    response = client_for(user).get(URL)
    assert response.status_code == 302 and response["Location"] == "/"
    assert not AuditEvent.objects.filter(code__startswith="case.").exists()


@pytest.mark.security
def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


@pytest.mark.security
def test_search_is_audited_with_the_terms(client_for, member, cases):
    client_for(member).get(URL, {"q": "  Amira  ", "status": CaseStatus.REGISTERED})
    event = AuditEvent.objects.get(code="case.search")
    assert event.action == AuditAction.SEARCH and event.actor == member
    assert event.detail["q"] == "Amira" and event.detail["status"] == CaseStatus.REGISTERED
    assert event.detail["shown"] == [str(cases["mila"].pk)]


@pytest.mark.security
def test_plain_listing_is_recorded_as_a_view(client_for, member, cases):
    client_for(member).get(URL)
    event = AuditEvent.objects.get(code="case.list")
    assert event.action == AuditAction.VIEW
    assert len(event.detail["shown"]) == 3


@pytest.mark.security
@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 101},
        {"status": "bestaat-niet"},
        {"team": "geen-uuid"},
        {"contact_person": "abc"},
        {"page": "abc"},
        {"page": "-4"},
        {"page": "99999999999999999999"},
        {"q": "%_\\'\"<script>"},
    ],
)
def test_bad_input_never_breaks_the_page(client_for, member, cases, params):
    response = client_for(member).get(URL, params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_too_long_search_keeps_what_was_typed(client_for, member, cases):
    typed = "Amira " + "x" * 100
    html = client_for(member).get(URL, {"q": typed}).content.decode()
    assert "utrecht-alert--error" in html
    assert f'value="{typed}"' in html


# --- paging -----------------------------------------------------------------------


def test_pages_of_25_without_count(client_for, member, team):
    bulk_cases(team, 60, contact=member)  # 52 of them open
    client = client_for(member)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(URL)
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert len(references(first)) == 25
    html = first.content.decode()
    assert 'rel="next"' in html and 'rel="prev"' not in html

    third = client.get(URL, {"page": 3})
    assert len(references(third)) == 2
    html = third.content.decode()
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert "Trajecten 51 tot en met 52" in html


def test_next_page_link_keeps_the_filters(client_for, member, team):
    bulk_cases(team, 60, contact=member)
    html = client_for(member).get(URL, {"q": "bulk", "sort": "kenmerk"}).content.decode()
    link = re.search(r'rel="next" href="([^"]+)"', html).group(1)
    assert "q=bulk" in link and "sort=kenmerk" in link and "page=2" in link


# --- htmx and no-JS ---------------------------------------------------------------


def test_htmx_request_gets_only_the_results_fragment(client_for, member, cases):
    response = client_for(member).get(URL, {"q": "amira"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert cases["mila"].reference in html and cases["kees"].reference not in html
    assert 'hx-swap-oob="innerHTML"' in html  # the live status line is updated too
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(client_for, member, cases):
    response = client_for(member).get(
        URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_works_without_javascript(client_for, member, cases):
    """A plain POST form (the name stays out of the URL), redirected to the full page
    with the form keeping its values."""
    client = client_for(member)
    response = client.get(client.post(URL, {"q": "amira", "scope": "alle"})["Location"])
    html = response.content.decode()
    assert "<html" in html and 'method="post"' in html
    assert 'value="amira"' in html
    assert '<option value="alle" selected>' in html
    assert references(response) == [cases["mila"].reference]


def test_name_search_finds_only_cases_at_my_table(client_for, member, colleague, cases):
    """Need-to-know: the colleague at Kees's table finds him by name; member does not,
    though both see the case row (without the name) in the team's list."""
    assert references(client_for(colleague).get(URL, {"q": "boer"})) == [cases["kees"].reference]
    assert references(client_for(member).get(URL, {"q": "boer"})) == []
    listed = client_for(member).get(URL)
    assert cases["kees"].reference in references(listed)
    assert "de Boer" not in listed.content.decode()


# --- query count ------------------------------------------------------------------


@pytest.mark.parametrize("n_cases", [5, 500])
@pytest.mark.parametrize("params", [{}, {"q": "inwoner", "domain": LifeDomain.FINANCES}])
def test_case_list_query_count_does_not_grow(
    client_for, member, team, n_cases, params, django_assert_max_num_queries
):
    bulk_cases(team, n_cases, contact=member)
    for _ in range(3):
        UserFactory(teams=[team])
    client = client_for(member)
    client.get(URL)
    # session, user, filter choices, cases, domains, contact persons, the audit row
    # (plus 2 savepoints inside the test transaction) and the header's organisation.
    with django_assert_max_num_queries(12):
        response = client.get(URL, params)
    assert len(references(response)) == min(25, n_cases)


def test_professional_without_a_team_gets_an_empty_list(client_for, db, cases):
    loner = UserFactory()
    response = client_for(loner).get(URL, {"q": "amira"})
    assert references(response) == []
    assert "Geen trajecten gevonden" in response.content.decode()
