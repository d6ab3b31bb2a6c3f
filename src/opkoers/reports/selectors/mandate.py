"""Tailored budget (requested, approved, paid) and motivated deviations per rule, for
the factsheet. The numbers come from the budgets and deviations apps' own aggregate
selectors (one query each); this module only shapes them into a section.

Amounts are money, not people, but an amount over one or two requests tells a policy
reader what one resident received: an amount is hidden whenever the count it sums is
(Kind.MONEY carries that count as its basis)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opkoers.budgets.selectors import budget_figures
from opkoers.deviations.selectors import deviations_per_rule
from opkoers.reports.figures import Section, Table, count, money, text
from opkoers.reports.selectors._base import ReportScope


def mandate(scope: ReportScope) -> Section:
    section = Section(key="mandate", title=_("Maatwerkbudget en gemotiveerd afwijken"))
    budget = budget_figures(scope.teams, scope.start, scope.end)
    section.figures = [
        (_("Aanvragen maatwerkbudget"), count(budget["requested_count"])),
        (
            _("Aangevraagd bedrag"),
            money(budget["requested_amount"], budget["requested_count"]),
        ),
        (_("Goedgekeurde aanvragen"), count(budget["approved_count"])),
        (_("Goedgekeurd bedrag"), money(budget["approved_amount"], budget["approved_count"])),
        (_("Betaalde aanvragen"), count(budget["paid_count"])),
        (_("Betaald bedrag"), money(budget["paid_amount"], budget["paid_count"])),
        (_("Inwoners met goedgekeurd budget"), count(budget["residents_helped"])),
    ]
    rules = deviations_per_rule(scope.teams, scope.start, scope.end)
    section.tables.append(
        Table(
            key="deviations_per_rule",
            caption=_("Gemotiveerd afgeweken, per regel"),
            columns=[_("Regel"), _("Keer afgeweken"), _("Inwoners")],
            rows=[
                [
                    text(_rule_label(row)),
                    count(row["deviations"]),
                    count(row["residents"]),
                ]
                for row in rules
            ],
            # The list is capped (most frequent rules), so there is no known total.
            has_total=False,
        )
    )
    if not rules:
        section.notes.append(_("In deze periode is niet gemotiveerd afgeweken."))
    return section


def _rule_label(row: dict[str, object]) -> str:
    parts = [str(row["name"])]
    where = " ".join(str(p) for p in (row.get("regulation"), row.get("article")) if p)
    if where:
        parts.append(f"({where})")
    return " ".join(parts)
