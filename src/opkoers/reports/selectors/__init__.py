"""The factsheet as a list of sections, one selector per theme. Each selector runs a
fixed number of aggregate queries, whatever the number of cases."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from opkoers.core.replica import reads_from_replica
from opkoers.reports.figures import Cell, Section
from opkoers.reports.selectors._base import ReportScope
from opkoers.reports.selectors.effects import effects
from opkoers.reports.selectors.intake import caseload, help_questions
from opkoers.reports.selectors.mandate import mandate
from opkoers.reports.selectors.outcomes import results
from opkoers.reports.selectors.process import conversations, follow_up_and_actions, lead_times

__all__ = ["ReportScope", "cached_factsheet", "factsheet", "headline"]

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
    """Aggregates over a period that ends today at the latest: a few seconds of replica
    lag cannot change what they say, so they may come from the replica (decision 0027)."""
    with reads_from_replica():
        return [theme(scope) for theme in THEMES]


def cached_factsheet(scope: ReportScope) -> tuple[list[Section], dt.datetime]:
    """The factsheet and when it was computed, kept for REPORTS_CACHE_SECONDS.

    The key is the exact set of teams, the period, today and the language, so two
    readers share figures only when they asked for the same scope; suppression for
    policy staff is applied afterwards, per reader (report.build_report)."""
    seconds = settings.REPORTS_CACHE_SECONDS
    if seconds <= 0:
        return factsheet(scope), timezone.now()
    team_ids = sorted(str(pk) for pk in scope.teams.values_list("pk", flat=True))
    digest = hashlib.sha256(
        "|".join(
            [*team_ids, str(scope.start), str(scope.end), str(scope.today), get_language() or ""]
        ).encode()
    ).hexdigest()
    key = f"reports:factsheet:{digest}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    computed = (factsheet(scope), timezone.now())
    cache.set(key, computed, seconds)
    return computed


def headline(sections: list[Section]) -> list[tuple[str, Cell]]:
    """The figures at the top of the page and of the PDF: every section's figures."""
    return [figure for section in sections for figure in section.figures]
