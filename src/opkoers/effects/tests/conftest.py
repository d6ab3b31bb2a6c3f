"""Price items with round prices, and a closed case, for the effects tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from opkoers.cases.models import Case, CaseStatus
from opkoers.effects.models import Payer, PriceItem
from opkoers.effects.tests.factories import PriceItemFactory


@pytest.fixture
def hour(db) -> PriceItem:
    return PriceItemFactory(name="Uur test", unit="per uur", price=Decimal("75.00"))


@pytest.fixture
def eviction(db) -> PriceItem:
    return PriceItemFactory(
        name="Uitzetting test",
        unit="per keer",
        price=Decimal("8000.00"),
        payer=Payer.HOUSING,
    )


@pytest.fixture
def crisis_day(db) -> PriceItem:
    return PriceItemFactory(
        name="Crisisdag test",
        unit="per dag",
        price=Decimal("650.10"),
        payer=Payer.HEALTH_INSURER,
    )


def close(case: Case, when: dt.datetime | None = None) -> Case:
    # Tests may put a case in a step directly; production code goes through transition().
    case.status = CaseStatus.CLOSED
    case.closed_at = when or timezone.now()
    case.save(update_fields=["status", "closed_at"])
    return case
