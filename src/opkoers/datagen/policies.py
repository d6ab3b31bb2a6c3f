"""Per-team and shared rows of the later features (budget settings and pots, deviation
settings, the catalogue of rules), and what the hot path reads once (the price list).
A few thousand rows at most, so these go through the ORM, like people.py."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from opkoers.budgets.models import DEFAULT_CAP, BudgetPot, TeamBudgetPolicy
from opkoers.datagen.names import RULES
from opkoers.datagen.people import TeamPeople
from opkoers.deviations.models import Rule, TeamDeviationPolicy
from opkoers.effects.models import PriceItem

# Per-resident caps, spread over the teams by team index (see team_cap_cents).
CAPS = (DEFAULT_CAP, DEFAULT_CAP, Decimal("1500.00"), Decimal("3000.00"))


def team_cap_cents(t: int) -> int:
    return int(CAPS[t % len(CAPS)] * 100)


def team_requires_approval(t: int) -> bool:
    """Three in four teams have their project leader approve each deviation."""
    return t % 4 != 3


@dataclass(frozen=True)
class PriceRow:
    """What the hot path needs of a price item."""

    id: str  # hex uuid
    name: str
    unit: str
    cents: int
    payer: str


def create_team_settings(teams: list[TeamPeople], years: range) -> None:
    """A budget policy and a pot per year for every team, and the deviation setting.
    The pot is about what a team of 250 cases spends on the maatwerkbudget in a year."""
    ids = [uuid.UUID(hex=team.id) for team in teams]
    TeamBudgetPolicy.objects.bulk_create(
        [
            TeamBudgetPolicy(team_id=pk, per_resident_cap=CAPS[t % len(CAPS)])
            for t, pk in enumerate(ids)
        ],
        batch_size=2000,
    )
    BudgetPot.objects.bulk_create(
        [
            BudgetPot(team_id=pk, year=year, amount=Decimal(40_000 + 5_000 * (t % 7)))
            for t, pk in enumerate(ids)
            for year in years
        ],
        batch_size=5000,
    )
    TeamDeviationPolicy.objects.bulk_create(
        [
            TeamDeviationPolicy(team_id=pk, approval_required=team_requires_approval(t))
            for t, pk in enumerate(ids)
        ],
        batch_size=2000,
    )


def shared_rules() -> list[str]:
    """The catalogue of rules is shared by all teams; reuse the ones already there."""
    Rule.objects.bulk_create(
        [Rule(name=n, regulation=r, article=a) for n, r, a in RULES], ignore_conflicts=True
    )
    names = {n for n, _r, _a in RULES}
    return [
        pk.hex
        for pk in Rule.objects.filter(name__in=names).order_by("name").values_list("pk", flat=True)
    ]


def price_rows() -> list[PriceRow]:
    return [
        PriceRow(p.pk.hex, p.name, p.unit, int(p.price * 100), p.payer)
        for p in PriceItem.objects.filter(active=True).order_by("name")
    ]
