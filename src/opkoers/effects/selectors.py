"""Reads for the calculator pages. Totals are summed in the database (GROUP BY), never
by looping over rows in Python; query counts are pinned in tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, DecimalField, Exists, F, OuterRef, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from opkoers.accounts.models import Team
from opkoers.cases.models import Case, CaseStatus
from opkoers.core.replica import reads_from_replica
from opkoers.effects.models import ZERO, Payer, PriceItem, Timeline, TimelineEntry

if TYPE_CHECKING:
    from opkoers.accounts.models import User

MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=14, decimal_places=2)


@dataclass
class PayerRow:
    payer: str
    label: str
    intervention: Decimal = ZERO
    reference: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        """What the intervention saved this payer (negative: it cost them more)."""
        return self.reference - self.intervention


@dataclass
class Comparison:
    rows: list[PayerRow] = field(default_factory=list)

    @property
    def intervention(self) -> Decimal:
        return sum((r.intervention for r in self.rows), ZERO)

    @property
    def reference(self) -> Decimal:
        return sum((r.reference for r in self.rows), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.reference - self.intervention

    @property
    def empty(self) -> bool:
        return not self.rows


def _comparison(entries: QuerySet[TimelineEntry]) -> Comparison:
    """One GROUP BY (timeline, payer) query; the few resulting sums (at most 2 × the
    number of payers) are arranged per payer here."""
    sums = (
        entries.order_by()
        .values("timeline", "payer")
        .annotate(total=Coalesce(Sum("amount", output_field=MONEY), ZERO, output_field=MONEY))
    )
    by_payer: dict[str, PayerRow] = {}
    for row in sums:
        payer = row["payer"]
        target = by_payer.setdefault(
            payer,
            PayerRow(
                payer=payer, label=str(Payer(payer).label) if payer in Payer.values else payer
            ),
        )
        total = Decimal(row["total"]).quantize(Decimal("0.01"))
        if row["timeline"] == Timeline.INTERVENTION:
            target.intervention += total
        else:
            target.reference += total
    order = {value: i for i, value in enumerate(Payer.values)}
    return Comparison(rows=sorted(by_payer.values(), key=lambda r: order.get(r.payer, 99)))


def case_comparison(case: Case) -> Comparison:
    return _comparison(TimelineEntry.objects.filter(case=case))


@dataclass
class CaseEffects:
    intervention: list[TimelineEntry]
    reference: list[TimelineEntry]
    comparison: Comparison
    items_used: list[PriceItem]


def case_effects(case: Case) -> CaseEffects:
    """Both timelines of one case (one query), their comparison (one query). The
    price items used are the assumptions the page lists, taken from the same rows."""
    entries = list(
        TimelineEntry.objects.filter(case=case)
        .select_related("price_item")
        .order_by("timeline", F("occurred_on").asc(nulls_last=True), "created_at")
    )
    used: dict[object, PriceItem] = {}
    for entry in entries:
        used.setdefault(entry.price_item_id, entry.price_item)
    return CaseEffects(
        intervention=[e for e in entries if e.timeline == Timeline.INTERVENTION],
        reference=[e for e in entries if e.timeline == Timeline.REFERENCE],
        comparison=case_comparison(case),
        items_used=sorted(used.values(), key=lambda item: item.name),
    )


def active_price_items() -> list[PriceItem]:
    return list(PriceItem.objects.filter(active=True).order_by("name"))


def price_list() -> QuerySet[PriceItem]:
    return PriceItem.objects.order_by("-active", "name")


# --- the aggregate ----------------------------------------------------------------------


def teams_for_aggregate(user: User) -> QuerySet[Team]:
    """Project leaders and professionals: their own teams. Policy staff: every team."""
    if user.is_policy_staff:
        return Team.objects.order_by("name")
    if user.works_on_cases:
        return Team.objects.filter(memberships__user=user).order_by("name")
    return Team.objects.none()


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class Aggregate:
    start: datetime.date
    end: datetime.date
    closed_cases: int
    cases_with_entries: int
    comparison: Comparison


def aggregate(*, teams: list[Team], start: datetime.date, end: datetime.date) -> Aggregate:
    """Closed cases whose closing date falls in [start, end] (both inclusive), of the
    given teams. Two queries: the case counts, and the sums per timeline and payer.
    Figures only: no case reference or name leaves this function."""
    # Bounds as local midnights, not closed_at__date: a function on the column would keep
    # the database from using the (status, closed_at) index.
    cases = Case.objects.filter(
        status=CaseStatus.CLOSED,
        closed_at__gte=_midnight(start),
        closed_at__lt=_midnight(end + datetime.timedelta(days=1)),
        team__in=[t.pk for t in teams],
    )
    # Figures over closed cases: they may come from the replica (decision 0027).
    with reads_from_replica():
        counts = cases.aggregate(
            closed=Count("id"),
            with_entries=Count(
                "id", filter=Exists(TimelineEntry.objects.filter(case=OuterRef("pk")))
            ),
        )
        comparison = _comparison(TimelineEntry.objects.filter(case__in=cases))
    return Aggregate(
        start=start,
        end=end,
        closed_cases=counts["closed"],
        cases_with_entries=counts["with_entries"],
        comparison=comparison,
    )
