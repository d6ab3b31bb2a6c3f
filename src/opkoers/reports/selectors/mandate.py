"""Tailored budget (requested, approved, paid) and motivated deviations per rule.

Those figures belong to the budgets and deviations apps; their aggregate selectors are
wired in here once those apps are part of the product. Until then the section says
plainly that the figures are not yet available, rather than showing zeros that would
read as "no budget was used"."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _

from opkoers.reports.figures import Section
from opkoers.reports.selectors._base import ReportScope


def mandate(scope: ReportScope) -> Section:
    section = Section(key="mandate", title=_("Maatwerkbudget en gemotiveerd afwijken"))
    # The apps are installed (feat/budgets), but their aggregates are not wired in yet:
    # budgets.selectors.budget_figures(teams, date_from, date_to) and
    # deviations.selectors.deviations_per_rule(teams, date_from, date_to) still need the
    # reports' suppression rules. Until then say so rather than show an empty section.
    wired = False
    if not wired or not apps.is_installed("opkoers.budgets"):
        section.available = False
        section.notes.append(
            _(
                "Nog niet beschikbaar: de cijfers over het maatwerkbudget (aangevraagd, "
                "goedgekeurd, betaald) en over afwijkingen per regel komen hier zodra "
                "die onderdelen in gebruik zijn."
            )
        )
    # Wiring point for the lead: budgets.selectors / deviations.selectors aggregates.
    return section
