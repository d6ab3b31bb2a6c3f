"""One case's effect measurement: ZRM per domain and the ladder rung at intake and at
closing, and the outcome of each goal. Two queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from opkoers.cases.models import AssessmentMoment, Case, DomainAssessment
from opkoers.core.models import LifeDomain, ParticipationRung
from opkoers.plans.models import Goal, GoalOutcome


@dataclass(frozen=True)
class DomainChange:
    domain: str
    at_intake: int | None
    at_closing: int | None

    @property
    def change(self) -> int | None:
        if self.at_intake is None or self.at_closing is None:
            return None
        return self.at_closing - self.at_intake


@dataclass(frozen=True)
class GoalCount:
    domain: str
    total: int
    reached: int
    partly: int
    not_reached: int


@dataclass(frozen=True)
class CaseEffect:
    domains: list[DomainChange]
    ladder_intake: str
    ladder_closing: str
    ladder_change: int | None
    goals: list[GoalCount]

    @property
    def improved(self) -> int:
        return sum(1 for d in self.domains if (d.change or 0) > 0)

    @property
    def worse(self) -> int:
        return sum(1 for d in self.domains if (d.change or 0) < 0)


def case_effect(case: Case) -> CaseEffect:
    scores: dict[str, dict[str, int | None]] = {}
    for domain, moment, score in DomainAssessment.objects.filter(case=case).values_list(
        "domain", "moment", "zrm_score"
    ):
        scores.setdefault(domain, {})[moment] = score
    labels = dict(LifeDomain.choices)
    domains = [
        DomainChange(
            domain=str(labels[value]),
            at_intake=scores[value].get(AssessmentMoment.INTAKE),
            at_closing=scores[value].get(AssessmentMoment.CLOSING),
        )
        for value, _label in LifeDomain.choices
        if value in scores
    ]
    goals = [
        GoalCount(
            domain=str(labels.get(row["domain"], row["domain"])),
            total=row["total"],
            reached=row["reached"],
            partly=row["partly"],
            not_reached=row["not_reached"],
        )
        for row in Goal.objects.filter(case=case)
        .values("domain")
        .annotate(
            total=Count("pk"),
            reached=Count("pk", filter=Q(outcome=GoalOutcome.REACHED)),
            partly=Count("pk", filter=Q(outcome=GoalOutcome.PARTLY)),
            not_reached=Count("pk", filter=Q(outcome=GoalOutcome.NOT_REACHED)),
        )
        .order_by("domain")
    ]
    rungs = dict(ParticipationRung.choices)
    change = (
        case.ladder_at_closing - case.ladder_at_intake
        if case.ladder_at_intake is not None and case.ladder_at_closing is not None
        else None
    )
    return CaseEffect(
        domains=domains,
        ladder_intake=str(rungs.get(case.ladder_at_intake, "–")) if case.ladder_at_intake else "–",
        ladder_closing=str(rungs.get(case.ladder_at_closing, "–"))
        if case.ladder_at_closing
        else "–",
        ladder_change=change,
        goals=goals,
    )
