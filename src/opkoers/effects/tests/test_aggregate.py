"""Effects over the closed cases of a period: sums in the database, figures only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from opkoers.accounts.tests.factories import TeamFactory, UserFactory
from opkoers.cases.tests.factories import CaseFactory
from opkoers.effects.models import Payer, Timeline
from opkoers.effects.selectors import aggregate
from opkoers.effects.tests.conftest import close
from opkoers.effects.tests.factories import TimelineEntryFactory

URL = "/effecten/"


def _entry(case, item, amount, timeline=Timeline.INTERVENTION, payer=None):
    return TimelineEntryFactory(
        case=case,
        price_item=item,
        timeline=timeline,
        quantity=Decimal(1),
        unit_price=Decimal(amount),
        amount=Decimal(amount),
        payer=payer or item.payer,
    )


@pytest.fixture
def closed_this_year(case, hour, eviction):
    close(case, timezone.now())
    _entry(case, hour, "150.00")
    _entry(case, eviction, "8000.00", Timeline.REFERENCE)
    return case


def test_sums_closed_cases_of_the_period_only(team, closed_this_year, hour, eviction):
    open_case = CaseFactory(team=team)
    _entry(open_case, hour, "1000.00")
    last_year = close(CaseFactory(team=team), timezone.now() - dt.timedelta(days=800))
    _entry(last_year, eviction, "5000.00", Timeline.REFERENCE)
    today = timezone.localdate()
    result = aggregate(teams=[team], start=dt.date(today.year, 1, 1), end=today)
    assert result.closed_cases == 1 and result.cases_with_entries == 1
    comparison = result.comparison
    assert (comparison.intervention, comparison.reference) == (
        Decimal("150.00"),
        Decimal("8000.00"),
    )
    assert comparison.difference == Decimal("7850.00")
    assert {r.payer for r in comparison.rows} == {Payer.MUNICIPALITY, Payer.HOUSING}


def test_a_closed_case_without_entries_is_counted(team, closed_this_year):
    close(CaseFactory(team=team))
    today = timezone.localdate()
    result = aggregate(teams=[team], start=dt.date(today.year, 1, 1), end=today)
    assert (result.closed_cases, result.cases_with_entries) == (2, 1)


def test_member_sees_own_team_figures(client_for, member, closed_this_year, other_team, hour):
    elsewhere = close(CaseFactory(team=other_team))
    _entry(elsewhere, hour, "99999.00")
    html = client_for(member).get(URL).content.decode()
    assert "Dit is een schatting" in html
    assert "€\xa0150,00" in html and "€\xa08.000,00" in html
    assert "99.999" not in html


def test_policy_staff_sees_all_teams_without_personal_data(
    client_for, policy_staff, closed_this_year, team, other_team, hour
):
    others = [close(CaseFactory(team=other_team)) for _ in range(5)]
    for case in others:
        _entry(case, hour, "10.00")
    for _ in range(4):
        _entry(close(CaseFactory(team=team)), hour, "1.00")
    html = client_for(policy_staff).get(URL).content.decode()
    assert "€\xa0204,00" in html  # 150 + 5 × 10 + 4 × 1
    for case in (closed_this_year, *others):
        assert case.reference not in html
        assert case.resident.last_name not in html
        assert str(case.pk) not in html
    # One team chosen.
    html = client_for(policy_staff).get(URL, {"team": str(other_team.pk)}).content.decode()
    assert "€\xa050,00" in html and "€\xa0204,00" not in html


@pytest.mark.security
def test_small_numbers_are_suppressed_for_policy_staff(
    client_for, policy_staff, member, closed_this_year
):
    html = client_for(policy_staff).get(URL).content.decode()
    assert 'id="suppressed"' in html
    assert "€\xa0150,00" not in html and "€\xa08.000,00" not in html
    # The team itself sees its own figures, however few.
    assert "€\xa0150,00" in client_for(member).get(URL).content.decode()


def test_period_form_filters_and_bad_input_falls_back(client_for, member, closed_this_year):
    client = client_for(member)
    html = client.get(URL, {"start": "2000-01-01", "end": "2000-12-31"}).content.decode()
    assert "geen afgesloten trajecten met een effectberekening" in html
    for bad in ({"start": "gisteren"}, {"start": "2026-05-01", "end": "2026-01-01"}):
        response = client.get(URL, bad)
        assert response.status_code == 200
        assert "Controleer de periode" in response.content.decode()
        assert "€\xa0150,00" in response.content.decode()  # the default period


@pytest.mark.security
def test_team_member_cannot_pick_another_team(client_for, member, other_team, hour):
    elsewhere = close(CaseFactory(team=other_team))
    _entry(elsewhere, hour, "777.00")
    html = client_for(member).get(URL, {"team": str(other_team.pk)}).content.decode()
    assert "777" not in html


@pytest.mark.security
def test_functional_admin_and_privacy_officer_get_403(client_for, functional_admin, db):
    privacy = UserFactory(role="privacy")
    for user in (functional_admin, privacy):
        assert client_for(user).get(URL).status_code == 403


@pytest.mark.security
def test_outsider_sees_nothing_of_another_team(client_for, outsider, closed_this_year):
    html = client_for(outsider).get(URL).content.decode()
    assert "€\xa0150,00" not in html
    assert "geen afgesloten trajecten met een effectberekening" in html


@pytest.mark.security
def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


@pytest.mark.parametrize("n_cases", [1, 25])
def test_aggregate_query_count_does_not_grow(
    client_for, policy_staff, team, hour, eviction, n_cases, django_assert_max_num_queries
):
    for n in range(n_cases):
        case = close(CaseFactory(team=TeamFactory() if n % 3 else team))
        _entry(case, hour, "10.00")
        _entry(case, eviction, "20.00", Timeline.REFERENCE)
    client = client_for(policy_staff)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200
