"""Effect measurement: change between intake and closing (ZRM per domain, the
Participatieladder rung), goals reached, and how that differs per month and per
referral channel. Over the cases closed in the period; a case counts in a comparison
only when both scores were recorded."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, F, FilteredRelation, Q
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from opkoers.cases.models import AssessmentMoment, Channel, DomainAssessment
from opkoers.core.models import LifeDomain
from opkoers.plans.models import Goal, GoalOutcome
from opkoers.reports.figures import Cell, Kind, Section, Table, count, share, text
from opkoers.reports.selectors._base import ReportScope
from opkoers.reports.selectors.outcomes import ASSESSED, goals_per_domain


def _avg(value: float | None, basis: int) -> Cell:
    # An average score is a figure over `basis` cases: suppressed like a median. Rounded
    # half up, as the lead times are (float round() would round 2.25 down).
    number = (
        Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP) if value is not None else None
    )
    return Cell(Kind.DAYS, number, basis=basis)


def zrm_change(scope: ReportScope) -> Table:
    """Per life domain: cases with a ZRM score at both intake and closing, and how many
    went up, stayed or went down. One query: the intake row is joined to the closing
    row (same case, same domain) through a filtered relation; a correlated subquery per
    figure measured seven times slower at 100,000 cases."""
    per_domain = {
        row["domain"]: row
        for row in DomainAssessment.objects.filter(
            case__in=scope.closed_cases().values("pk"),
            moment=AssessmentMoment.CLOSING,
            zrm_score__isnull=False,
        )
        .annotate(
            intake=FilteredRelation(
                "case__assessments",
                condition=Q(
                    case__assessments__moment=AssessmentMoment.INTAKE,
                    case__assessments__domain=F("domain"),
                ),
            ),
            at_intake=F("intake__zrm_score"),
        )
        .filter(at_intake__isnull=False)
        .values("domain")
        .annotate(
            n=Count("pk"),
            up=Count("pk", filter=Q(zrm_score__gt=F("at_intake"))),
            same=Count("pk", filter=Q(zrm_score=F("at_intake"))),
            down=Count("pk", filter=Q(zrm_score__lt=F("at_intake"))),
            avg_intake=Avg("at_intake"),
            avg_closing=Avg("zrm_score"),
        )
        .order_by()
    }
    rows = []
    for value, label in LifeDomain.choices:
        row = per_domain.get(value)
        n = row["n"] if row else 0
        rows.append(
            [
                text(str(label)),
                share(row["up"] if row else 0, n),
                count(n),
                count(row["up"] if row else 0),
                count(row["same"] if row else 0),
                count(row["down"] if row else 0),
                _avg(row["avg_intake"] if row else None, n),
                _avg(row["avg_closing"] if row else None, n),
            ]
        )
    return Table(
        key="zrm",
        caption=_("Zelfredzaamheid (ZRM) per leefgebied: intake tegenover afsluiten"),
        columns=[
            _("Leefgebied"),
            _("Aandeel verbeterd"),
            _("Trajecten"),
            _("Verbeterd"),
            _("Gelijk"),
            _("Verslechterd"),
            _("Gemiddeld bij intake"),
            _("Gemiddeld bij afsluiten"),
        ],
        rows=rows,
        has_total=False,
        row_parts=(2, (3, 4, 5)),
    )


def ladder_change(scope: ReportScope) -> tuple[Table, int, int]:
    """Distribution of the change in Participatieladder rung. One query."""
    per_change = dict(
        scope.closed_cases()
        .filter(ladder_at_intake__isnull=False, ladder_at_closing__isnull=False)
        .annotate(change=F("ladder_at_closing") - F("ladder_at_intake"))
        .values_list("change")
        .annotate(n=Count("pk"))
        .order_by()
    )
    n = sum(per_change.values())
    up = sum(v for k, v in per_change.items() if k > 0)
    rows = [
        [
            text(f"{change:+d}" if change else "0"),
            count(per_change.get(change, 0)),
            share(per_change.get(change, 0), n),
        ]
        for change in range(-5, 6)
        if per_change.get(change) or -2 <= change <= 2
    ]
    table = Table(
        key="ladder",
        caption=_("Verandering op de Participatieladder (treden, afsluiten min intake)"),
        columns=[_("Verandering"), _("Trajecten"), _("Aandeel")],
        rows=rows,
    )
    return table, up, n


NO_CASES = {"closed": 0, "measured": 0, "up": 0}
NO_GOALS = {"assessed": 0, "reached": 0}


def _measures_by(
    scope: ReportScope, case_group: Any, goal_group: Any
) -> tuple[dict[Any, dict[str, Any]], dict[Any, dict[str, Any]]]:
    """Per group of closed cases: cases closed, measured on the ladder and up on it; goals
    assessed and reached. `goal_group` is `case_group` seen from Goal. Two queries."""
    cases = {
        row["group"]: row
        for row in scope.closed_cases()
        .annotate(group=case_group)
        .values("group")
        .annotate(
            closed=Count("pk"),
            measured=Count(
                "pk", filter=Q(ladder_at_intake__isnull=False, ladder_at_closing__isnull=False)
            ),
            up=Count("pk", filter=Q(ladder_at_closing__gt=F("ladder_at_intake"))),
        )
        .order_by()
    }
    goals = {
        row["group"]: row
        for row in Goal.objects.filter(case__in=scope.closed_cases().values("pk"))
        .annotate(group=goal_group)
        .values("group")
        .annotate(
            assessed=Count("pk", filter=Q(outcome__in=ASSESSED)),
            reached=Count("pk", filter=Q(outcome=GoalOutcome.REACHED)),
        )
        .order_by()
    }
    return cases, goals


def _measure_row(label: str, cases: dict[str, Any], goals: dict[str, Any]) -> list[Cell]:
    return [
        text(label),
        count(cases["closed"]),
        share(cases["up"], cases["measured"]),
        share(goals["reached"], goals["assessed"]),
    ]


def by_month(scope: ReportScope) -> Table:
    """Trend: per month of closing, cases closed, share up on the ladder, share of goals
    reached. Two queries."""
    cases, goals = _measures_by(scope, TruncMonth("closed_at"), TruncMonth("case__closed_at"))
    return Table(
        key="trend",
        caption=_("Per maand van afsluiten"),
        columns=[
            _("Maand"),
            _("Afgesloten"),
            _("Hoger op de ladder"),
            _("Doelen bereikt"),
        ],
        rows=[
            _measure_row(
                formats.date_format(month, "YEAR_MONTH_FORMAT"),
                cases[month],
                goals.get(month, NO_GOALS),
            )
            for month in sorted(cases)
        ],
    )


def by_channel(scope: ReportScope) -> Table:
    """Where it works best: per referral channel, the same measures. Two queries."""
    cases, goals = _measures_by(scope, F("channel"), F("case__channel"))
    return Table(
        key="channel_effect",
        caption=_("Per aanmeldkanaal"),
        columns=[_("Kanaal"), _("Afgesloten"), _("Hoger op de ladder"), _("Doelen bereikt")],
        rows=[
            _measure_row(str(label), cases.get(value, NO_CASES), goals.get(value, NO_GOALS))
            for value, label in Channel.choices
        ],
    )


def effects(scope: ReportScope) -> Section:
    goals, reached, assessed = goals_per_domain(scope)
    ladder, up, measured = ladder_change(scope)
    return Section(
        key="effects",
        title=_("Effectmeting"),
        figures=[
            (_("Hoger op de Participatieladder"), share(up, measured)),
            (_("Doelen bereikt"), share(reached, assessed)),
        ],
        tables=[ladder, zrm_change(scope), goals, by_month(scope), by_channel(scope)],
        notes=[
            _(
                "Over de trajecten die in de periode zijn afgesloten en waarvan de score "
                "bij intake én bij afsluiten is vastgelegd."
            )
        ],
    )
