"""Reads for the werkvoorraad (home page of a professional or project leader).

Every block is scoped twice: to what the block is about (my actions, my calls, cases I
am on) and to `Case.objects.visible_to(user)`, the one place that decides visibility,
so a block can never show another team's case. Only open cases count: a closed case
is read-only, so its leftovers are nobody's work.

Each block is capped at `LIMIT` rows (one extra row is fetched to know there is more),
so the page costs the same at 5 or 100,000 cases. The query count is pinned in tests:
a fixed number per page, whatever the number of teams the user works in.

Indexes used (see the models): `action_open_owner`, `followup_open_assignee`,
`conversation_planned`, `caseteam_user_case`, `case_team_status`. The agenda of the
team overleg has its own page (`selectors_overleg`); the werkvoorraad only says when
the next overleg is, which costs no query (docs/decisions/0014).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Exists, F, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from opkoers.cases.models import Case, CaseStatus
from opkoers.cases.selectors_overleg import (
    LIMIT,
    Capped,
    attach_communication_needs,
    local_midnight,
    overleg_dates,
    visible_open_cases,
)
from opkoers.consent.models import ConsentVersion
from opkoers.meetings.models import Conversation, ConversationStatus, FollowUpCall, FollowUpStatus
from opkoers.plans.models import OPEN_ACTION_STATUSES, Action
from opkoers.residents.models import CommunicationNeed

if TYPE_CHECKING:
    from opkoers.accounts.models import Team, User

UPCOMING_CALL_DAYS = 7
# The columns each block shows (and the keys it links by), so a row costs a few fields
# rather than every column of the action, the case and the resident: at 120 rows a page
# the unused timestamps alone were a thousand datetime conversions.
CASE_ROW = ("case__reference", "case__resident__first_name", "case__resident__last_name")
INTAKE_STATUSES = [CaseStatus.REGISTERED, CaseStatus.INTAKE]


@dataclass
class ActionItem:
    action: Action
    overdue: bool
    plan_url: str


@dataclass
class CallItem:
    call: FollowUpCall
    overdue: bool
    needs: list[CommunicationNeed] = field(default_factory=list)


@dataclass
class ConversationItem:
    conversation: Conversation
    past: bool
    needs: list[CommunicationNeed] = field(default_factory=list)


@dataclass
class IntakeItem:
    case: Case
    waiting_days: int
    needs: list[CommunicationNeed] = field(default_factory=list)


@dataclass
class NextOverleg:
    team: Team
    day: dt.date


@dataclass
class Worklist:
    today: dt.date
    teams: list[Team]
    actions: Capped[ActionItem]
    calls_due: list[CallItem]
    calls_upcoming: list[CallItem]
    calls_more: bool
    conversations: Capped[ConversationItem]
    intake: Capped[IntakeItem]
    next_overlegs: list[NextOverleg]

    @property
    def several_teams(self) -> bool:
        return len(self.teams) > 1

    def case_ids(self) -> list[str]:
        """Every case whose data the page shows, for the audit row."""
        ids: set[UUID] = set()
        ids.update(i.action.case_id for i in self.actions.items)
        ids.update(i.call.case_id for i in self.calls_due + self.calls_upcoming)
        ids.update(i.conversation.case_id for i in self.conversations.items)
        ids.update(i.case.pk for i in self.intake.items)
        return sorted(str(i) for i in ids)


def plan_url(case_id: UUID) -> str:
    """The plan page lives in the plans app; its URL is mounted under the case."""
    try:
        return reverse("plans:detail", kwargs={"case_id": case_id})
    except NoReverseMatch:
        return reverse("cases:detail", kwargs={"case_id": case_id}) + "plan/"


def week_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 up to next Monday 00:00, in the local time zone."""
    today = timezone.localtime(now).date()
    monday = today - dt.timedelta(days=today.weekday())
    return local_midnight(monday), local_midnight(monday + dt.timedelta(days=7))


def my_open_actions(user: User, today: dt.date) -> Capped[ActionItem]:
    """Actions I own, earliest due date first (so overdue ones come first), then the
    ones without a due date."""
    rows = list(
        Action.objects.filter(
            owner_user=user,
            status__in=OPEN_ACTION_STATUSES,
            case__in=visible_open_cases(user),
        )
        .select_related("case", "case__resident")
        .only("description", "due_date", "status", *CASE_ROW)
        .order_by(F("due_date").asc(nulls_last=True), "created_at")[: LIMIT + 1]
    )
    return Capped.of(
        [
            ActionItem(
                action=a,
                overdue=a.due_date is not None and a.due_date < today,
                plan_url=plan_url(a.case_id),
            )
            for a in rows
        ]
    )


def my_follow_up_calls(user: User, today: dt.date) -> tuple[list[CallItem], list[CallItem], bool]:
    """Open follow-up calls assigned to me: due (today or earlier) and the next days."""
    rows = list(
        FollowUpCall.objects.filter(
            assigned_to=user,
            status=FollowUpStatus.OPEN,
            due_date__lte=today + dt.timedelta(days=UPCOMING_CALL_DAYS),
            case__in=visible_open_cases(user),
        )
        .select_related("case", "case__resident", "conversation")
        .only("due_date", "conversation__scheduled_at", "case__resident__phone", *CASE_ROW)
        .order_by("due_date", "created_at")[: LIMIT + 1]
    )
    more = len(rows) > LIMIT
    items = [CallItem(call=c, overdue=c.due_date < today) for c in rows[:LIMIT]]
    due = [i for i in items if i.call.due_date <= today]
    upcoming = [i for i in items if i.call.due_date > today]
    return due, upcoming, more


def my_conversations_this_week(user: User, now: dt.datetime) -> Capped[ConversationItem]:
    """Planned conversations this week for cases on whose case team I sit."""
    start, end = week_bounds(now)
    rows = list(
        Conversation.objects.filter(
            status=ConversationStatus.PLANNED,
            scheduled_at__gte=start,
            scheduled_at__lt=end,
            case__team_members__user=user,
            case__in=visible_open_cases(user),
        )
        .select_related("case", "case__resident")
        .only("kind", "mode", "location", "resident_agreed", "scheduled_at", *CASE_ROW)
        .order_by("scheduled_at")[: LIMIT + 1]
    )
    return Capped.of([ConversationItem(conversation=c, past=c.scheduled_at < now) for c in rows])


def intake_queue(user: User, today: dt.date) -> Capped[IntakeItem]:
    """New registrations and intakes of my team(s), oldest first."""
    rows = list(
        Case.objects.visible_to(user)
        .filter(status__in=INTAKE_STATUSES)
        .select_related("resident", "team", "possible_duplicate_of")
        .only(
            "reference",
            "status",
            "registered_at",
            "urgency",
            "channel",
            "possible_duplicate_of__reference",
            "resident__first_name",
            "resident__last_name",
            "resident__has_no_address",
            "team__name",
        )
        .order_by("registered_at", "id")[: LIMIT + 1]
    )
    return Capped.of(
        [
            IntakeItem(
                case=c, waiting_days=(today - timezone.localtime(c.registered_at).date()).days
            )
            for c in rows
        ]
    )


def _attach_communication_needs(worklist: Worklist) -> None:
    """One query for every block that plans contact with a resident."""
    holders: list[tuple[UUID, list[CommunicationNeed]]] = []
    for call in worklist.calls_due + worklist.calls_upcoming:
        holders.append((call.call.case.resident_id, call.needs))
    for conv in worklist.conversations.items:
        holders.append((conv.conversation.case.resident_id, conv.needs))
    for intake in worklist.intake.items:
        holders.append((intake.case.resident_id, intake.needs))
    attach_communication_needs(holders)


def worklist_for(user: User, *, now: dt.datetime | None = None) -> Worklist:
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    teams = list(user.teams.filter(active=True).order_by("name"))
    calls_due, calls_upcoming, calls_more = my_follow_up_calls(user, today)
    worklist = Worklist(
        today=today,
        teams=teams,
        actions=my_open_actions(user, today),
        calls_due=calls_due,
        calls_upcoming=calls_upcoming,
        calls_more=calls_more,
        conversations=my_conversations_this_week(user, now),
        intake=intake_queue(user, today),
        next_overlegs=[
            NextOverleg(team=team, day=overleg_dates(team.overleg_weekday, today)[0])
            for team in teams
        ],
    )
    _attach_communication_needs(worklist)
    return worklist


def consent_problems_for_contact(user: User) -> list[Case]:
    """Open cases where `user` is the contact person and the consent is missing,
    withdrawn or expired: the werkvoorraad banner. One query."""
    today = timezone.localdate()
    # NOT EXISTS, not NOT IN: PostgreSQL turns it into an anti-join that looks up each of
    # the user's cases in the `consent_current` index, where NOT IN (subquery) hashed
    # every valid consent in the country first (57 ms at 100,000 cases).
    valid = ConsentVersion.objects.valid_on(today).filter(resident_id=OuterRef("resident_id"))
    return list(
        Case.objects.open()
        .filter(team_members__user=user, team_members__is_contact_person=True)
        .filter(~Exists(valid))
        .only("id", "reference", "status")
        .order_by("reference")[:50]
    )
