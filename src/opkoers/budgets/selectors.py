"""Reads for the budget pages, the case page, the worklist and the factsheet. Sums are
computed in the database; every function here runs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, DecimalField, Max, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from opkoers.accounts.selectors import team_ids
from opkoers.budgets.models import (
    COMMITTED_STATUSES,
    OPEN_STATUSES,
    BudgetPot,
    BudgetRequest,
    RequestStatus,
)
from opkoers.budgets.services import cap_for, committed_for_resident

if TYPE_CHECKING:
    from opkoers.accounts.models import Team, User
    from opkoers.cases.models import Case

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2))
QUEUE_LIMIT = 100
PER_RESIDENT_LIMIT = 100
NOTICE_DAYS = 14
NOTICE_LIMIT = 10


def _sum(condition: Q) -> Coalesce:
    return Coalesce(Sum("amount", filter=condition), ZERO)


@dataclass(frozen=True)
class CaseBudget:
    requests: list[BudgetRequest]
    cap: Decimal
    resident_committed: Decimal

    @property
    def resident_left(self) -> Decimal:
        return max(self.cap - self.resident_committed, Decimal("0.00"))


def case_budget(case: Case) -> CaseBudget:
    """The case's budget page: 3 queries."""
    requests = list(
        BudgetRequest.objects.filter(case=case).select_related(
            "goal", "requested_by", "decided_by", "cancelled_by"
        )
    )
    return CaseBudget(
        requests=requests,
        cap=cap_for(case.team_id),
        resident_committed=committed_for_resident(
            team_id=case.team_id, resident_id=case.resident_id
        ),
    )


@dataclass(frozen=True)
class CaseSection:
    open_count: int
    committed: Decimal
    paid: Decimal


def case_section(case: Case) -> CaseSection:
    """The numbers on the case page: 1 query."""
    row = BudgetRequest.objects.filter(case=case).aggregate(
        open_count=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        committed=_sum(Q(status__in=COMMITTED_STATUSES)),
        paid=_sum(Q(status=RequestStatus.PAID)),
    )
    return CaseSection(**row)


def approval_queue(team: Team) -> list[BudgetRequest]:
    """Open requests, oldest first: 1 query."""
    return list(
        BudgetRequest.objects.filter(team=team, status__in=OPEN_STATUSES)
        .select_related("case", "goal", "requested_by")
        .order_by("requested_at")[:QUEUE_LIMIT]
    )


@dataclass(frozen=True)
class TeamOverview:
    year: int
    pot: Decimal | None
    committed: Decimal
    paid: Decimal
    open_amount: Decimal
    open_count: int
    per_resident: list[dict[str, Any]]

    @property
    def left(self) -> Decimal | None:
        return None if self.pot is None else self.pot - self.committed


def team_overview(team: Team, year: int) -> TeamOverview:
    """Pot, committed, paid and per resident for one year: 3 queries.

    Per resident the overview names a case reference, not the resident: the project
    leader needs the spread, and a reference keeps names off a page that lists many
    cases at once (consent is decided per case)."""
    pot = BudgetPot.objects.filter(team=team, year=year).values_list("amount", flat=True).first()
    in_year = Q(pot_year=year, status__in=COMMITTED_STATUSES)
    totals = BudgetRequest.objects.filter(team=team).aggregate(
        committed=_sum(in_year),
        paid=_sum(Q(pot_year=year, status=RequestStatus.PAID)),
        open_amount=_sum(Q(status__in=OPEN_STATUSES)),
        open_count=Count("id", filter=Q(status__in=OPEN_STATUSES)),
    )
    per_resident = list(
        BudgetRequest.objects.filter(in_year, team=team)
        .values("case__resident_id")
        .annotate(
            reference=Max("case__reference"),
            committed=Sum("amount"),
            paid=_sum(Q(status=RequestStatus.PAID)),
            requests=Count("id"),
        )
        .order_by("-committed", "reference")[:PER_RESIDENT_LIMIT]
    )
    return TeamOverview(year=year, pot=pot, per_resident=per_resident, **totals)


def ledger(team: Team, year: int) -> QuerySet[BudgetRequest]:
    """Committed requests of a year, for the ledger page and the exports."""
    return (
        BudgetRequest.objects.filter(team=team, pot_year=year, status__in=COMMITTED_STATUSES)
        .select_related("case", "goal", "requested_by", "decided_by")
        .order_by("decided_at", "id")
    )


def recent_decisions_for(user: User) -> list[BudgetRequest]:
    """'The requester is told': the last two weeks' decisions on the user's own
    requests, shown on their worklist (1 query). No message table: the request row is
    the message, so nothing can get out of step."""
    since = timezone.now() - dt.timedelta(days=NOTICE_DAYS)
    return list(
        BudgetRequest.objects.filter(requested_by=user)
        .filter(Q(decided_at__gte=since) | Q(cancelled_at__gte=since))
        .exclude(status=RequestStatus.WITHDRAWN)
        .select_related("case")
        .order_by(Coalesce("cancelled_at", "decided_at").desc())[:NOTICE_LIMIT]
    )


# --- factsheet --------------------------------------------------------------------------


def budget_figures(
    teams: QuerySet[Team] | Iterable[Any], date_from: dt.date, date_to: dt.date
) -> dict[str, Any]:
    """Requested / approved / paid in a period (both dates inclusive), for the
    factsheet: counts and amounts, one query. 'Approved' counts approvals decided in
    the period that still stand (approved or since paid)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    requested = Q(requested_at__gte=start, requested_at__lt=end)
    approved = Q(decided_at__gte=start, decided_at__lt=end, status__in=COMMITTED_STATUSES)
    paid = Q(paid_on__gte=date_from, paid_on__lte=date_to, status=RequestStatus.PAID)
    return BudgetRequest.objects.filter(team_id__in=team_ids(teams)).aggregate(
        requested_count=Count("id", filter=requested),
        requested_amount=_sum(requested),
        approved_count=Count("id", filter=approved),
        approved_amount=_sum(approved),
        paid_count=Count("id", filter=paid),
        paid_amount=_sum(paid),
        residents_helped=Count("case__resident_id", filter=approved, distinct=True),
    )
