"""Who may do what with motivated deviations: the team-level rules.

The case team registers: that person rule lives in `cases.access`
(`To.WRITE_ON_CASE_TEAM`). The team's project leader approves (never their own
registration, never on break-glass); policy staff and project leaders see the bottleneck
overview of the teams they belong to, which holds no personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opkoers.accounts.models import Team
from opkoers.budgets.permissions import leads_team, led_teams

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from opkoers.accounts.models import User
    from opkoers.deviations.models import Deviation


def can_approve_deviation(user: User, deviation: Deviation) -> bool:
    return leads_team(user, deviation.team_id) and deviation.registered_by_id != user.pk


def bottleneck_teams(user: User) -> QuerySet[Team]:
    """The teams whose bottlenecks the user may see: every team for policy staff (the
    national view, as in the reports: the page holds counts per rule and texts their
    authors released, never personal data), their own teams for project leaders."""
    if user.is_policy_staff:
        return Team.objects.order_by("name")
    if user.is_project_leader:
        return Team.objects.filter(memberships__user=user).order_by("name")
    return Team.objects.none()


__all__ = [
    "bottleneck_teams",
    "can_approve_deviation",
    "leads_team",
    "led_teams",
]
