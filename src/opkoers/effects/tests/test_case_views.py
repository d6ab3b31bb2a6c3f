"""The calculator page of one case."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from opkoers.audit.models import AuditEvent
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.effects.models import Timeline, TimelineEntry
from opkoers.effects.tests.factories import PriceItemFactory, TimelineEntryFactory


def url(case, rest=""):
    return f"/trajecten/{case.pk}/effecten/{rest}"


def _entry_data(item, **overrides):
    data = {
        "timeline": "interventie",
        "price_item": str(item.pk),
        "quantity": "1,5",
        "occurred_on": "2026-03-15",
        "payer": "",
        "description": "Tolk bij het eerste gesprek",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_member_sees_the_estimate_banner_and_both_timelines(client_for, member, case):
    response = client_for(member).get(url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is een schatting" in html
    assert "Met Op Koers" in html and "Zonder Op Koers (referentie)" in html
    assert "Post toevoegen" in html
    assert AuditEvent.objects.filter(code="effects.view", case_id=case.pk).exists()


def test_member_adds_an_entry_with_a_dutch_decimal(client_for, member, case, hour):
    response = client_for(member).post(url(case, "posten/nieuw/"), _entry_data(hour))
    assert response.status_code == 302
    assert response["Location"].endswith("#tijdlijn-interventie")
    entry = TimelineEntry.objects.get(case=case)
    assert entry.quantity == Decimal("1.50") and entry.amount == Decimal("112.50")
    html = client_for(member).get(url(case)).content.decode()
    assert "Tolk bij het eerste gesprek" in html
    assert "€\xa0112,50" in html


def test_double_submit_adds_once(client_for, member, case, hour):
    client = client_for(member)
    data = _entry_data(hour, submission_token="0d1f0b5e-4a57-4c55-9d3c-0d7a1e2f3b4c")
    client.post(url(case, "posten/nieuw/"), data)
    client.post(url(case, "posten/nieuw/"), data)
    assert TimelineEntry.objects.filter(case=case).count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"quantity": ""}, "Vul een aantal in."),
        ({"quantity": "veel"}, "Vul een getal in"),
        ({"quantity": "0"}, "Vul een aantal in groter dan 0."),
        ({"timeline": "morgen"}, "Kies een tijdlijn"),
        ({"price_item": "nope"}, "Kies een post uit de prijslijst."),
        ({"occurred_on": "31-02-2026"}, "Vul een geldige datum in"),
        ({"description": "x" * 301}, "De toelichting is te lang"),
    ],
)
def test_bad_input_gets_a_dutch_message(client_for, member, case, hour, overrides, message):
    response = client_for(member).post(url(case, "posten/nieuw/"), _entry_data(hour, **overrides))
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert not TimelineEntry.objects.exists()


def test_inactive_item_is_not_offered_and_is_refused(client_for, member, case):
    old = PriceItemFactory(name="Oude post", active=False)
    assert "Oude post" not in client_for(member).get(url(case)).content.decode()
    response = client_for(member).post(url(case, "posten/nieuw/"), _entry_data(old))
    assert response.status_code == 422


def test_member_removes_an_entry(client_for, member, case, hour):
    entry = TimelineEntryFactory(case=case, price_item=hour)
    response = client_for(member).post(url(case, f"posten/{entry.pk}/verwijderen/"))
    assert response.status_code == 302
    assert not TimelineEntry.objects.filter(pk=entry.pk).exists()


def test_member_changes_an_entry_on_its_own_page(client_for, member, case, hour):
    client = client_for(member)
    client.post(url(case, "posten/nieuw/"), _entry_data(hour))
    entry = TimelineEntry.objects.get(case=case)
    page = client.get(url(case)).content.decode()
    assert f'href="{url(case, f"posten/{entry.pk}/wijzigen/")}"' in page

    form = client.get(url(case, f"posten/{entry.pk}/wijzigen/"))
    assert form.status_code == 200 and 'value="1,50"' in form.content.decode()
    response = client.post(
        url(case, f"posten/{entry.pk}/wijzigen/"),
        {"quantity": "4", "occurred_on": "", "payer": "", "description": "Vier uur tolk"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#tijdlijn-interventie")
    entry.refresh_from_db()
    assert (entry.quantity, entry.amount, entry.occurred_on) == (
        Decimal("4.00"),
        Decimal("300.00"),
        None,
    )


def test_bad_change_keeps_what_was_typed(client_for, member, case, hour):
    entry = TimelineEntryFactory(case=case, price_item=hour)
    response = client_for(member).post(
        url(case, f"posten/{entry.pk}/wijzigen/"),
        {"quantity": "veel", "occurred_on": "", "payer": "", "description": "Mijn toelichting"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vul een getal in" in html and "Mijn toelichting" in html
    entry.refresh_from_db()
    assert entry.quantity == Decimal("1.00")


@pytest.mark.security
def test_only_the_case_team_changes_entries(
    client_for, colleague, project_leader, outsider, case, hour
):
    entry = TimelineEntryFactory(case=case, price_item=hour)
    edit = url(case, f"posten/{entry.pk}/wijzigen/")
    data = {"quantity": "9", "occurred_on": "", "payer": "", "description": ""}
    assert client_for(outsider).get(edit).status_code == 404
    assert client_for(outsider).post(edit, data).status_code == 404
    assert client_for(colleague).post(edit, data).status_code == 403
    assert client_for(project_leader).post(edit, data).status_code == 403
    entry.refresh_from_db()
    assert entry.quantity == Decimal("1.00")


@pytest.mark.security
def test_colleague_not_at_the_table_gets_the_restricted_view(client_for, colleague, case, hour):
    client = client_for(colleague)
    response = client.get(url(case))
    assert response.status_code == 403
    assert case.resident.last_name not in response.content.decode()
    assert client.post(url(case, "posten/nieuw/"), _entry_data(hour)).status_code == 403
    assert not TimelineEntry.objects.filter(case=case).exists()


def test_project_leader_reads_but_cannot_write(client_for, project_leader, case, hour):
    client = client_for(project_leader)
    html = client.get(url(case)).content.decode()
    assert "Alleen het casusteam van dit traject" in html
    assert 'id="post-toevoegen"' not in html
    assert client.post(url(case, "posten/nieuw/"), _entry_data(hour)).status_code == 403
    entry = TimelineEntryFactory(case=case, price_item=hour)
    assert client.post(url(case, f"posten/{entry.pk}/verwijderen/")).status_code == 403
    assert TimelineEntry.objects.filter(case=case).count() == 1


@pytest.mark.security
def test_outsider_gets_404_everywhere(client_for, outsider, case, hour):
    client = client_for(outsider)
    entry = TimelineEntryFactory(case=case, price_item=hour)
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case, "posten/nieuw/"), _entry_data(hour)).status_code == 404
    assert client.post(url(case, f"posten/{entry.pk}/verwijderen/")).status_code == 404
    assert TimelineEntry.objects.filter(case=case).count() == 1


@pytest.mark.security
def test_entry_of_another_case_is_404(client_for, member, case, hour, other_team):
    elsewhere = CaseFactory(team=other_team)
    foreign = TimelineEntryFactory(case=elsewhere, price_item=hour)
    response = client_for(member).post(url(case, f"posten/{foreign.pk}/verwijderen/"))
    assert response.status_code == 404
    assert TimelineEntry.objects.filter(pk=foreign.pk).exists()


@pytest.mark.security
def test_policy_staff_and_admin_get_404(client_for, policy_staff, functional_admin, case):
    for user in (policy_staff, functional_admin):
        assert client_for(user).get(url(case)).status_code == 404


@pytest.mark.security
def test_without_consent_the_restricted_view(client_for, team, member):
    case = CaseFactory(team=team, consent=False)
    CaseTeamMemberFactory(case=case, user=member)
    response = client_for(member).get(url(case))
    assert response.status_code == 403
    assert case.resident.full_name not in response.content.decode()


@pytest.mark.security
def test_anonymous_is_sent_to_login(client, case):
    response = client.get(url(case))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


@pytest.mark.parametrize("entries", [1, 40])
def test_case_calculator_query_count_does_not_grow(
    client_for, member, case, entries, django_assert_num_queries
):
    items = PriceItemFactory.create_batch(5)
    for n in range(entries):
        TimelineEntryFactory(
            case=case,
            price_item=items[n % 5],
            timeline=Timeline.REFERENCE if n % 2 else Timeline.INTERVENTION,
        )
    client = client_for(member)
    # The case with every access fact in one query (it was get_case_for 2, consent 1
    # and can_edit 1 before cases.access), then audit, header, entries, comparison,
    # price items, session and user.
    with django_assert_num_queries(13):
        assert client.get(url(case)).status_code == 200


def test_case_page_shows_the_effects_section(client_for, member, case, hour):
    TimelineEntryFactory(case=case, price_item=hour, quantity=Decimal(2), amount=Decimal(150))
    html = client_for(member).get(f"/trajecten/{case.pk}/").content.decode()
    assert "Effecten (schatting)" in html and "Naar de effectencalculator" in html
    assert "€\xa0150,00" in html
