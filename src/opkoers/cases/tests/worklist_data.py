"""Builders for werkvoorraad and case-list tests: single objects for behaviour tests,
and `bulk_cases` to make hundreds of cases in a handful of queries for the query-count
tests. Names are fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from opkoers.accounts.models import Team, User
from opkoers.cases.models import Case, CaseDomain, CaseStatus, CaseTeamMember, Channel, Urgency
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.core.models import LifeDomain
from opkoers.meetings.models import (
    Conversation,
    ConversationKind,
    ConversationMode,
    ConversationStatus,
    FollowUpCall,
    FollowUpStatus,
)
from opkoers.plans.models import Action, ActionStatus, OwnerKind
from opkoers.residents.models import Resident
from opkoers.residents.tests.factories import ResidentFactory


def make_case(
    team: Team,
    *,
    contact: User | None = None,
    first_name: str = "Sanne",
    last_name: str = "Voorbeeld",
    **kwargs: Any,
) -> Case:
    resident = ResidentFactory(team=team, first_name=first_name, last_name=last_name)
    case = CaseFactory(team=team, resident=resident, **kwargs)
    if contact is not None:
        CaseTeamMemberFactory(case=case, user=contact, is_contact_person=True)
    return case


def make_action(
    case: Case,
    owner: User,
    *,
    due: dt.date | None,
    status: str = ActionStatus.TODO,
    description: str = "Formulier bijzondere bijstand invullen",
) -> Action:
    return Action.objects.create(
        case=case,
        description=description,
        owner_kind=OwnerKind.PROFESSIONAL,
        owner_user=owner,
        due_date=due,
        status=status,
        created_by=owner,
    )


def make_call(
    case: Case, assigned_to: User, *, due: dt.date, status: str = FollowUpStatus.OPEN
) -> FollowUpCall:
    return FollowUpCall.objects.create(
        case=case, assigned_to=assigned_to, due_date=due, status=status
    )


def make_conversation(
    case: Case,
    *,
    at: dt.datetime,
    planned_by: User,
    status: str = ConversationStatus.PLANNED,
    kind: str = ConversationKind.FOLLOW_UP,
) -> Conversation:
    return Conversation.objects.create(
        case=case,
        kind=kind,
        mode=ConversationMode.PHYSICAL,
        status=status,
        scheduled_at=at,
        held_at=at if status == ConversationStatus.HELD else None,
        planned_by=planned_by,
    )


STEPS = list(CaseStatus)


def bulk_cases(team: Team, n: int, *, contact: User, now: dt.datetime | None = None) -> list[Case]:
    """`n` cases in every step, each with `contact` as contact person and action owner,
    a follow-up call due, a planned conversation this week, an overdue action and
    (for running cases) an old held conversation: every werkvoorraad block and every
    list column gets rows."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    residents = Resident.objects.bulk_create(
        [
            Resident(
                team=team,
                first_name=f"Inwoner{i}",
                last_name="Bulk",
                search_name=f"inwoner{i} bulk",
                has_no_address=True,
            )
            for i in range(n)
        ]
    )
    cases = Case.objects.bulk_create(
        [
            Case(
                team=team,
                resident=resident,
                reference=f"OK-BULK-{team.pk.hex[:4]}{i:05d}".upper()[:20],
                status=STEPS[i % len(STEPS)],
                registered_at=now - dt.timedelta(days=i % 30, minutes=i),
                registered_by=contact,
                channel=Channel.GP,
                reason_stuck="Vastgelopen tussen loketten.",
                urgency=Urgency.HIGH if i % 5 == 0 else Urgency.NORMAL,
            )
            for i, resident in enumerate(residents)
        ]
    )
    domains = [LifeDomain.FINANCES, LifeDomain.HOUSING, LifeDomain.WORK_EDUCATION]
    CaseDomain.objects.bulk_create(
        [CaseDomain(case=c, domain=d) for i, c in enumerate(cases) for d in domains[: 1 + i % 3]]
    )
    CaseTeamMember.objects.bulk_create(
        [
            CaseTeamMember(case=c, user=contact, role_on_case="Consulent", is_contact_person=True)
            for c in cases
        ]
    )
    Action.objects.bulk_create(
        [
            Action(
                case=c,
                description="Afspraak met schuldhulp maken",
                owner_kind=OwnerKind.PROFESSIONAL,
                owner_user=contact,
                due_date=today - dt.timedelta(days=2),
                created_by=contact,
            )
            for c in cases
        ]
    )
    FollowUpCall.objects.bulk_create(
        [FollowUpCall(case=c, assigned_to=contact, due_date=today) for c in cases]
    )
    this_week = timezone.make_aware(
        dt.datetime.combine(
            today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=6), dt.time(10)
        )
    )
    Conversation.objects.bulk_create(
        [
            Conversation(
                case=c,
                kind=ConversationKind.FOLLOW_UP,
                mode=ConversationMode.DIGITAL,
                status=ConversationStatus.PLANNED,
                scheduled_at=this_week,
                planned_by=contact,
            )
            for c in cases
            if c.status != CaseStatus.IN_PROGRESS
        ]
        + [
            Conversation(
                case=c,
                kind=ConversationKind.FIRST,
                mode=ConversationMode.PHYSICAL,
                status=ConversationStatus.HELD,
                scheduled_at=now - dt.timedelta(days=40),
                held_at=now - dt.timedelta(days=40),
                planned_by=contact,
            )
            for c in cases
            if c.status == CaseStatus.IN_PROGRESS
        ]
    )
    return cases
