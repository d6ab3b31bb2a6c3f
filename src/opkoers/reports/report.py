"""From a request to the figures a reader may see: permissions, the chosen team and
period, the computation, suppression, and the audit row that every look at a report
(and every export) leaves behind."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.reports.figures import Cell, Section, suppress
from opkoers.reports.forms import ReportFilterForm, default_period
from opkoers.reports.permissions import (
    can_view_reports,
    must_suppress,
    report_teams,
    suppression_threshold,
)
from opkoers.reports.selectors import ReportScope, cached_factsheet, headline

if TYPE_CHECKING:
    from opkoers.accounts.models import Team
    from opkoers.core.http import AuthenticatedRequest


@dataclass
class Report:
    form: ReportFilterForm
    team: Team | None
    start: dt.date
    end: dt.date
    sections: list[Section]
    suppressed: bool
    threshold: int
    computed_at: dt.datetime | None = None

    @property
    def cache_minutes(self) -> int:
        """How long new data may take to show up (0: figures are always fresh)."""
        return -(-settings.REPORTS_CACHE_SECONDS // 60) if settings.REPORTS_CACHE_SECONDS > 0 else 0

    @property
    def headline(self) -> list[tuple[str, Cell]]:
        return headline(self.sections)

    @property
    def audit_detail(self) -> dict[str, str]:
        return {
            "team": str(self.team.pk) if self.team else "alle",
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
        }


def build_report(request: AuthenticatedRequest) -> Report:
    """Raises PermissionDenied for roles without reports and Http404 for a team the
    user may not see (as for a case: no hint whether it exists). An invalid period
    yields a report without sections, and the form carries the errors."""
    user = request.user
    if not can_view_reports(user):
        raise PermissionDenied
    teams = report_teams(user)
    team_id = request.GET.get("team", "")
    if team_id:
        try:
            uuid.UUID(team_id)
        except ValueError as exc:
            raise Http404 from exc
        if not teams.filter(pk=team_id).exists():
            raise Http404
    form = ReportFilterForm(request.GET or None, teams=teams, national=user.is_policy_staff)
    today = timezone.localdate()
    start, end = default_period(today)
    team = None
    if form.is_bound and not form.is_valid():
        return Report(form, None, start, end, [], must_suppress(user), suppression_threshold())
    if form.is_bound:
        start = form.cleaned_data["date_from"] or start
        end = form.cleaned_data["date_to"] or end
        team = form.cleaned_data["team"]
    if start > end:
        start = dt.date(end.year, 1, 1)
    scope = ReportScope(
        teams=teams.filter(pk=team.pk) if team else teams, start=start, end=end, today=today
    )
    sections, computed_at = cached_factsheet(scope)
    threshold = suppression_threshold()
    if must_suppress(user):
        sections = suppress(sections, threshold)
    return Report(form, team, start, end, sections, must_suppress(user), threshold, computed_at)


def audit_report(request: AuthenticatedRequest, report: Report, *, export: str = "") -> None:
    """Aggregates hold no personal data, but who looked at which figures (and who took
    a copy away) is still worth knowing."""
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditAction.EXPORT if export else AuditAction.VIEW,
            code=f"reports.factsheet.{export}" if export else "reports.factsheet",
            detail={**report.audit_detail, **({"format": export} if export else {})},
        )
