"""Who may see which report. Professionals and project leaders: their own teams, exact
figures. Policy staff: every team, aggregates with small numbers suppressed. Everyone
else (functional admin, privacy officer): no reports at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied

from opkoers.accounts.models import Team

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from opkoers.accounts.models import User


def can_view_reports(user: User) -> bool:
    return user.is_authenticated and (user.works_on_cases or user.is_policy_staff)


def must_suppress(user: User) -> bool:
    """Policy staff see aggregates only: small counts could point at a resident."""
    return not user.works_on_cases


def suppression_threshold() -> int:
    return int(settings.REPORTS_SUPPRESSION_THRESHOLD)


def report_teams(user: User) -> QuerySet[Team]:
    """The teams whose figures the user may see."""
    if not can_view_reports(user):
        raise PermissionDenied
    if user.is_policy_staff:
        # Deactivated teams too: their history still belongs in the national figures.
        return Team.objects.all()
    return Team.objects.filter(memberships__user=user)
