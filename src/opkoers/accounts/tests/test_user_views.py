import uuid

import pytest
from django.urls import reverse

from opkoers.accounts.models import Role, User
from opkoers.accounts.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.tests.factories import CaseTeamMemberFactory


def add_user_data(organisation, **overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "username": "sdejong",
        "first_name": "Sanne",
        "last_name": "de Jong",
        "email": "s.dejong@example.org",
        "phone": "",
        "organisation": str(organisation.pk),
        "job_title": "Werkcoach",
        "role": Role.PROFESSIONAL,
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_client(client_for, functional_admin):
    return client_for(functional_admin)


@pytest.mark.security
def test_add_user_sends_an_invitation_and_offers_no_password_field(admin_client, team, mailoutbox):
    page = admin_client.get(reverse("accounts:user_add")).content.decode()
    assert 'type="password"' not in page and "eenmalige link" in page
    org = OrganisationFactory()
    response = admin_client.post(
        reverse("accounts:user_add"), add_user_data(org, teams=[str(team.pk)]), follow=True
    )
    user = User.objects.get(username="sdejong")
    assert response.redirect_chain[-1][0] == reverse("accounts:user_edit", args=[user.pk])
    assert not user.has_usable_password() and list(user.teams.all()) == [team]
    html = response.content.decode()
    assert "Er is een e-mail met een eenmalige link gestuurd naar s.dejong@example.org." in html
    assert "Uitnodiging opnieuw sturen" in html
    assert [m.to for m in mailoutbox] == [["s.dejong@example.org"]]
    # A password typed into the request anyway is ignored.
    data = add_user_data(org, username="pjansen", password="Gekozen-Door-Beheer-1")
    admin_client.post(reverse("accounts:user_add"), data)
    assert not User.objects.get(username="pjansen").has_usable_password()


def test_double_submit_of_add_user_creates_one_user(admin_client, mailoutbox):
    data = add_user_data(OrganisationFactory())
    first = admin_client.post(reverse("accounts:user_add"), data)
    second = admin_client.post(reverse("accounts:user_add"), data, follow=True)
    assert User.objects.filter(username="sdejong").count() == 1
    user = User.objects.get(username="sdejong")
    assert first.status_code == 302
    assert second.redirect_chain[-1][0] == reverse("accounts:user_edit", args=[user.pk])
    assert AuditEvent.objects.filter(code="accounts.user.create").count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.security
def test_taken_username_from_another_form_gives_a_friendly_message(admin_client):
    UserFactory(username="sdejong")
    response = admin_client.post(
        reverse("accounts:user_add"), add_user_data(OrganisationFactory(), username="SDeJong")
    )
    assert response.status_code == 200
    assert "Deze gebruikersnaam is al in gebruik." in response.content.decode()
    assert User.objects.filter(username__iexact="sdejong").count() == 1


@pytest.mark.security
def test_missing_fields_keep_typed_values_and_are_explained(admin_client):
    org = OrganisationFactory()
    data = add_user_data(org, first_name="", email="")
    response = admin_client.post(reverse("accounts:user_add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in html
    assert 'value="sdejong"' in html and 'value="de Jong"' in html and 'value="Werkcoach"' in html
    assert f'value="{org.pk}" selected' in html
    assert not User.objects.filter(username="sdejong").exists()


def test_edit_user_and_deactivate_with_contact_person_warning(admin_client, team, case, member):
    response = admin_client.post(
        reverse("accounts:user_edit", args=[member.pk]),
        {
            "first_name": member.first_name,
            "last_name": member.last_name,
            "email": "nieuw@example.org",
            "phone": "06 1234 5678",
            "organisation": str(member.organisation_id),
            "job_title": "Consulent",
            "role": Role.PROFESSIONAL,
            "teams": [str(team.pk)],
        },
        follow=True,
    )
    member.refresh_from_db()
    assert member.is_active is False and member.email == "nieuw@example.org"
    assert "nog contactpersoon in 1 lopend traject" in response.content.decode()


@pytest.mark.security
def test_admin_cannot_deactivate_self_through_the_form(admin_client, functional_admin):
    response = admin_client.post(
        reverse("accounts:user_edit", args=[functional_admin.pk]),
        {
            "first_name": "Anouk",
            "last_name": "Beheer",
            "email": "",
            "phone": "",
            "organisation": str(functional_admin.organisation_id),
            "job_title": "",
            "role": Role.PROFESSIONAL,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "U kunt uzelf niet deactiveren." in html
    assert "U kunt uw eigen rol niet wijzigen" in html
    assert 'value="Anouk"' in html
    functional_admin.refresh_from_db()
    assert functional_admin.is_active and functional_admin.role == Role.FUNCTIONAL_ADMIN


@pytest.mark.security
def test_send_link_to_a_person_with_a_password_is_a_reset_link(admin_client, member, mailoutbox):
    page = admin_client.get(reverse("accounts:user_edit", args=[member.pk])).content.decode()
    assert "Herstellink voor het wachtwoord sturen" in page
    response = admin_client.post(reverse("accounts:user_send_link", args=[member.pk]), follow=True)
    assert "eenmalige link gestuurd" in response.content.decode()
    assert mailoutbox[0].subject == "Nieuw wachtwoord kiezen voor Op Koers"
    assert AuditEvent.objects.get(code="accounts.invitation.create").detail["kind"] == "reset"


@pytest.mark.security
def test_admin_cannot_send_a_link_to_themself(admin_client, functional_admin, mailoutbox):
    response = admin_client.post(
        reverse("accounts:user_send_link", args=[functional_admin.pk]), follow=True
    )
    assert "Wachtwoord wijzigen" in response.content.decode()
    assert mailoutbox == []


def test_user_list_search_and_filters(admin_client, team, functional_admin):
    """Every name this page can show is fixed here (the factory's random surnames once
    contained "Smit"): the two people searched for and the admin (Ada Beheer)."""
    org = OrganisationFactory(name="Woningcorporatie De Linge")
    wanted = UserFactory(
        username="kelamrani",
        first_name="Karim",
        last_name="El Amrani",
        organisation=org,
        teams=[team],
    )
    UserFactory(username="ksmit", first_name="Karin", last_name="Smit", role=Role.POLICY_STAFF)
    assert set(User.objects.values_list("last_name", flat=True)) == {
        "El Amrani",
        "Smit",
        functional_admin.last_name,
    }
    url = reverse("accounts:users")

    def names(params):
        html = admin_client.get(url, params).content.decode()
        shown = ("El Amrani, Karim", "Smit, Karin", "Beheer, Ada")
        return [u.split(",")[0] for u in shown if u in html]

    assert names({}) == ["El Amrani", "Smit", "Beheer"]
    assert names({"q": "karim el"}) == ["El Amrani"]
    assert names({"q": wanted.username}) == ["El Amrani"]
    assert names({"role": Role.POLICY_STAFF}) == ["Smit"]
    assert names({"organisation": str(org.pk)}) == ["El Amrani"]
    assert names({"team": str(team.pk)}) == ["El Amrani"]
    assert names({"q": "karin", "role": Role.PROFESSIONAL}) == []


@pytest.mark.security
def test_user_list_tolerates_bad_parameters(admin_client):
    response = admin_client.get(
        reverse("accounts:users"), {"page": "drie", "role": "koning", "team": "x"}
    )
    assert response.status_code == 200


def test_user_list_pages_without_counting(admin_client, django_assert_max_num_queries):
    org = OrganisationFactory()
    for i in range(30):
        UserFactory(first_name="Sam", last_name=f"Achternaam{i:02d}", organisation=org)
    first = admin_client.get(reverse("accounts:users")).content.decode()
    assert "Volgende pagina" in first and "Vorige pagina" not in first
    second = admin_client.get(reverse("accounts:users"), {"page": 2}).content.decode()
    assert "Vorige pagina" in second and "Volgende pagina" not in second
    assert "Achternaam29" in second and "Achternaam29" not in first


@pytest.mark.parametrize("count", [5, 100])
def test_user_list_query_count_does_not_grow(admin_client, count, django_assert_max_num_queries):
    teams = TeamFactory.create_batch(3)
    orgs = OrganisationFactory.create_batch(3)
    for i in range(count):
        UserFactory(organisation=orgs[i % 3], teams=[teams[i % 3], teams[(i + 1) % 3]])
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("accounts:users"))
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        admin_client.get(reverse("accounts:users"), {"q": "a", "team": str(teams[0].pk)})


def test_user_edit_query_count_does_not_grow(admin_client, django_assert_max_num_queries):
    person = UserFactory(teams=TeamFactory.create_batch(2))
    CaseTeamMemberFactory.create_batch(2, user=person)
    with django_assert_max_num_queries(8):
        admin_client.get(reverse("accounts:user_edit", args=[person.pk]))
