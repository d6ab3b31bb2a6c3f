"""Resident pages under a case: edit basic data, communication needs and network."""

import pytest
from django.urls import reverse

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus
from opkoers.cases.tests.intake_helpers import TOKEN, set_status
from opkoers.residents.models import CommunicationNeed, NetworkPerson
from opkoers.residents.tests.factories import CommunicationNeedFactory, NetworkPersonFactory


def url(name, case, *args):
    return reverse(f"residents:{name}", args=[case.pk, *args])


def edit_data(**overrides):
    data = {
        "first_name": "Karim",
        "last_name": "Bouzid",
        "date_of_birth": "1979-05-01",
        "street": "Kerkstraat 2",
        "postcode": "3991CD",
        "city": "Houtenburg",
        "phone": "06-87654321",
        "email": "karim@example.org",
    }
    data.update(overrides)
    return data


def test_edit_page_shows_current_data_and_is_audited(client_for, member, case):
    html = client_for(member).get(url("edit", case)).content.decode()
    assert f'value="{case.resident.first_name}"' in html
    assert AuditEvent.objects.filter(code="resident.edit.view", case_id=case.pk).exists()


def test_edit_saves_and_returns_to_the_case(client_for, member, case):
    response = client_for(member).post(url("edit", case), edit_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    case.resident.refresh_from_db()
    assert case.resident.full_name == "Karim Bouzid" and case.resident.postcode == "3991 CD"


def test_edit_to_no_address_shows_geen_vast_adres(client_for, member, case):
    data = edit_data(has_no_address="on", street="", city="", address_note="Bij zijn zus")
    response = client_for(member).post(url("edit", case), data, follow=True)
    html = response.content.decode()
    assert "Geen vast adres" in html and "Bij zijn zus" in html


@pytest.mark.security
def test_edit_bad_input_keeps_values_in_dutch(client_for, member, case):
    data = edit_data(first_name="", street="", email="nee", last_name="Bouzid<script>")
    response = client_for(member).post(url("edit", case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul de voornaam van de inwoner in." in html
    assert "Vul straat en huisnummer in" in html
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="Bouzid&lt;script&gt;"' in html
    case.resident.refresh_from_db()
    assert case.resident.last_name != "Bouzid<script>"


def test_network_page_lists_needs_and_people(client_for, member, case):
    CommunicationNeedFactory(resident=case.resident, kind="tolk", detail="Arabisch")
    NetworkPersonFactory(resident=case.resident, name="Fatima Amrani", relation="zus")
    html = client_for(member).get(url("network", case)).content.decode()
    assert "Arabisch" in html and "Fatima Amrani" in html
    # A kind already recorded is not offered again.
    assert '<option value="tolk">' not in html


def test_add_need_from_the_intake_page_returns_there(client_for, member, case):
    intake = reverse("cases:intake", args=[case.pk])
    data = {
        "need-kind": "gebarentaal",
        "need-detail": "NGT",
        "next": intake + "#communicatie",
        "submission_token": TOKEN,
    }
    client = client_for(member)
    response = client.post(url("need_add", case), data)
    assert response["Location"] == intake + "#communicatie"
    client.post(url("need_add", case), data)
    assert CommunicationNeed.objects.filter(resident=case.resident).count() == 1


@pytest.mark.security
def test_next_cannot_leave_the_case(client_for, member, case):
    data = {"need-kind": "doof", "next": "https://evil.example/", "need-submission_token": TOKEN}
    response = client_for(member).post(url("need_add", case), data)
    assert response["Location"] == url("network", case)


def test_add_need_without_language_detail_explains(client_for, member, case):
    data = {"need-kind": "taal", "need-detail": ""}
    response = client_for(member).post(url("need_add", case), data)
    assert response.status_code == 200
    assert "welke taal" in response.content.decode()
    assert not CommunicationNeed.objects.exists()


def test_remove_need(client_for, member, case):
    need = CommunicationNeedFactory(resident=case.resident)
    response = client_for(member).post(url("need_remove", case, need.pk))
    assert response.status_code == 302 and not CommunicationNeed.objects.exists()


def test_add_and_remove_network_person(client_for, member, case):
    client = client_for(member)
    data = {
        "network-name": "Henk de Buur",
        "network-relation": "buurman",
        "network-phone": "",
        "network-submission_token": TOKEN,
    }
    assert client.post(url("person_add", case), data).status_code == 302
    person = NetworkPerson.objects.get(resident=case.resident)
    assert person.name == "Henk de Buur"
    assert client.post(url("person_remove", case, person.pk)).status_code == 302
    assert not NetworkPerson.objects.exists()


def test_add_network_person_bad_input_keeps_values(client_for, member, case):
    data = {"network-name": "Henk", "network-relation": "", "network-phone": "bellen"}
    html = client_for(member).post(url("person_add", case), data).content.decode()
    assert "Vul in wat de relatie tot de inwoner is." in html
    assert 'value="Henk"' in html and 'value="bellen"' in html


@pytest.mark.security
def test_closed_case_refuses_writes(client_for, member, case):
    set_status(case, CaseStatus.CLOSED)
    client = client_for(member)
    assert client.get(url("edit", case)).status_code == 200
    assert client.post(url("edit", case), edit_data()).status_code == 403
    assert client.post(url("need_add", case), {"need-kind": "doof"}).status_code == 403
    data = {"network-name": "A", "network-relation": "b"}
    assert client.post(url("person_add", case), data).status_code == 403


@pytest.mark.security
@pytest.mark.parametrize(
    "name", ["edit", "network", "need_add", "need_remove", "person_add", "person_remove"]
)
def test_outsider_gets_404(client_for, outsider, case, name):
    need = CommunicationNeedFactory(resident=case.resident)
    person = NetworkPersonFactory(resident=case.resident)
    args = {"need_remove": [need.pk], "person_remove": [person.pk]}.get(name, [])
    client = client_for(outsider)
    if name in ("edit", "network"):
        assert client.get(url(name, case, *args)).status_code == 404
    assert client.post(url(name, case, *args), edit_data()).status_code in (404, 405)
    assert CommunicationNeed.objects.filter(pk=need.pk).exists()
    assert NetworkPerson.objects.filter(pk=person.pk).exists()
    assert not AuditEvent.objects.filter(actor=outsider).exists()


@pytest.mark.parametrize("size", [1, 10])
def test_network_page_query_count_does_not_grow(
    client_for, member, case, size, django_assert_max_num_queries
):
    NetworkPersonFactory.create_batch(size, resident=case.resident)
    for kind in ["doof", "tolk", "lezen", "taal", "visueel", "overig", "gebarentaal"][:size]:
        CommunicationNeedFactory(resident=case.resident, kind=kind)
    client = client_for(member)
    with django_assert_max_num_queries(15):  # +1: the consent check in get_case_for
        assert client.get(url("network", case)).status_code == 200
