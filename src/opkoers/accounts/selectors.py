"""Reads for the management pages. The user list never counts the whole table: it
fetches one row more than it shows to know whether there is a next page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from opkoers.accounts.models import Organisation, Team, User

USERS_PAGE_SIZE = 25
MAX_SEARCH_WORDS = 5


@dataclass(frozen=True)
class UserPage:
    users: list[User]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _name_search(queryset: QuerySet[User], q: str) -> QuerySet[User]:
    # Every word must match a name part or the username: "jan de vries" finds Jan de Vries.
    for word in q.split()[:MAX_SEARCH_WORDS]:
        queryset = queryset.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
        )
    return queryset


def users_page(
    *,
    q: str = "",
    role: str = "",
    organisation: Organisation | None = None,
    team: Team | None = None,
    page: int = 1,
    page_size: int = USERS_PAGE_SIZE,
) -> UserPage:
    queryset = User.objects.select_related("organisation").prefetch_related(
        Prefetch("teams", queryset=Team.objects.only("id", "name").order_by("name"))
    )
    if q:
        queryset = _name_search(queryset, q)
    if role:
        queryset = queryset.filter(role=role)
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if team is not None:
        queryset = queryset.filter(memberships__team=team)
    page = max(page, 1)
    start = (page - 1) * page_size
    rows = list(queryset.order_by("last_name", "first_name", "id")[start : start + page_size + 1])
    return UserPage(users=rows[:page_size], number=page, has_next=len(rows) > page_size)


def team_members(team: Team) -> list[User]:
    return list(
        User.objects.filter(memberships__team=team)
        .select_related("organisation")
        .order_by("last_name", "first_name", "id")
    )


def member_candidates(team: Team, q: str, *, limit: int = 20) -> list[User]:
    """Active people not yet in the team whose name or username matches ``q``."""
    if not q.strip():
        return []
    queryset = (
        User.objects.filter(is_active=True)
        .exclude(memberships__team=team)
        .select_related("organisation")
    )
    return list(_name_search(queryset, q).order_by("last_name", "first_name", "id")[:limit])


def open_cases_as_contact_person(user: User, team: Team | None = None) -> int:
    """How many open cases still have this person as contact person: a warning for the
    admin when someone leaves a team, not case content."""
    from opkoers.cases.models import CaseStatus, CaseTeamMember

    queryset = CaseTeamMember.objects.filter(user=user, is_contact_person=True).exclude(
        case__status=CaseStatus.CLOSED
    )
    if team is not None:
        queryset = queryset.filter(case__team=team)
    return queryset.count()


def team_ids(teams: QuerySet[Team] | Iterable[Any]) -> Any:
    """For `team_id__in=`: a queryset stays a subquery (the national view spans hundreds
    of teams); teams or ids in a list become their ids."""
    if isinstance(teams, QuerySet):
        return teams.values("pk")
    return [getattr(t, "pk", t) for t in teams]
