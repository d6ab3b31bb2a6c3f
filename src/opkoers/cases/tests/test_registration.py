"""Aanmelding: the service and the page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import Case, CaseDomain, CaseStatus, CaseTransition
from opkoers.cases.services.registration import find_possible_duplicate, register_case
from opkoers.cases.tests.intake_helpers import TOKEN, registration_data, service_registration
from opkoers.residents.models import Resident

URL = "/aanmelden/"
DOB = datetime.date(1984, 3, 12)

# --- service --------------------------------------------------------------------------


def test_register_creates_resident_case_domains_transition_and_audit(member, team):
    case = register_case(
        by=member, **service_registration(team, domains=["huisvesting", "financien"])
    )
    assert case.status == CaseStatus.REGISTERED and case.team == team
    assert case.reference.startswith("OK-")
    assert case.resident.postcode == "3991 AB"
    assert case.resident.search_name == "sanne verhoeven"
    assert set(CaseDomain.objects.filter(case=case).values_list("domain", flat=True)) == {
        "financien",
        "huisvesting",
    }
    step = CaseTransition.objects.get(case=case)
    assert (step.from_status, step.to_status, step.by) == ("", CaseStatus.REGISTERED, member)
    event = AuditEvent.objects.get(code="case.register")
    assert event.case_id == case.pk and event.actor == member
    assert "Sanne" not in str(event.detail)


def test_register_without_address_keeps_the_note_and_drops_address_fields(member, team):
    case = register_case(
        by=member,
        **service_registration(
            team,
            has_no_address=True,
            street="Oude straat 1",
            city="Elders",
            address_note="Slaapt bij zijn broer; post via het sociaal team",
        ),
    )
    resident = case.resident
    assert resident.has_no_address
    assert (resident.street, resident.city) == ("", "")
    assert resident.address_note.startswith("Slaapt bij")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"reason_stuck": "  "}, "gewone route"),
        ({"domains": []}, "minstens één leefgebied"),
        ({"domains": ["geen_domein"]}, "leefgebieden uit de lijst"),
        ({"street": "", "city": ""}, "geen vast adres"),
        ({"first_name": " "}, "voornaam"),
        ({"channel": "telepathie"}, "kanaal"),
        ({"urgency": "ooit"}, "urgentie"),
        ({"date_of_birth": datetime.date.today() + datetime.timedelta(days=2)}, "toekomst"),
    ],
)
def test_register_refuses_incomplete_input(member, team, override, message):
    with pytest.raises(ValidationError) as exc:
        register_case(by=member, **service_registration(team, **override))
    assert message in " ".join(exc.value.messages)
    assert not Case.objects.exists() and not Resident.objects.exists()


def test_register_refuses_a_team_the_user_is_not_in(member, other_team):
    with pytest.raises(ValidationError, match="team waarin u werkt"):
        register_case(by=member, **service_registration(other_team))
    assert not Case.objects.exists()


def test_register_refuses_policy_staff(policy_staff, team):
    policy_staff.teams.add(team)
    with pytest.raises(ValidationError):
        register_case(by=policy_staff, **service_registration(team))


def test_same_name_and_birth_date_in_the_team_is_flagged(member, team):
    first = register_case(by=member, **service_registration(team, date_of_birth=DOB))
    second = register_case(
        by=member,
        **service_registration(team, date_of_birth=DOB, first_name="SANNE", last_name=" verhoeven"),
    )
    assert second.possible_duplicate_of == first
    first.refresh_from_db()
    assert first.possible_duplicate_of == second  # flagged both ways
    assert AuditEvent.objects.filter(case_id=first.pk, code="case.duplicate_flag").exists()


def test_an_existing_flag_is_kept_and_a_third_registration_is_listed(member, team):
    first = register_case(by=member, **service_registration(team, date_of_birth=DOB))
    second = register_case(by=member, **service_registration(team, date_of_birth=DOB))
    third = register_case(by=member, **service_registration(team, date_of_birth=DOB))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.possible_duplicate_of == second
    assert third.possible_duplicate_of == second
    from opkoers.cases.selectors import possible_duplicates

    assert set(possible_duplicates(second)) == {first, third}


def test_no_flag_without_birth_date_or_with_another_birth_date(member, team):
    register_case(by=member, **service_registration(team, date_of_birth=DOB))
    other_dob = register_case(
        by=member, **service_registration(team, date_of_birth=datetime.date(1990, 1, 1))
    )
    no_dob = register_case(by=member, **service_registration(team, date_of_birth=None))
    assert other_dob.possible_duplicate_of is None and no_dob.possible_duplicate_of is None


def test_duplicates_are_only_looked_for_within_the_team(member, team, other_team):
    member.teams.add(other_team)
    register_case(by=member, **service_registration(other_team, date_of_birth=DOB))
    case = register_case(by=member, **service_registration(team, date_of_birth=DOB))
    assert case.possible_duplicate_of is None
    assert (
        find_possible_duplicate(
            team=team, first_name="Sanne", last_name="Verhoeven", date_of_birth=DOB
        )
        == case
    )


# --- page -----------------------------------------------------------------------------


def test_form_preselects_the_only_team(client_for, member, team):
    html = client_for(member).get(URL).content.decode()
    assert f'<option value="{team.pk}" selected>' in html
    assert "Geen vast adres" in html and "Verblijf / postadres" in html


def test_form_offers_only_the_users_teams(client_for, member, team, other_team):
    html = client_for(member).get(URL).content.decode()
    assert team.name in html and other_team.name not in html


def test_registering_creates_the_case_and_shows_it(client_for, member, team):
    client = client_for(member)
    response = client.post(URL, registration_data(team, submission_token=TOKEN))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Sanne Verhoeven" in html and case.reference in html
    assert "intakelijst" in html


def test_double_submit_creates_one_case(client_for, member, team):
    client = client_for(member)
    data = registration_data(team, submission_token=TOKEN)
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Case.objects.count() == 1 and Resident.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_registering_without_address_shows_geen_vast_adres(client_for, member, team):
    client = client_for(member)
    data = registration_data(
        team, street="", postcode="", city="", has_no_address="on", address_note="Opvang De Brug"
    )
    response = client.post(URL, data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geen vast adres" in html and "Opvang De Brug" in html
    assert Resident.objects.get().has_no_address


@pytest.mark.security
def test_bad_input_keeps_what_was_typed_and_explains_in_dutch(client_for, member, team):
    data = registration_data(
        team,
        street="",
        city="",
        reason_stuck="",
        domains=[],
        email="geen-mailadres",
        postcode="ABC",
        date_of_birth="31-02-1984",
        phone="bel me",
    )
    data["referrer_name"] = "Joyce <b>Bakker</b>"
    response = client_for(member).post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert not Case.objects.exists()
    # What was typed is still there (escaped) ...
    assert 'value="Sanne"' in html and 'value="Verhoeven"' in html
    assert "Joyce &lt;b&gt;Bakker&lt;/b&gt;" in html
    assert 'value="06-12345678"' not in html  # phone was replaced by the bad one typed
    assert 'value="bel me"' in html and 'value="geen-mailadres"' in html
    assert 'value="31-02-1984"' in html
    # ... with a Dutch message per problem.
    for message in [
        "Controleer het formulier",
        "Vul straat en huisnummer in, of vink ‘geen vast adres’ aan.",
        "Vul de woonplaats in",
        "Beschrijf waarom het via de gewone route niet lukt.",
        "Kies minstens één leefgebied.",
        "Vul een geldig e-mailadres in",
        "Vul een postcode in als 1234 AB",
        "Vul een geldige datum in",
        "Vul een telefoonnummer in",
    ]:
        assert message in html, message
    assert 'aria-invalid="true"' in html


@pytest.mark.security
def test_posting_another_teams_id_is_refused(client_for, member, other_team):
    response = client_for(member).post(URL, registration_data(other_team))
    assert response.status_code == 200
    assert "Kies een team waarin u werkt." in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.security
def test_roles_without_cases_cannot_register(client_for, policy_staff, functional_admin):
    assert client_for(policy_staff).get(URL).status_code == 403
    assert client_for(functional_admin).post(URL, {}).status_code == 403


@pytest.mark.security
def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_professional_without_team_is_told_why(client_for, db):
    from opkoers.accounts.tests.factories import UserFactory

    html = client_for(UserFactory()).get(URL).content.decode()
    assert "nog niet in een Op Koers-team" in html


def test_duplicate_warning_links_both_cases(client_for, member, team):
    client = client_for(member)
    client.post(URL, registration_data(team))
    response = client.post(URL, registration_data(team, first_name="sanne"), follow=True)
    first, second = Case.objects.order_by("registered_at")
    html = response.content.decode()
    assert "Mogelijk dubbele aanmelding" in html
    assert reverse("cases:detail", args=[first.pk]) in html and first.reference in html
    # The earlier case shows the warning too, pointing at the later registration.
    html = client.get(reverse("cases:detail", args=[first.pk])).content.decode()
    assert "Mogelijk dubbele aanmelding" in html and second.reference in html


def test_case_without_duplicate_shows_no_warning(client_for, member, case):
    html = client_for(member).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Mogelijk dubbele aanmelding" not in html
