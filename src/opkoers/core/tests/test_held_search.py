"""Names searched for never travel in a URL (core/held_search.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from opkoers.cases.models import CaseStatus

pytestmark = [pytest.mark.django_db, pytest.mark.security]

URL = reverse("cases:list")
NAME = "Zwaluwstaart"


@pytest.fixture
def searched(team: Any, member: Any) -> Any:
    from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory

    case = CaseFactory(team=team, registered_by=member, resident__last_name=NAME)
    CaseTeamMemberFactory(case=case, user=member, is_contact_person=True)
    return case


def test_a_search_posts_and_the_name_stays_out_of_the_url(
    client_for: Any, member: Any, searched: Any
) -> None:
    client: Client = client_for(member)
    response = client.post(URL, {"q": NAME.lower(), "status": "", "scope": "alle"})
    assert response.status_code == 302
    location = response["Location"]
    assert NAME.lower() not in location.lower()
    assert "zoek=" in location and "scope=alle" in location
    page = client.get(location)
    html = page.content.decode()
    assert searched.reference in html
    # The filter form shows what was typed.
    assert f'value="{NAME.lower()}"' in html


def test_filters_that_are_not_personal_data_stay_in_the_url(
    client_for: Any, member: Any, searched: Any
) -> None:
    response = client_for(member).post(URL, {"q": "", "status": CaseStatus.IN_PROGRESS})
    assert response["Location"] == f"{URL}?status={CaseStatus.IN_PROGRESS}"


def test_pagination_keeps_the_search_without_the_name(
    client_for: Any, member: Any, searched: Any, settings: Any
) -> None:
    from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory

    for _ in range(3):
        other = CaseFactory(team=searched.team, resident__last_name=NAME)
        CaseTeamMemberFactory(case=other, user=member)
    settings.OPKOERS = {**settings.OPKOERS, "CASE_LIST_PAGE_SIZE": 2}
    client: Client = client_for(member)
    location = client.post(URL, {"q": NAME, "scope": "alle"})["Location"]
    html = client.get(location).content.decode()
    assert 'rel="next"' in html
    link = html.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    assert "zoek=" in link and "page=2" in link and NAME not in link
    second = client.get(link).content.decode()
    assert NAME in second or "gezocht op" in second


def test_a_key_from_another_session_finds_nothing(
    client_for: Any, member: Any, colleague: Any, searched: Any
) -> None:
    location = client_for(member).post(URL, {"q": NAME, "scope": "alle"})["Location"]
    html = client_for(colleague).get(location).content.decode()
    assert "gezocht op" not in html


def test_the_held_search_costs_no_extra_query(
    client_for: Any, member: Any, searched: Any, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client: Client = client_for(member)
    with CaptureQueriesContext(connection) as direct:
        client.get(URL, {"q": NAME})
    location = client.post(URL, {"q": NAME})["Location"]
    with CaptureQueriesContext(connection) as held:
        client.get(location)
    assert len(held) == len(direct)


def test_htmx_search_gets_the_fragment_and_a_url_without_the_name(
    client_for: Any, member: Any, searched: Any
) -> None:
    client: Client = client_for(member)
    location = client.post(URL, {"q": NAME}, headers={"HX-Request": "true"})["Location"]
    response = client.get(location, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<h1" not in response.content.decode()
    assert NAME not in response["HX-Push-Url"] and "zoek=" in response["HX-Push-Url"]


def test_user_search_of_the_functional_admin_posts_too(
    client_for: Any, functional_admin: Any, team: Any
) -> None:
    from opkoers.accounts.tests.factories import UserFactory

    UserFactory(first_name="Quirijn", last_name="Zeldzaamheid")
    UserFactory(first_name="Bram", last_name="Ongezochtsma")
    client: Client = client_for(functional_admin)
    response = client.post(reverse("accounts:users"), {"q": "zeldzaamheid", "role": ""})
    assert response.status_code == 302
    assert "zeldzaamheid" not in response["Location"].lower()
    html = client.get(response["Location"]).content.decode()
    assert "Quirijn" in html and "Ongezochtsma" not in html


def test_team_member_search_posts_too(client_for: Any, functional_admin: Any, team: Any) -> None:
    from opkoers.accounts.tests.factories import UserFactory

    UserFactory(first_name="Quirijn", last_name="Zeldzaamheid")
    client: Client = client_for(functional_admin)
    url = reverse("accounts:team_edit", args=[team.pk])
    response = client.post(url, {"member_search": "1", "q": "zeldzaamheid"})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(url) and "zeldzaamheid" not in location.lower()
    assert "member_search" not in location
    assert "Quirijn" in client.get(location).content.decode()
