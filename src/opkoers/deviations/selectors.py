"""Reads for the deviation pages, the case page and the factsheet; counts per rule are
GROUP BY queries in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber, TruncMonth

from opkoers.accounts.selectors import team_ids
from opkoers.deviations.models import COUNTED_STATUSES, Deviation, DeviationStatus

if TYPE_CHECKING:
    from opkoers.accounts.models import Team
    from opkoers.cases.models import Case

EXAMPLES_PER_RULE = 3
BOTTLENECK_LIMIT = 50


def case_deviations(case: Case) -> list[Deviation]:
    """The case's deviations page: 1 query."""
    return list(
        Deviation.objects.filter(case=case).select_related("rule", "registered_by", "approved_by")
    )


@dataclass(frozen=True)
class CaseSection:
    total: int
    pending: int


def case_section(case: Case) -> CaseSection:
    """The numbers on the case page: 1 query."""
    row = Deviation.objects.filter(case=case).aggregate(
        total=Count("id", filter=~Q(status=DeviationStatus.REJECTED)),
        pending=Count("id", filter=Q(status=DeviationStatus.PENDING)),
    )
    return CaseSection(**row)


def register_for(
    team: Team,
    *,
    rule_id: Any = None,
    status: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Deviation]:
    """The project leader's register with its filters; the view pages it."""
    rows = Deviation.objects.filter(team=team).select_related(
        "case", "rule", "registered_by", "approved_by"
    )
    if rule_id:
        rows = rows.filter(rule_id=rule_id)
    if status:
        rows = rows.filter(status=status)
    if date_from:
        rows = rows.filter(decided_on__gte=date_from)
    if date_to:
        rows = rows.filter(decided_on__lte=date_to)
    return rows.order_by("-decided_on", "-created_at")


def _counted(teams: QuerySet[Team] | Iterable[Any], date_from: dt.date, date_to: dt.date) -> Any:
    return Deviation.objects.filter(
        team_id__in=team_ids(teams),
        status__in=COUNTED_STATUSES,
        decided_on__gte=date_from,
        decided_on__lte=date_to,
    )


def deviations_per_rule(
    teams: QuerySet[Team] | Iterable[Any], date_from: dt.date, date_to: dt.date
) -> list[dict[str, Any]]:
    """For the factsheet and the bottleneck overview: per rule, how often the teams
    deviated from it and for how many residents, most frequent first (1 query).
    Rows: rule_id, name, regulation, article, deviations, residents."""
    return list(
        _counted(teams, date_from, date_to)
        .values("rule_id")
        .annotate(
            name=F("rule__name"),
            regulation=F("rule__regulation"),
            article=F("rule__article"),
            deviations=Count("id"),
            residents=Count("case__resident_id", distinct=True),
        )
        .order_by("-deviations", "name")[:BOTTLENECK_LIMIT]
    )


@dataclass
class Bottleneck:
    rule: dict[str, Any]
    examples: list[dict[str, Any]] = field(default_factory=list)


def bottlenecks(
    teams: QuerySet[Team] | Iterable[Any], date_from: dt.date, date_to: dt.date
) -> list[Bottleneck]:
    """Rules that block residents most, each with a few anonymised examples (2
    queries). An example is only the two free texts the author marked as shareable
    (checked for the resident's name when saved) and the month: no resident, case,
    team member, exact date or team name, so policy staff see no personal data."""
    rows = deviations_per_rule(teams, date_from, date_to)
    by_rule = {row["rule_id"]: Bottleneck(rule=row) for row in rows}
    if by_rule:
        examples = (
            _counted(teams, date_from, date_to)
            .filter(rule_id__in=list(by_rule), share_as_example=True)
            .annotate(
                month=TruncMonth("decided_on"),
                number=Window(
                    RowNumber(),
                    partition_by=[F("rule_id")],
                    order_by=[F("decided_on").desc(), F("id").asc()],
                ),
            )
            .filter(number__lte=EXAMPLES_PER_RULE)
            .values("rule_id", "month", "what_differently", "why_it_helps")
        )
        for example in examples:
            by_rule[example["rule_id"]].examples.append(example)
    return list(by_rule.values())
