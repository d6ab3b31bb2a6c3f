"""Every date has a sane range and every amount a maximum (core.validation, core.forms):
a Dutch message with a code, what was typed stays in the form, and never a 500."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from opkoers.core.forms import (
    BoundedDateField,
    BoundedDateTimeField,
    BoundedIntegerField,
    MoneyField,
)
from opkoers.core.validation import EARLIEST_DATE, MAX_MONEY, latest_date

pytestmark = pytest.mark.security


def code_of(field: forms.Field, value: Any) -> str | None:
    try:
        field.clean(value)
    except ValidationError as exc:
        return exc.error_list[0].code
    return None


def test_dates_between_1900_and_ten_years_ahead() -> None:
    field = BoundedDateField()
    today = timezone.localdate()
    assert code_of(field, today.isoformat()) is None
    assert code_of(field, EARLIEST_DATE.isoformat()) is None
    assert code_of(field, latest_date(today).isoformat()) is None
    assert code_of(field, (EARLIEST_DATE - datetime.timedelta(days=1)).isoformat()) == (
        "date_too_early"
    )
    assert code_of(field, (latest_date(today) + datetime.timedelta(days=1)).isoformat()) == (
        "date_too_late"
    )
    assert code_of(field, "9999-12-31") == "date_too_late"
    assert code_of(field, "0001-01-01") == "date_too_early"
    for garbage in ("10000-01-01", "2026-02-30", "morgen", "\x00"):
        assert code_of(field, garbage) == "invalid"


def test_past_only_dates() -> None:
    field = BoundedDateField(not_in_future=True)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert code_of(field, tomorrow.isoformat()) == "date_in_future"
    assert code_of(field, timezone.localdate().isoformat()) is None


def test_date_times_are_bounded_too() -> None:
    field = BoundedDateTimeField()
    assert code_of(field, "9999-12-31T23:59") == "date_too_late"
    assert code_of(field, "0001-01-01T00:00") == "date_too_early"
    assert code_of(field, "2026-03-14T10:00") is None


def test_leap_day_ten_years_on() -> None:
    assert latest_date(datetime.date(2028, 2, 29)) == datetime.date(2038, 2, 28)


def test_money_has_a_maximum_and_cents() -> None:
    field = MoneyField()
    assert field.clean("75,50") == Decimal("75.50")
    assert code_of(field, str(MAX_MONEY)) is None
    assert code_of(field, "1000000,01") == "max_value"
    assert code_of(field, "-1") == "min_value"
    assert code_of(field, "1e999999") in {"max_value", "max_digits"}
    assert code_of(field, "1,005") == "max_decimal_places"
    assert code_of(field, "NaN") == "invalid"


def test_integers_have_both_ends() -> None:
    field = BoundedIntegerField(min_value=1, max_value=20)
    assert code_of(field, "99999999999999999999999") == "max_value"
    assert code_of(field, "0") == "min_value"
    assert code_of(field, "1e3") == "invalid"


@pytest.mark.django_db
def test_model_decimal_columns_cannot_be_exceeded_through_a_form() -> None:
    """Every amount field of a form stays within its model column (12 digits, 2 decimals)."""
    from opkoers.budgets.forms import BudgetRequestForm, CapForm, PotForm
    from opkoers.effects.forms import EntryForm, PriceItemForm

    column_max = Decimal("9999999999.99")
    assert PriceItemForm.base_fields["price"].max_value <= column_max
    for form, name in ((BudgetRequestForm, "amount"), (CapForm, "cap"), (PotForm, "amount")):
        assert form.base_fields[name].max_value <= column_max
    # Quantity × the dearest price stays within the entry's amount column.
    quantity = EntryForm.base_fields["quantity"].max_value
    assert quantity * MAX_MONEY <= column_max


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, actor, params",
    [
        ("audit:log", "privacy", {"date_from": "9999-12-31", "date_to": "9999-12-31"}),
        ("audit:log", "privacy", {"date_from": "0001-01-01"}),
        ("reports:dashboard", "leader", {"date_from": "0001-01-01", "date_to": "9999-12-31"}),
        ("reports:csv", "leader", {"date_to": "9999-12-31"}),
        ("effects:aggregate", "member", {"start": "0001-01-01", "end": "9999-12-31"}),
        ("deviation_team:register", "leader", {"date_to": "9999-12-31"}),
        ("deviation_team:bottlenecks", "leader", {"date_from": "0001-01-01"}),
    ],
)
def test_far_dates_in_filters_give_the_form_error(
    client_for: Any,
    member: Any,
    project_leader: Any,
    name: str,
    actor: str,
    params: dict[str, str],
) -> None:
    from opkoers.accounts.models import Role
    from opkoers.accounts.tests.factories import UserFactory

    users = {
        "member": member,
        "leader": project_leader,
        "privacy": UserFactory(role=Role.PRIVACY_OFFICER),
    }
    response = client_for(users[actor]).get(reverse(name), params)
    assert response.status_code in (200, 422), response.status_code
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert "Vul een datum in" in html
        assert next(iter(params.values())) in html  # what was typed is kept


@pytest.mark.django_db
def test_huge_amounts_in_budget_forms_are_refused_kindly(
    client_for: Any, project_leader: Any
) -> None:
    client = client_for(project_leader)
    url = reverse("budget_team:settings")
    for data in (
        {"form": "cap", "cap": "1e999999"},
        {"form": "cap", "cap": "99999999999999999999"},
        {"form": "pot", "year": "2026", "amount": "1e30"},
        {"form": "pot", "year": "99999999999999999999999", "amount": "10"},
    ):
        response = client.post(url, data)
        assert response.status_code in (200, 422), (data, response.status_code)
        assert "Controleer het formulier" in response.content.decode() or (
            response.status_code == 422
        )


@pytest.mark.django_db
def test_budget_money_service_refuses_huge_exponents() -> None:
    from opkoers.budgets.services import money

    for text in ("1e999999", "-1e999999", "1e27"):
        with pytest.raises(ValidationError) as info:
            money(text)
        assert info.value.code == "too_big"


@pytest.mark.django_db
def test_birth_date_in_the_future_is_refused(client_for: Any, member: Any, team: Any) -> None:
    from opkoers.residents.forms import ResidentBasicsForm

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = ResidentBasicsForm(
        data={"first_name": "Ilse", "last_name": "Veld", "date_of_birth": tomorrow}
    )
    assert not form.is_valid()
    assert form.errors.as_data()["date_of_birth"][0].code == "date_in_future"


def test_bound_messages_follow_the_language_of_the_request() -> None:
    from django.utils import translation

    field = MoneyField()
    for language, expected in (("en", "Enter an amount"), ("nl", "Vul een bedrag in")):
        with translation.override(language):
            with pytest.raises(ValidationError) as info:
                field.clean("-1")
            assert str(info.value.messages[0]).startswith(expected)
