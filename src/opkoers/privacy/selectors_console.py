"""Reads for the privacy officer's console. Every count is bounded (a LIMIT under the
count, an index behind it): the console never counts the whole audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from opkoers.privacy.models import BreakGlassAccess, ChainVerification

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.retention.models import RetentionRun

# Above this a count shows as "more than"; the pages behind the cards list the rows.
COUNT_CAP = 200


@dataclass(frozen=True)
class BoundedCount:
    value: int
    capped: bool


def _bounded(qs: Any, cap: int = COUNT_CAP) -> BoundedCount:
    # COUNT over a LIMITed subquery: at most cap + 1 index entries are read.
    n = qs[: cap + 1].count()
    return BoundedCount(min(n, cap), n > cap)


@dataclass(frozen=True)
class ConsoleSummary:
    unreviewed_break_glass: BoundedCount
    legal_bases_pending: int
    legal_bases_active: int
    legal_bases_ending: int
    lockouts: BoundedCount
    latest_verification: ChainVerification | None
    latest_retention_run: RetentionRun | None


def console_summary(user: User) -> ConsoleSummary:
    """Five queries whatever the size of the log, the queue or the number of teams."""
    from axes.models import AccessAttempt

    from opkoers.consent.selectors import approval_queue

    queue = approval_queue(user)
    runs = recent_retention_runs(limit=1)
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    locked = AccessAttempt.objects.filter(
        attempt_time__gte=since, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    return ConsoleSummary(
        unreviewed_break_glass=_bounded(BreakGlassAccess.objects.filter(verdict="")),
        legal_bases_pending=len(queue.pending),
        legal_bases_active=len(queue.active),
        legal_bases_ending=len(queue.ending_soon),
        lockouts=_bounded(locked),
        latest_verification=latest_verification(),
        latest_retention_run=runs[0] if runs else None,
    )


def latest_verification() -> ChainVerification | None:
    return ChainVerification.objects.select_related("started_by").order_by("-id").first()


def recent_verifications(*, limit: int = 10) -> list[ChainVerification]:
    return list(ChainVerification.objects.select_related("started_by").order_by("-id")[:limit])


@dataclass(frozen=True)
class TeamCount:
    team: str
    months: int
    cutoff: Any
    cases: int
    residents: int


def recent_retention_runs(*, limit: int = 20) -> list[RetentionRun]:
    """Dry and real runs, newest first, with their per-team counts as `team_counts`
    (team names and numbers only: the run stores no resident). One query."""
    from datetime import datetime

    from opkoers.retention.models import RetentionRun

    runs = list(RetentionRun.objects.select_related("by").order_by("-started_at", "-id")[:limit])
    for run in runs:
        entries = []
        for entry in (run.counts or {}).values():
            try:
                cutoff: Any = timezone.localtime(datetime.fromisoformat(entry["cutoff"])).date()
            except (KeyError, TypeError, ValueError):
                cutoff = None
            entries.append(
                TeamCount(
                    team=str(entry.get("team", "")),
                    months=int(entry.get("months", 0)),
                    cutoff=cutoff,
                    cases=int(entry.get("cases", 0)),
                    residents=int(entry.get("residents", 0)),
                )
            )
        run.team_counts = sorted(entries, key=lambda e: e.team)  # type: ignore[attr-defined]
    return runs
