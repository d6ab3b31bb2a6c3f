"""The price list: the default set, and keeping it (functional admin only)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from opkoers.audit.models import AuditEvent
from opkoers.effects.default_price_list import ITEMS
from opkoers.effects.models import PriceItem

URL = "/prijslijst/"


def _post_data(**overrides):
    data = {
        "name": "Budgetcoach",
        "unit": "per uur",
        "price": "62,50",
        "payer": "gemeente",
        "source": "Lokaal tarief 2025",
        "source_url": "",
        "year": "2025",
        "explanation": "",
        "active": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_default_set_is_loaded_and_every_price_names_a_source(db):
    names = set(PriceItem.objects.values_list("name", flat=True))
    assert {name for name, *_ in ITEMS} <= names
    assert "Uur professional (teamtijd)" in names
    for item in PriceItem.objects.filter(name__in=[n for n, *_ in ITEMS]):
        assert item.source.strip() and item.year == 2023
        if item.name != "Maatwerkbudget Op Koers":  # the amount really spent
            assert "ndicati" in item.source + item.explanation  # marked as an estimate


def test_everyone_signed_in_reads_the_list(client_for, member, policy_staff, functional_admin):
    for user in (member, policy_staff, functional_admin):
        html = client_for(user).get(URL).content.decode()
        assert "Uur professional (teamtijd)" in html
        assert "indicatieve schattingen" in html
    assert "Post toevoegen" not in client_for(member).get(URL).content.decode()
    assert "Post toevoegen" in client_for(functional_admin).get(URL).content.decode()


def test_admin_adds_an_item_with_a_dutch_decimal(client_for, functional_admin):
    response = client_for(functional_admin).post(f"{URL}nieuw/", _post_data())
    assert response.status_code == 302
    item = PriceItem.objects.get(name="Budgetcoach")
    assert item.price == Decimal("62.50")
    event = AuditEvent.objects.get(code="effects.price.create")
    assert event.actor == functional_admin and event.object_id == str(item.pk)


def test_double_submit_adds_once(client_for, functional_admin):
    client = client_for(functional_admin)
    data = _post_data(submission_token="6a1f0b5e-4a57-4c55-9d3c-0d7a1e2f3b4c")
    client.post(f"{URL}nieuw/", data)
    client.post(f"{URL}nieuw/", data)
    assert PriceItem.objects.filter(name="Budgetcoach").count() == 1


def test_admin_edits_and_deactivates(client_for, functional_admin, hour):
    response = client_for(functional_admin).post(
        f"{URL}{hour.pk}/wijzigen/",
        _post_data(name=hour.name, price="80", active=""),
    )
    assert response.status_code == 302
    hour.refresh_from_db()
    assert hour.price == Decimal("80.00") and not hour.active
    event = AuditEvent.objects.get(code="effects.price.update")
    assert set(event.detail["changed"]) >= {"price", "active"}


@pytest.mark.parametrize(
    "overrides, field_message",
    [
        ({"name": ""}, "Geef de post een naam."),
        ({"price": "veel"}, "Vul een bedrag in"),
        ({"price": "-5"}, "Vul een bedrag in van 0 tot en met 1.000.000 euro."),
        ({"price": "1e999999"}, "Vul een bedrag in van 0 tot en met 1.000.000 euro."),
        ({"source": ""}, "Noem de bron van de prijs"),
        ({"year": "1850"}, "Vul een peiljaar in"),
        ({"payer": "buurman"}, "Selecteer een geldige keuze"),
        ({"name": "uur professional (teamtijd)"}, "Er staat al een post met deze naam"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(
    client_for, functional_admin, overrides, field_message
):
    response = client_for(functional_admin).post(f"{URL}nieuw/", _post_data(**overrides))
    assert response.status_code == 422
    html = response.content.decode()
    assert field_message in html
    assert "Lokaal tarief 2025" in html or overrides.get("source") == ""


@pytest.mark.security
def test_professional_and_policy_staff_cannot_change_the_list(
    client_for, member, project_leader, policy_staff, hour
):
    for user in (member, project_leader, policy_staff):
        client = client_for(user)
        assert client.get(f"{URL}nieuw/").status_code == 403
        assert client.post(f"{URL}nieuw/", _post_data()).status_code == 403
        assert client.post(f"{URL}{hour.pk}/wijzigen/", _post_data(price="1")).status_code == 403
    hour.refresh_from_db()
    assert hour.price == Decimal("75.00")
    assert not PriceItem.objects.filter(name="Budgetcoach").exists()


@pytest.mark.security
def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


@pytest.mark.parametrize("extra", [0, 30])
def test_price_list_query_count_does_not_grow(
    client_for, functional_admin, extra, django_assert_max_num_queries
):
    from opkoers.effects.tests.factories import PriceItemFactory

    PriceItemFactory.create_batch(extra)
    client = client_for(functional_admin)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200
