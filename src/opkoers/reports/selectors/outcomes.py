"""What the work achieves: results per kind and goals reached per life domain, over the
cases closed in the period."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from opkoers.cases.models import CaseResult, ResultKind
from opkoers.core.models import LifeDomain
from opkoers.plans.models import Goal, GoalOutcome
from opkoers.reports.figures import Section, Table, count, share, text
from opkoers.reports.selectors._base import ReportScope

# A goal counts towards the share reached once it has an outcome; dropped goals are
# left out (the resident chose another goal, it was neither reached nor missed).
ASSESSED = [GoalOutcome.REACHED, GoalOutcome.PARTLY, GoalOutcome.NOT_REACHED]


def results(scope: ReportScope) -> Section:
    """Results per kind (uitkering geregeld, urgentie afgegeven, ...). Two queries."""
    closed = scope.closed_cases()
    per_kind = dict(
        CaseResult.objects.filter(case__in=closed.values("pk"))
        .values_list("kind_id")
        .annotate(n=Count("case", distinct=True))
        .order_by()
    )
    kinds = [
        (pk, name)
        for pk, name, active in ResultKind.objects.values_list("pk", "name", "active")
        if active or per_kind.get(pk)
    ]
    return Section(
        key="results",
        title=_("Resultaten"),
        figures=[(_("Behaalde resultaten"), count(sum(per_kind.values())))],
        tables=[
            Table(
                key="results",
                caption=_("Resultaten per soort (trajecten afgesloten in de periode)"),
                columns=[_("Resultaat"), _("Trajecten")],
                rows=[[text(name), count(per_kind.get(pk, 0))] for pk, name in kinds],
            )
        ],
    )


def goals_per_domain(scope: ReportScope) -> tuple[Table, int, int]:
    """Goals of the cases closed in the period, per life domain. One query. Returns the
    table and the totals (reached, assessed) for the headline."""
    per_domain = {
        row["domain"]: row
        for row in Goal.objects.filter(case__in=scope.closed_cases().values("pk"))
        .values("domain")
        .annotate(
            assessed=Count("pk", filter=Q(outcome__in=ASSESSED)),
            reached=Count("pk", filter=Q(outcome=GoalOutcome.REACHED)),
            partly=Count("pk", filter=Q(outcome=GoalOutcome.PARTLY)),
            not_reached=Count("pk", filter=Q(outcome=GoalOutcome.NOT_REACHED)),
        )
        .order_by()
    }
    empty = {"assessed": 0, "reached": 0, "partly": 0, "not_reached": 0}
    rows = []
    for value, label in LifeDomain.choices:
        row = per_domain.get(value, empty)
        rows.append(
            [
                text(str(label)),
                share(row["reached"], row["assessed"]),
                count(row["assessed"]),
                count(row["reached"]),
                count(row["partly"]),
                count(row["not_reached"]),
            ]
        )
    table = Table(
        key="goals",
        caption=_("Doelen per leefgebied (trajecten afgesloten in de periode)"),
        columns=[
            _("Leefgebied"),
            _("Aandeel bereikt"),
            _("Doelen beoordeeld"),
            _("Bereikt"),
            _("Deels bereikt"),
            _("Niet bereikt"),
        ],
        rows=rows,
        row_parts=(2, (3, 4, 5)),
    )
    reached = sum(r["reached"] for r in per_domain.values())
    assessed = sum(r["assessed"] for r in per_domain.values())
    return table, reached, assessed
