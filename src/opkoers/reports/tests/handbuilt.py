"""A small data set with known answers (see the comments for every expected figure).

Period: calendar year 2025, "today" 31 December 2025. Team `team` has five cases
(A–E); another team has one case (X) that must never count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from opkoers.accounts.models import Team, User
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.cases.models import (
    AssessmentMoment,
    Case,
    CaseDomain,
    CaseResult,
    CaseStatus,
    Channel,
    DomainAssessment,
    ResultKind,
)
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.core.models import LifeDomain
from opkoers.meetings.models import ConversationKind, ConversationStatus, FollowUpStatus
from opkoers.meetings.tests.factories import ConversationFactory, FollowUpCallFactory
from opkoers.plans.models import ActionStatus, GoalOutcome
from opkoers.plans.tests.factories import ActionFactory, GoalFactory
from opkoers.reports.selectors import ReportScope

START, END, TODAY = dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2025, 12, 31)


def at(day: str, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day).replace(hour=hour))


@dataclass
class HandBuilt:
    team: Team
    cases: dict[str, Case]

    def scope(self) -> ReportScope:
        return ReportScope(
            teams=Team.objects.filter(pk=self.team.pk), start=START, end=END, today=TODAY
        )


def _case(team: Team, by: User, **kwargs: Any) -> Case:
    kwargs.setdefault("domains", [])
    return CaseFactory(team=team, registered_by=by, **kwargs)


def _scores(case: Case, moment: str, scores: dict[str, int]) -> None:
    for domain, score in scores.items():
        DomainAssessment.objects.create(case=case, moment=moment, domain=domain, zrm_score=score)


def build(team: Team, other_team: Team, member: User) -> HandBuilt:
    wil = UserFactory(teams=[team], organisation=OrganisationFactory(name="WIL Lekstroom"))
    F, H, W = LifeDomain.FINANCES, LifeDomain.HOUSING, LifeDomain.WORK_EDUCATION
    a = _case(
        team,
        member,
        registered_at=at("2025-01-10"),
        channel=Channel.BENEFITS_AGENCY,
        status=CaseStatus.CLOSED,
        first_conversation_at=at("2025-01-20"),
        plan_agreed_at=at("2025-01-30"),
        closed_at=at("2025-03-11"),
        ladder_at_intake=2,
        ladder_at_closing=4,
    )  # lead times 10, 20, 60 days; ladder +2
    b = _case(
        team,
        member,
        registered_at=at("2025-02-01"),
        channel=Channel.RESIDENT,
        status=CaseStatus.CLOSED,
        first_conversation_at=at("2025-02-05"),
        plan_agreed_at=at("2025-02-15"),
        closed_at=at("2025-06-01"),
        ladder_at_intake=3,
        ladder_at_closing=3,
    )  # lead times 4, 14, 120 days; ladder 0
    c = _case(
        team,
        member,
        registered_at=at("2025-03-01"),
        channel=Channel.RESIDENT,
        status=CaseStatus.IN_PROGRESS,
        first_conversation_at=at("2025-03-03"),
    )  # lead time 2 days to the first conversation
    d = _case(
        team,
        member,
        registered_at=at("2024-11-01"),
        channel=Channel.GP,
        status=CaseStatus.IN_PROGRESS,
        first_conversation_at=at("2024-11-20"),
    )  # registered before the period, still running
    e = _case(team, member, registered_at=at("2025-12-20"), channel=Channel.RESIDENT)
    x = _case(
        other_team,
        UserFactory(teams=[other_team]),
        registered_at=at("2025-05-01"),
        channel=Channel.BENEFITS_AGENCY,
        status=CaseStatus.CLOSED,
        first_conversation_at=at("2025-05-02"),
        plan_agreed_at=at("2025-05-03"),
        closed_at=at("2025-05-04"),
        ladder_at_intake=1,
        ladder_at_closing=6,
    )
    for case, domains in [(a, [F, H]), (b, [F]), (c, [W]), (x, [F, W])]:
        CaseDomain.objects.bulk_create([CaseDomain(case=case, domain=d) for d in domains])
    CaseTeamMemberFactory(case=a, user=member, is_contact_person=True)
    CaseTeamMemberFactory(case=a, user=wil)
    CaseTeamMemberFactory(case=b, user=member, is_contact_person=True)
    CaseTeamMemberFactory(case=c, user=member, is_contact_person=True)
    CaseTeamMemberFactory(case=x, user=UserFactory(organisation=OrganisationFactory()))
    _scores(a, AssessmentMoment.INTAKE, {F: 2, H: 3})
    _scores(a, AssessmentMoment.CLOSING, {F: 4, H: 3})
    _scores(b, AssessmentMoment.INTAKE, {F: 1})
    _scores(b, AssessmentMoment.CLOSING, {F: 2})
    _scores(x, AssessmentMoment.INTAKE, {F: 1})
    _scores(x, AssessmentMoment.CLOSING, {F: 5})
    for case, domain, outcome in [
        (a, F, GoalOutcome.REACHED),
        (a, H, GoalOutcome.NOT_REACHED),
        (b, F, GoalOutcome.REACHED),
        (b, F, GoalOutcome.PARTLY),
        (b, H, GoalOutcome.DROPPED),
        (x, F, GoalOutcome.REACHED),
    ]:
        GoalFactory(case=case, domain=domain, outcome=outcome)
    # get_or_create: a transactional (browser) test flushes the seeded kinds away.
    benefit, _new = ResultKind.objects.get_or_create(name="Uitkering geregeld")
    urgency, _new = ResultKind.objects.get_or_create(name="Urgentie afgegeven")
    for case, result_kind in [(a, benefit), (b, benefit), (b, urgency), (x, urgency)]:
        CaseResult.objects.create(case=case, kind=result_kind)
    held = ConversationStatus.HELD
    for case, kind, status, day in [
        (a, ConversationKind.FIRST, held, "2025-01-20"),
        (a, ConversationKind.FOLLOW_UP, held, "2025-02-10"),
        (b, ConversationKind.FIRST, held, "2025-02-05"),
        (b, ConversationKind.CLOSING, ConversationStatus.CANCELLED, "2025-05-30"),
        (c, ConversationKind.FIRST, held, "2025-03-03"),
        (d, ConversationKind.FIRST, held, "2024-11-20"),
        (x, ConversationKind.FIRST, held, "2025-05-02"),
    ]:
        ConversationFactory(
            case=case,
            kind=kind,
            status=status,
            scheduled_at=at(day),
            held_at=at(day) if status == held else None,
            planned_by=member,
        )
    for case, due, call_status, done in [
        (a, "2025-01-23", FollowUpStatus.DONE, "2025-01-23"),  # on time
        (b, "2025-02-08", FollowUpStatus.DONE, "2025-02-10"),  # late
        (c, "2025-03-06", FollowUpStatus.NOT_REACHED, None),
        (c, "2025-12-30", FollowUpStatus.OPEN, None),
        (c, "2026-01-05", FollowUpStatus.OPEN, None),  # after today: not yet due
        (x, "2025-05-05", FollowUpStatus.OPEN, None),
    ]:
        FollowUpCallFactory(
            case=case,
            assigned_to=member,
            due_date=dt.date.fromisoformat(due),
            status=call_status,
            done_at=at(done, 15) if done else None,
        )
    for case, action_status, due in [
        (c, ActionStatus.TODO, "2025-12-01"),  # overdue on 31 December
        (c, ActionStatus.DOING, "2026-02-01"),
        (c, ActionStatus.DONE, "2025-04-01"),
        (x, ActionStatus.TODO, "2025-01-01"),
    ]:
        ActionFactory(case=case, status=action_status, due_date=dt.date.fromisoformat(due))
    return HandBuilt(team=team, cases={"A": a, "B": b, "C": c, "D": d, "E": e, "X": x})
