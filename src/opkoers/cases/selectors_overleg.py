"""Reads for the agenda of a team's weekly overleg (its own page, `cases:overleg`): new
registrations since the previous overleg, cases with a conversation due, and cases
with overdue actions. Also the capped-block helper the werkvoorraad shares.

Every read is scoped to `Case.objects.visible_to(user)` and to open cases, and capped
at `LIMIT` rows (fetching one more to know there is more), so the cost per team does
not grow with the number of cases. Indexes used: `case_team_registered`,
`case_team_status`, `conversation_planned`, `conversation_case`, `action_case_status`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar
from uuid import UUID

from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from opkoers.cases.models import OPEN_STATUSES, Case, CaseQuerySet, CaseStatus
from opkoers.meetings.models import Conversation, ConversationStatus
from opkoers.plans.models import OPEN_ACTION_STATUSES, Action
from opkoers.residents.models import CommunicationNeed

if TYPE_CHECKING:
    from opkoers.accounts.models import Team, User

# Rows per block of the werkvoorraad. 20 fit on a screen or two; at 50 a busy professional
# (8 blocks full) got a page of 400 rows that cost ~170 ms of template rendering alone
# (docs/benchmarks.md).
LIMIT = 20
AGENDA_CONVERSATION_DAYS = 7

T = TypeVar("T")


@dataclass
class Capped(Generic[T]):
    """A block's rows, and whether there were more than we show."""

    items: list[T]
    more: bool = False

    @classmethod
    def of(cls, rows: list[T]) -> Capped[T]:
        return cls(items=rows[:LIMIT], more=len(rows) > LIMIT)


@dataclass
class DueConversation:
    """A case for the overleg because a conversation is coming up or overdue."""

    case: Case
    planned_at: dt.datetime | None = None
    last_held_at: dt.datetime | None = None
    needs: list[CommunicationNeed] = field(default_factory=list)


@dataclass
class OverdueActions:
    case: Case
    count: int
    oldest_due: dt.date


@dataclass
class TeamAgenda:
    """The agenda for a team's weekly overleg."""

    team: Team
    next_overleg: dt.date
    previous_overleg: dt.date
    new_registrations: Capped[Case]
    conversation_due: Capped[DueConversation]
    overdue_actions: Capped[OverdueActions]

    def case_ids(self) -> set[UUID]:
        return (
            {c.pk for c in self.new_registrations.items}
            | {d.case.pk for d in self.conversation_due.items}
            | {o.case.pk for o in self.overdue_actions.items}
        )


def visible_open_cases(user: User) -> CaseQuerySet:
    return Case.objects.visible_to(user).filter(status__in=OPEN_STATUSES)


def overleg_dates(weekday: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """The coming overleg (today if it is the overleg day) and the one before it."""
    upcoming = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    return upcoming, upcoming - dt.timedelta(days=7)


def local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _new_registrations(user: User, team: Team, since: dt.date) -> Capped[Case]:
    """Registered since the start of the previous overleg day, whatever their step
    now: the overleg hears about every newcomer once."""
    return Capped.of(
        list(
            Case.objects.visible_to(user)
            .filter(team=team, registered_at__gte=local_midnight(since))
            .select_related("resident", "possible_duplicate_of")
            .order_by("registered_at", "id")[: LIMIT + 1]
        )
    )


def _conversation_due(user: User, team: Team, now: dt.datetime) -> Capped[DueConversation]:
    """Cases with a conversation in the coming week, then running cases without any
    planned conversation whose last conversation is older than the team's term."""
    planned = (
        Conversation.objects.filter(
            status=ConversationStatus.PLANNED,
            scheduled_at__gte=local_midnight(timezone.localtime(now).date()),
            scheduled_at__lt=now + dt.timedelta(days=AGENDA_CONVERSATION_DAYS),
            case__in=visible_open_cases(user).filter(team=team),
        )
        .select_related("case", "case__resident")
        .order_by("scheduled_at")[: LIMIT + 1]
    )
    rows: dict[UUID, DueConversation] = {}
    for conv in planned:
        rows.setdefault(conv.case_id, DueConversation(case=conv.case, planned_at=conv.scheduled_at))
    # "No recent held conversation" as an anti-join, so the last-held date is only
    # computed for the cases that qualify (the sort key), not for every running case.
    held = Conversation.objects.filter(
        case=OuterRef("pk"), status=ConversationStatus.HELD
    ).annotate(moment=Coalesce("held_at", "scheduled_at"))
    threshold = now - dt.timedelta(days=team.next_conversation_days)
    stale = (
        Case.objects.visible_to(user)
        .filter(team=team, status=CaseStatus.IN_PROGRESS)
        .filter(
            ~Exists(
                Conversation.objects.filter(case=OuterRef("pk"), status=ConversationStatus.PLANNED)
            ),
            ~Exists(held.filter(moment__gte=threshold)),
        )
        .annotate(last_held_at=Subquery(held.order_by("-moment").values("moment")[:1]))
        .select_related("resident")
        .order_by(F("last_held_at").asc(nulls_first=True), "registered_at")[: LIMIT + 1]
    )
    for case in stale:
        rows.setdefault(case.pk, DueConversation(case=case, last_held_at=case.last_held_at))  # type: ignore[attr-defined]
    return Capped.of(list(rows.values()))


def _overdue_actions(user: User, team: Team, today: dt.date) -> Capped[OverdueActions]:
    overdue = Action.objects.filter(
        case=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES, due_date__lt=today
    ).order_by()
    cases = (
        visible_open_cases(user)
        .filter(team=team)
        .filter(Exists(overdue))
        .annotate(
            overdue_count=Subquery(overdue.values("case").annotate(n=Count("pk")).values("n")[:1]),
            oldest_due=Subquery(overdue.order_by("due_date").values("due_date")[:1]),
        )
        .select_related("resident")
        .order_by("oldest_due", "registered_at")[: LIMIT + 1]
    )
    return Capped.of(
        [
            OverdueActions(case=c, count=c.overdue_count, oldest_due=c.oldest_due)  # type: ignore[attr-defined]
            for c in cases
        ]
    )


def team_agenda(user: User, team: Team, *, now: dt.datetime) -> TeamAgenda:
    today = timezone.localtime(now).date()
    upcoming, previous = overleg_dates(team.overleg_weekday, today)
    return TeamAgenda(
        team=team,
        next_overleg=upcoming,
        previous_overleg=previous,
        new_registrations=_new_registrations(user, team, previous),
        conversation_due=_conversation_due(user, team, now),
        overdue_actions=_overdue_actions(user, team, today),
    )


def attach_communication_needs(holders: list[tuple[UUID, list[CommunicationNeed]]]) -> None:
    """Fill each (resident, list) pair with that resident's communication needs, in one
    query for the whole page."""
    if not holders:
        return
    by_resident: dict[UUID, list[CommunicationNeed]] = {}
    for need in CommunicationNeed.objects.filter(
        resident_id__in={resident_id for resident_id, _ in holders}
    ).order_by("kind"):
        by_resident.setdefault(need.resident_id, []).append(need)
    for resident_id, target in holders:
        target.extend(by_resident.get(resident_id, []))


def overleg_agendas(user: User, *, now: dt.datetime | None = None) -> list[TeamAgenda]:
    """The agenda of every active team the user works in, by team name: a fixed number
    of queries per team, plus one for the communication needs."""
    now = now or timezone.now()
    agendas = [
        team_agenda(user, team, now=now) for team in user.teams.filter(active=True).order_by("name")
    ]
    attach_communication_needs(
        [
            (due.case.resident_id, due.needs)
            for agenda in agendas
            for due in agenda.conversation_due.items
        ]
    )
    return agendas
