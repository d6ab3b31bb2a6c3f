"""Reads for the conversations pages and the case page section. Query counts are pinned
in tests and do not grow with the number of conversations, participants or calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, Subquery
from django.utils import timezone

from opkoers.cases.models import Case, CaseTeamMember
from opkoers.meetings.models import (
    Conversation,
    ConversationKind,
    ConversationParticipant,
    ConversationStatus,
    FollowUpAttempt,
    FollowUpCall,
    FollowUpStatus,
)
from opkoers.meetings.permissions import allowed_kinds
from opkoers.meetings.scheduling import default_first_conversation, default_next_conversation
from opkoers.residents.models import NetworkPerson

SECTION_CALLS = 5
KIND_ORDER = {"inwoner": 0, "netwerk": 1, "professional": 2, "overig": 3}


def _participants_prefetch() -> Prefetch[Any, Any, Any]:
    return Prefetch(
        "participants",
        queryset=ConversationParticipant.objects.select_related(
            "user", "user__organisation", "network_person"
        ).order_by("created_at"),
    )


def sorted_participants(conversation: Conversation) -> list[ConversationParticipant]:
    return sorted(conversation.participants.all(), key=lambda p: KIND_ORDER.get(p.kind, 9))


@dataclass
class ConversationItem:
    conversation: Conversation
    participants: list[ConversationParticipant]
    call: FollowUpCall | None


@dataclass
class ConversationsPage:
    items: list[ConversationItem]
    calls: list[FollowUpCall]
    open_calls: list[FollowUpCall]
    has_planned: bool
    allowed_kinds: tuple[str, ...]
    next_proposal: dt.datetime | None = None
    next_kind: str = ""


def last_held_at(case: Case) -> dt.datetime | None:
    return (
        Conversation.objects.filter(case=case, status=ConversationStatus.HELD)
        .order_by("-held_at")
        .values_list("held_at", flat=True)
        .first()
    )


def default_kind(case: Case) -> str:
    kinds = allowed_kinds(case)
    if ConversationKind.FOLLOW_UP in kinds:
        return ConversationKind.FOLLOW_UP
    return kinds[0] if kinds else ""


def proposed_moment(
    case: Case, kind: str, *, last_held: dt.datetime | None, now: dt.datetime | None = None
) -> dt.datetime:
    """What the plan form proposes: the next working day for the first conversation,
    the team's interval after the last held conversation for any later one."""
    now = timezone.localtime(now or timezone.now())
    if kind == ConversationKind.FIRST:
        return default_first_conversation(now)
    return default_next_conversation(
        last_held=timezone.localtime(last_held) if last_held else None,
        interval_days=case.team.next_conversation_days,
        now=now,
    )


def conversations_page(case: Case) -> ConversationsPage:
    conversations = list(
        Conversation.objects.filter(case=case)
        .select_related("planned_by", "summary", "summary__written_by")
        .prefetch_related(_participants_prefetch())
        .order_by("-scheduled_at", "-created_at")
    )
    calls = list(
        FollowUpCall.objects.filter(case=case)
        .select_related("assigned_to", "done_by", "conversation")
        .prefetch_related(
            Prefetch("attempts", queryset=FollowUpAttempt.objects.select_related("by"))
        )
        .order_by("-due_date", "-created_at")
    )
    call_by_conversation = {c.conversation_id: c for c in calls if c.conversation_id}
    items = [
        ConversationItem(
            conversation=c, participants=sorted_participants(c), call=call_by_conversation.get(c.pk)
        )
        for c in conversations
    ]
    has_planned = any(c.status == ConversationStatus.PLANNED for c in conversations)
    kinds = allowed_kinds(case)
    page = ConversationsPage(
        items=items,
        calls=calls,
        open_calls=[c for c in calls if c.status == FollowUpStatus.OPEN],
        has_planned=has_planned,
        allowed_kinds=kinds,
    )
    if kinds and not has_planned:
        last = max(
            (c.held_at for c in conversations if c.status == ConversationStatus.HELD and c.held_at),
            default=None,
        )
        page.next_kind = default_kind(case)
        page.next_proposal = proposed_moment(case, page.next_kind, last_held=last)
    return page


@dataclass
class ParticipantOptions:
    network: list[NetworkPerson]
    members: list[CaseTeamMember]
    resident_name: str = ""


def participant_options(case: Case) -> ParticipantOptions:
    return ParticipantOptions(
        network=list(NetworkPerson.objects.filter(resident_id=case.resident_id).order_by("name")),
        members=list(
            CaseTeamMember.objects.filter(case=case).select_related("user", "user__organisation")
        ),
        resident_name=case.resident.full_name,
    )


def conversation_with_participants(case: Case, conversation_id: UUID) -> Conversation | None:
    return (
        Conversation.objects.filter(case=case, pk=conversation_id)
        .select_related("follow_up_call", "follow_up_call__assigned_to")
        .prefetch_related(_participants_prefetch())
        .first()
    )


def conversation_with_summary(case: Case, conversation_id: UUID) -> Conversation | None:
    return (
        Conversation.objects.filter(case=case, pk=conversation_id)
        .select_related("summary", "summary__written_by")
        .first()
    )


@dataclass
class CaseSection:
    next_planned: Conversation | None
    last_held: Conversation | None
    open_calls: list[FollowUpCall] = field(default_factory=list)
    more_calls: bool = False
    today: dt.date | None = None
    can_plan: bool = False


def case_section(case: Case) -> CaseSection:
    """For the case page: the next planned conversation, the last held one and the open
    follow-up calls. Two queries, whatever the case's history."""
    planned = ConversationStatus.PLANNED
    held = ConversationStatus.HELD
    next_pk = (
        Conversation.objects.filter(case=case, status=planned)
        .order_by("scheduled_at")
        .values("pk")[:1]
    )
    last_pk = (
        Conversation.objects.filter(case=case, status=held).order_by("-held_at").values("pk")[:1]
    )
    both = list(
        Conversation.objects.filter(case=case).filter(
            Q(pk=Subquery(next_pk)) | Q(pk=Subquery(last_pk))
        )
    )
    calls = list(
        FollowUpCall.objects.filter(case=case, status=FollowUpStatus.OPEN)
        .select_related("assigned_to")
        .order_by("due_date", "created_at")[: SECTION_CALLS + 1]
    )
    return CaseSection(
        next_planned=next((c for c in both if c.status == planned), None),
        last_held=next((c for c in both if c.status == held), None),
        open_calls=calls[:SECTION_CALLS],
        more_calls=len(calls) > SECTION_CALLS,
        today=timezone.localdate(),
        can_plan=bool(allowed_kinds(case)),
    )
