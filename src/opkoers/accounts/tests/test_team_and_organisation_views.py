import uuid

import pytest
from django.urls import reverse

from opkoers.accounts.models import Organisation, Team, TeamMembership
from opkoers.accounts.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from opkoers.cases.models import ResultKind


@pytest.fixture
def admin_client(client_for, functional_admin):
    return client_for(functional_admin)


def team_data(**overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "name": "Op Koers Castellum",
        "municipality": "Houten",
        "follow_up_working_days": "3",
        "next_conversation_days": "14",
        "overleg_weekday": "2",
        "retention_months_after_closing": "24",
    }
    data.update(overrides)
    return data


def test_add_organisation_once_despite_double_submit(admin_client):
    data = {
        "submission_token": str(uuid.uuid4()),
        "name": "WIL Lekstroom",
        "kind": "uitkeringsinstantie",
    }
    admin_client.post(reverse("accounts:organisation_add"), data)
    response = admin_client.post(reverse("accounts:organisation_add"), data)
    assert response.status_code == 302
    assert Organisation.objects.filter(name="WIL Lekstroom").count() == 1


def test_edit_and_deactivate_organisation(admin_client):
    org = OrganisationFactory(name="Welzijn Houten", kind="welzijn")
    response = admin_client.post(
        reverse("accounts:organisation_edit", args=[org.pk]),
        {"name": "Welzijn Houten", "kind": "welzijn"},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.active is False
    listing = admin_client.get(reverse("accounts:organisations")).content.decode()
    assert "gedeactiveerd" in listing
    # A deactivated organisation is no longer offered for new users.
    add_page = admin_client.get(reverse("accounts:user_add")).content.decode()
    assert str(org.pk) not in add_page


@pytest.mark.security
def test_duplicate_organisation_name_keeps_input(admin_client):
    OrganisationFactory(name="GGZ Centraal")
    data = {"submission_token": str(uuid.uuid4()), "name": "ggz centraal", "kind": "ggz"}
    response = admin_client.post(reverse("accounts:organisation_add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er bestaat al een organisatie met deze naam." in html and 'value="ggz centraal"' in html


def test_add_team_then_edit_settings(admin_client):
    response = admin_client.post(reverse("accounts:team_add"), team_data())
    team = Team.objects.get(name="Op Koers Castellum")
    assert response["Location"] == reverse("accounts:team_edit", args=[team.pk])
    assert team.overleg_weekday == 2
    data = team_data(follow_up_working_days="5", retention_months_after_closing="36", active="on")
    data.pop("submission_token")
    admin_client.post(reverse("accounts:team_edit", args=[team.pk]), data)
    team.refresh_from_db()
    assert team.follow_up_working_days == 5 and team.active
    assert team.retention_months_after_closing == 36


@pytest.mark.security
def test_too_short_retention_is_refused_with_input_kept(admin_client):
    response = admin_client.post(
        reverse("accounts:team_add"), team_data(retention_months_after_closing="2")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een bewaartermijn van 6 tot en met 120 maanden." in html
    assert 'value="Op Koers Castellum"' in html
    assert not Team.objects.filter(name="Op Koers Castellum").exists()


def test_double_submit_of_add_team_creates_one(admin_client):
    data = team_data()
    admin_client.post(reverse("accounts:team_add"), data)
    admin_client.post(reverse("accounts:team_add"), data)
    assert Team.objects.filter(name="Op Koers Castellum").count() == 1


@pytest.mark.security
def test_bad_team_settings_keep_input(admin_client):
    response = admin_client.post(
        reverse("accounts:team_add"), team_data(follow_up_working_days="0", municipality="Bunnik")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 tot en met 20" in html and 'value="Bunnik"' in html
    assert not Team.objects.filter(name="Op Koers Castellum").exists()


@pytest.mark.security
def test_team_with_open_cases_shows_why_it_cannot_be_deactivated(admin_client, case):
    team = case.team
    data = team_data(name=team.name, municipality=team.municipality)
    data.pop("submission_token")
    response = admin_client.post(reverse("accounts:team_edit", args=[team.pk]), data)
    assert response.status_code == 200
    assert "lopende trajecten" in response.content.decode()
    team.refresh_from_db()
    assert team.active


def test_team_page_lists_members_and_searches_candidates(admin_client, team, member):
    # Every name this page can show is fixed: the admin (header), the member, these two.
    candidate = UserFactory(first_name="Yara", last_name="Bos")
    UserFactory(first_name="Yara", last_name="Slaper", is_active=False)
    html = admin_client.get(
        reverse("accounts:team_edit", args=[team.pk]), {"q": "yara"}
    ).content.decode()
    assert member.last_name in html
    assert "Yara Bos" in html and "Slaper" not in html
    assert f'name="user" value="{candidate.pk}"' in html


def test_add_and_remove_member_through_the_team_page(admin_client, team, case, member):
    person = UserFactory()
    url = reverse("accounts:team_member_add", args=[team.pk])
    admin_client.post(url, {"user": person.pk})
    admin_client.post(url, {"user": person.pk})
    assert TeamMembership.objects.filter(team=team, user=person).count() == 1
    response = admin_client.post(
        reverse("accounts:team_member_remove", args=[team.pk, member.pk]), follow=True
    )
    assert not TeamMembership.objects.filter(team=team, user=member).exists()
    assert "nog contactpersoon in 1 lopend traject" in response.content.decode()


@pytest.mark.security
def test_member_add_with_bad_input_gives_a_message(admin_client, team):
    url = reverse("accounts:team_member_add", args=[team.pk])
    for value in ("", "abc", "999999"):
        response = admin_client.post(url, {"user": value}, follow=True)
        assert response.status_code == 200
        assert "bestaat niet" in response.content.decode()
    inactive = UserFactory(is_active=False)
    response = admin_client.post(url, {"user": inactive.pk}, follow=True)
    assert "gedeactiveerd" in response.content.decode()
    assert not TeamMembership.objects.filter(user=inactive).exists()


@pytest.mark.security
def test_member_add_and_remove_are_post_only(admin_client, team, member):
    assert admin_client.get(reverse("accounts:team_member_add", args=[team.pk])).status_code == 405
    url = reverse("accounts:team_member_remove", args=[team.pk, member.pk])
    assert admin_client.get(url).status_code == 405
    assert TeamMembership.objects.filter(team=team, user=member).exists()


@pytest.mark.parametrize("size", [2, 40])
def test_team_page_query_count_does_not_grow(admin_client, size, django_assert_max_num_queries):
    team = TeamFactory()
    for _ in range(size):
        UserFactory(teams=[team], first_name="Lid")
    with django_assert_max_num_queries(7):
        admin_client.get(reverse("accounts:team_edit", args=[team.pk]), {"q": "lid"})


@pytest.mark.parametrize("size", [2, 40])
def test_lists_query_count_does_not_grow(admin_client, size, django_assert_max_num_queries):
    TeamFactory.create_batch(size)
    OrganisationFactory.create_batch(size)
    for i in range(size):
        ResultKind.objects.create(name=f"Resultaat {i}", order=i)
    for name in ("accounts:teams", "accounts:organisations", "accounts:result_kinds"):
        with django_assert_max_num_queries(4):
            assert admin_client.get(reverse(name)).status_code == 200


def test_result_kinds_add_edit_deactivate_and_order(admin_client):
    data = {
        "submission_token": str(uuid.uuid4()),
        "name": "Schulden in beeld",
        "domain": "financien",
        "order": "5",
    }
    admin_client.post(reverse("accounts:result_kind_add"), data)
    admin_client.post(reverse("accounts:result_kind_add"), data)
    kind = ResultKind.objects.get(name="Schulden in beeld")
    ResultKind.objects.create(name="Stage gevonden", order=1)
    admin_client.post(
        reverse("accounts:result_kind_edit", args=[kind.pk]),
        {"name": "Schulden in beeld", "domain": "financien", "order": "0", "active": "on"},
    )
    html = admin_client.get(reverse("accounts:result_kinds")).content.decode()
    assert html.index("Schulden in beeld") < html.index("Stage gevonden")
    admin_client.post(
        reverse("accounts:result_kind_edit", args=[kind.pk]),
        {"name": "Schulden in beeld", "domain": "financien", "order": "0"},
    )
    kind.refresh_from_db()
    assert kind.active is False and kind.order == 0
    assert ResultKind.objects.filter(name="Schulden in beeld").count() == 1


@pytest.mark.security
def test_result_kind_bad_input_keeps_values(admin_client):
    ResultKind.objects.get_or_create(name="Urgentie afgegeven")
    before = ResultKind.objects.count()
    data = {
        "submission_token": str(uuid.uuid4()),
        "name": "urgentie afgegeven",
        "domain": "",
        "order": "-3",
    }
    response = admin_client.post(reverse("accounts:result_kind_add"), data)
    html = response.content.decode()
    assert response.status_code == 200 and 'value="urgentie afgegeven"' in html
    assert ResultKind.objects.count() == before
