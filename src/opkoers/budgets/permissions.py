"""Who may do what with the maatwerkbudget: the team-level rules.

Requests come from the professionals on the case team: that person rule lives in
`cases.access` (`To.WRITE_ON_CASE_TEAM`). Decisions and payments are the project
leader's, for the teams they lead, never on their own request (four eyes), and never on
the strength of break-glass. The pot and the cap are set by the project leader or the
functional admin."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from opkoers.accounts.models import Team

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from opkoers.accounts.models import User
    from opkoers.budgets.models import BudgetRequest


def leads_team(user: User, team_id: UUID | str) -> bool:
    return user.is_project_leader and user.memberships.filter(team_id=team_id).exists()


def can_decide(user: User, request: BudgetRequest) -> bool:
    return leads_team(user, request.team_id) and request.requested_by_id != user.pk


def can_manage_budget(user: User, team: Team) -> bool:
    """Pot and cap: the team's project leader, or the functional admin."""
    return user.is_functional_admin or leads_team(user, team.pk)


def led_teams(user: User) -> QuerySet[Team]:
    """Teams whose queue, overview and ledger the user may open: these show case
    content, so project leaders only."""
    if user.is_project_leader:
        return Team.objects.filter(memberships__user=user).order_by("name")
    return Team.objects.none()


def managed_teams(user: User) -> QuerySet[Team]:
    """Teams whose pot and cap the user may set (no case content on that page)."""
    if user.is_functional_admin:
        return Team.objects.filter(active=True).order_by("name")
    return led_teams(user)
