"""The factsheet as a list of sections, one selector per theme. Each selector runs a
fixed number of aggregate queries, whatever the number of cases."""

from __future__ import annotations

from opkoers.reports.figures import Cell, Section
from opkoers.reports.selectors._base import ReportScope
from opkoers.reports.selectors.effects import effects
from opkoers.reports.selectors.intake import caseload, help_questions
from opkoers.reports.selectors.mandate import mandate
from opkoers.reports.selectors.outcomes import results
from opkoers.reports.selectors.process import conversations, follow_up_and_actions, lead_times

__all__ = ["ReportScope", "factsheet", "headline"]

THEMES = [
    caseload,
    help_questions,
    conversations,
    lead_times,
    follow_up_and_actions,
    results,
    effects,
    mandate,
]


def factsheet(scope: ReportScope) -> list[Section]:
    return [theme(scope) for theme in THEMES]


def headline(sections: list[Section]) -> list[tuple[str, Cell]]:
    """The figures at the top of the page and of the PDF: every section's figures."""
    return [figure for section in sections for figure in section.figures]
