"""Reads for the management pages. The user list never counts the whole table: it
fetches one row more than it shows to know whether there is a next page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext

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


# --- failed logins and lockouts, for the privacy officer's console ---------------------

LOGIN_FAILURE_DAYS = 7


@dataclass(frozen=True)
class LoginFailureRow:
    """One person (or unknown name) from one address: the latest failure and how many."""

    at: datetime
    name: str
    address: str
    count: int


@dataclass(frozen=True)
class LockoutRow:
    """A lock in force: since when, until when, whose name, from which address, after how
    many failures. `name` is the person, "onbekende naam", or "alle namen" for an
    address locked as a whole (one password tried on many names)."""

    at: datetime
    until: datetime
    name: str
    address: str
    count: int


def _unknown_name() -> str:
    return gettext("onbekende naam")


def _display_names(user_ids: Iterable[Any]) -> dict[Any, str]:
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    people = User.objects.filter(pk__in=ids).only("id", "username", "first_name", "last_name")
    return {person.pk: str(person) for person in people}


def recent_login_failures(*, limit: int) -> list[LoginFailureRow]:
    """Failed logins (password or code) of the last LOGIN_FAILURE_DAYS days from the
    audit log, grouped by person and address, latest first. Two queries."""
    from opkoers.audit.models import AuditEvent

    since = timezone.now() - timedelta(days=LOGIN_FAILURE_DAYS)
    groups = list(
        AuditEvent.objects.filter(code="auth.login_failed", at__gte=since)
        .values("actor_id", "ip_address")
        .annotate(last=Max("at"), count=Count("id"))
        .order_by("-last", "actor_id")[: max(limit, 0)]
    )
    names = _display_names(g["actor_id"] for g in groups)
    return [
        LoginFailureRow(
            at=timezone.localtime(g["last"]),
            name=names.get(g["actor_id"], _unknown_name()),
            address=g["ip_address"] or "",
            count=g["count"],
        )
        for g in groups
    ]


def current_lockouts() -> list[LockoutRow]:
    """Locks in force now, from django-axes' attempt rows: name + address locks, and
    addresses over the per-address limit. Latest first; two or three queries."""
    from axes.models import AccessAttempt
    from django.conf import settings

    from opkoers.accounts.security.lockout import address_limit

    cool_off = settings.AXES_COOLOFF_TIME
    since = timezone.now() - cool_off
    live = AccessAttempt.objects.filter(attempt_time__gte=since)
    locked = list(
        live.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
        .only("username", "ip_address", "attempt_time", "failures_since_start")
        .order_by("-attempt_time", "id")
    )
    addresses = list(
        live.values("ip_address")
        .annotate(total=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(total__gte=address_limit())
        .order_by("-last", "ip_address")
    )
    typed = {a.username for a in locked if a.username}
    people: dict[str, str] = {}
    if typed:
        for person in (
            User.objects.annotate(folded=Lower("username"))
            .filter(folded__in=typed)
            .only("id", "username", "first_name", "last_name")
        ):
            people[person.username.casefold()] = str(person)
    rows = [
        LockoutRow(
            at=timezone.localtime(a.attempt_time),
            until=timezone.localtime(a.attempt_time + cool_off),
            name=people.get((a.username or "").casefold(), _unknown_name()),
            address=a.ip_address or "",
            count=a.failures_since_start,
        )
        for a in locked
    ]
    rows += [
        LockoutRow(
            at=timezone.localtime(g["last"]),
            until=timezone.localtime(g["last"] + cool_off),
            name=gettext("alle namen vanaf dit adres"),
            address=g["ip_address"] or "",
            count=int(g["total"]),
        )
        for g in addresses
    ]
    return sorted(rows, key=lambda r: r.at, reverse=True)
