"""Reads for the plan page, the case page section and the printable plan. Query counts
are pinned in tests; nothing here grows with the number of goals or actions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.cases.models import Case, CaseTeamMember
from opkoers.meetings.models import Conversation, ConversationStatus, ConversationSummary
from opkoers.plans.models import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionStatus,
    Goal,
    GoalOutcome,
    OwnerKind,
)
from opkoers.residents.models import NetworkPerson


def is_overdue(action: Action, today: date) -> bool:
    return (
        action.status in OPEN_ACTION_STATUSES
        and action.due_date is not None
        and action.due_date < today
    )


def owner_label(action: Action, resident_name: str) -> str:
    if action.owner_kind == OwnerKind.NETWORK and action.owner_network_person:
        person = action.owner_network_person
        return f"{person.name} ({person.relation})"
    if action.owner_kind == OwnerKind.PROFESSIONAL and action.owner_user:
        user = action.owner_user
        if user.organisation:
            return f"{user} ({user.organisation.name})"
        return str(user)
    return _("%(name)s (inwoner)") % {"name": resident_name}


@dataclass
class ActionRow:
    action: Action
    owner: str
    overdue: bool

    @property
    def status_choices(self) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in ActionStatus.choices]


@dataclass
class GoalBlock:
    goal: Goal
    actions: list[ActionRow]
    number: int = 0
    is_first: bool = False
    is_last: bool = False


@dataclass
class PlanSummary:
    open: int = 0
    overdue: int = 0
    done: int = 0


@dataclass
class PlanView:
    goals: list[GoalBlock]
    dropped_goals: list[GoalBlock]
    loose_actions: list[ActionRow]
    summary: PlanSummary
    today: date


def _actions_of(case: Case) -> list[Action]:
    actions = list(
        Action.objects.filter(case=case).select_related(
            "owner_user", "owner_user__organisation", "owner_network_person"
        )
    )
    for action in actions:
        action.case = case  # spares a query per row when a template follows action.case
    return actions


def action_row(action: Action, *, case: Case, today: date | None = None) -> ActionRow:
    today = today or timezone.localdate()
    return ActionRow(
        action=action,
        owner=owner_label(action, case.resident.full_name),
        overdue=is_overdue(action, today),
    )


def plan_for(case: Case, *, today: date | None = None) -> PlanView:
    """The whole plan in two queries: goals, and actions with their owners."""
    today = today or timezone.localdate()
    goals = list(Goal.objects.filter(case=case).order_by("priority", "created_at"))
    by_goal: dict[object, list[ActionRow]] = defaultdict(list)
    summary = PlanSummary()
    for action in _actions_of(case):
        row = action_row(action, case=case, today=today)
        by_goal[action.goal_id].append(row)
        if action.status in OPEN_ACTION_STATUSES:
            summary.open += 1
            summary.overdue += row.overdue
        elif action.status == ActionStatus.DONE:
            summary.done += 1
    active = [
        GoalBlock(goal=g, actions=by_goal[g.pk]) for g in goals if g.outcome != GoalOutcome.DROPPED
    ]
    for number, block in enumerate(active, start=1):
        block.number = number
        block.is_first = number == 1
        block.is_last = number == len(active)
    dropped = [
        GoalBlock(goal=g, actions=by_goal[g.pk]) for g in goals if g.outcome == GoalOutcome.DROPPED
    ]
    return PlanView(
        goals=active,
        dropped_goals=dropped,
        loose_actions=by_goal[None],
        summary=summary,
        today=today,
    )


def plan_summary(case: Case, *, today: date | None = None) -> PlanSummary:
    """The counts at the top of the plan, in one indexed aggregate (case, status)."""
    today = today or timezone.localdate()
    open_q = Q(status__in=OPEN_ACTION_STATUSES)
    counts = Action.objects.filter(case=case).aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(due_date__lt=today)),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
    )
    return PlanSummary(open=counts["open"], overdue=counts["overdue"], done=counts["done"])


@dataclass
class CaseSection:
    goal_count: int
    summary: PlanSummary


def _count(queryset: QuerySet[Any]) -> Coalesce:
    grouped = queryset.order_by().values("case").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(grouped), Value(0))


def case_section(case: Case) -> CaseSection:
    """The plan in numbers for the case page, in one query: that page gathers a section
    from every step, so each section keeps to its single query."""
    today = timezone.localdate()
    goals = Goal.objects.filter(case=OuterRef("pk")).exclude(outcome=GoalOutcome.DROPPED)
    actions = Action.objects.filter(case=OuterRef("pk"))
    open_actions = actions.filter(status__in=OPEN_ACTION_STATUSES)
    row = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            n_goals=_count(goals),
            n_open=_count(open_actions),
            n_overdue=_count(open_actions.filter(due_date__lt=today)),
            n_done=_count(actions.filter(status=ActionStatus.DONE)),
        )
        .values("n_goals", "n_open", "n_overdue", "n_done")
        .get()
    )
    return CaseSection(
        goal_count=row["n_goals"],
        summary=PlanSummary(open=row["n_open"], overdue=row["n_overdue"], done=row["n_done"]),
    )


# --- the printable plan ---------------------------------------------------------------


@dataclass
class Professional:
    member: CaseTeamMember | None
    name: str
    organisation: str
    phone: str
    actions: list[Action] = field(default_factory=list)


@dataclass
class PrintablePlan:
    case: Case
    resident_name: str
    goals: list[Goal]
    own_actions: list[Action]
    network: list[tuple[NetworkPerson, list[Action]]]
    professionals: list[Professional]
    done_actions: list[Action]
    next_conversation: Conversation | None
    contact: CaseTeamMember | None
    printed_on: date
    # The summary of the last held conversation that has one: what we agreed last time.
    last_summary: ConversationSummary | None = None


def printable_plan(case: Case, *, now: datetime | None = None) -> PrintablePlan:
    """The plan as the resident reads it: goals in their order, then who does what,
    grouped by person, then when we meet again and whom to call."""
    now = now or timezone.now()
    goals = list(
        Goal.objects.filter(case=case)
        .exclude(outcome=GoalOutcome.DROPPED)
        .order_by("priority", "created_at")
    )
    dropped_goal_ids = set(
        Goal.objects.filter(case=case, outcome=GoalOutcome.DROPPED).values_list("pk", flat=True)
    )
    members = list(
        CaseTeamMember.objects.filter(case=case).select_related(
            "user", "user__organisation", "backup", "backup__organisation"
        )
    )
    own: list[Action] = []
    network: dict[object, tuple[NetworkPerson, list[Action]]] = {}
    professionals: dict[object, Professional] = {}
    done: list[Action] = []
    for action in _actions_of(case):
        if action.goal_id in dropped_goal_ids or action.status == ActionStatus.CANCELLED:
            continue
        if action.status == ActionStatus.DONE:
            done.append(action)
        elif action.owner_kind == OwnerKind.NETWORK and action.owner_network_person:
            person = action.owner_network_person
            network.setdefault(person.pk, (person, []))[1].append(action)
        elif action.owner_kind == OwnerKind.PROFESSIONAL and action.owner_user:
            user = action.owner_user
            if user.pk not in professionals:
                member = next((m for m in members if m.user_id == user.pk), None)
                professionals[user.pk] = Professional(
                    member=member,
                    name=str(user),
                    organisation=user.organisation.name if user.organisation else "",
                    phone=user.phone,
                )
            professionals[user.pk].actions.append(action)
        else:
            own.append(action)
    next_conversation = (
        Conversation.objects.filter(
            case=case, status=ConversationStatus.PLANNED, scheduled_at__gte=now
        )
        .order_by("scheduled_at")
        .first()
    )
    last_summary = (
        ConversationSummary.objects.filter(
            conversation__case=case, conversation__status=ConversationStatus.HELD
        )
        .select_related("conversation")
        .order_by("-conversation__held_at")
        .first()
    )
    return PrintablePlan(
        case=case,
        resident_name=case.resident.full_name,
        goals=goals,
        own_actions=own,
        network=sorted(network.values(), key=lambda item: item[0].name),
        professionals=list(professionals.values()),
        done_actions=done,
        next_conversation=next_conversation,
        contact=next((m for m in members if m.is_contact_person), None),
        printed_on=timezone.localdate(now),
        last_summary=last_summary,
    )
