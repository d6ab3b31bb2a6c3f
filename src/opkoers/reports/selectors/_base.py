"""The report's scope (teams and period) and the one statistic SQL lacks portably:
percentiles of durations.

Percentiles: PostgreSQL has `percentile_cont`, SQLite has nothing of the kind. Rather
than two code paths that could disagree, both databases get the same method (see
docs/decisions/0012-reports-aggregates-and-percentiles.md): count the cases, then ask
the database for the two neighbouring values around each percentile position with
ORDER BY … LIMIT 2 OFFSET k, and interpolate linearly between them, which is exactly
what percentile_cont does. The database sorts; at most two values per percentile
leave it, and the number of queries is fixed whatever the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from opkoers.accounts.models import Team
from opkoers.cases.models import Case

PERCENTILES = (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"))
DAY = Decimal(86400)


@dataclass(frozen=True)
class ReportScope:
    """Which teams and which period (both dates inclusive). `teams` stays a lazy
    queryset so that it becomes a subquery, not a list of thousands of ids."""

    teams: QuerySet[Team]
    start: dt.date
    end: dt.date
    today: dt.date

    @property
    def since(self) -> dt.datetime:
        return _midnight(self.start)

    @property
    def until(self) -> dt.datetime:
        """Exclusive upper bound: midnight after the last day."""
        return _midnight(self.end + dt.timedelta(days=1))

    def cases(self) -> QuerySet[Case]:
        return Case.objects.filter(team__in=self.teams.values("pk"))

    def in_period(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.since, f"{field}__lt": self.until})

    def active_cases(self) -> QuerySet[Case]:
        """Cases that ran on at least one day of the period."""
        return (
            self.cases()
            .filter(registered_at__lt=self.until)
            .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=self.since))
        )

    def closed_cases(self) -> QuerySet[Case]:
        return self.cases().filter(self.in_period("closed_at"), status="afgesloten")


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _days(value: Any) -> Decimal:
    # SQLite hands back a timedelta, as PostgreSQL does, through Django's converters.
    seconds = Decimal(str(value.total_seconds())) if value is not None else Decimal(0)
    return seconds / DAY


@dataclass(frozen=True)
class Spread:
    n: int
    p25: Decimal | None
    median: Decimal | None
    p75: Decimal | None


def duration_spread(queryset: QuerySet[Any], start: str, end: str, n: int) -> Spread:
    """p25, median and p75 of (end - start) in days over `queryset`, whose rows all have
    both fields set and whose size `n` the caller counted (in one aggregate with other
    counts). Three small queries, each returning at most two values."""
    if n == 0:
        return Spread(0, None, None, None)
    ordered = queryset.annotate(
        _duration=ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    ).order_by("_duration", "pk")
    values = []
    for p in PERCENTILES:
        position = p * (n - 1)
        k = int(position)
        fraction = position - k
        pair = [_days(v) for v in ordered.values_list("_duration", flat=True)[k : k + 2]]
        low = pair[0]
        high = pair[1] if len(pair) > 1 else low
        values.append((low + (high - low) * fraction).quantize(Decimal("0.1"), ROUND_HALF_UP))
    return Spread(n, *values)
