"""Reads for step 7 (afronding): the closing page and the closing section of the case
page. Query counts are fixed, whatever the number of goals, domains or results."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Count, Q

from opkoers.cases.models import (
    AssessmentMoment,
    Case,
    CaseResult,
    CaseStatus,
    CaseTransition,
    Closure,
    DomainAssessment,
    ResultKind,
    StopReason,
)
from opkoers.cases.services.closing import CAN_START_CLOSING, CAN_STOP_EARLY
from opkoers.core.models import LifeDomain, ZrmScore
from opkoers.plans.models import Goal, GoalOutcome

_DOMAIN_ORDER = {d.value: i for i, d in enumerate(LifeDomain)}


@dataclass
class ZrmRow:
    domain: str
    label: str
    intake_score: int | None
    closing_score: int | None

    @property
    def required(self) -> bool:
        return self.intake_score is not None

    @property
    def intake_label(self) -> str:
        return str(ZrmScore(self.intake_score).label) if self.intake_score else ""

    @property
    def closing_label(self) -> str:
        return str(ZrmScore(self.closing_score).label) if self.closing_score else ""


@dataclass
class ClosingPage:
    goals: list[Goal]
    zrm_rows: list[ZrmRow]
    result_kinds: list[ResultKind]
    chosen_results: dict[UUID, str]
    closure: Closure | None

    def chosen_result_rows(self) -> list[tuple[ResultKind, str]]:
        return [
            (k, self.chosen_results[k.pk]) for k in self.result_kinds if k.pk in self.chosen_results
        ]


def closing_page(case: Case) -> ClosingPage:
    goals = list(Goal.objects.filter(case=case).order_by("priority", "created_at"))
    assessments = list(
        DomainAssessment.objects.filter(case=case).only("moment", "domain", "priority", "zrm_score")
    )
    chosen = {r.kind_id: r.note for r in CaseResult.objects.filter(case=case)}
    kinds = list(ResultKind.objects.filter(Q(active=True) | Q(pk__in=list(chosen))))
    return ClosingPage(
        goals=goals,
        zrm_rows=_zrm_rows(case, assessments),
        result_kinds=kinds,
        chosen_results=chosen,
        closure=Closure.objects.filter(case=case).first(),
    )


def _zrm_rows(case: Case, assessments: list[DomainAssessment]) -> list[ZrmRow]:
    """The domains assessed at intake, in the resident's priority order, then any other
    domain of the case: the closing score sits next to the intake score."""
    intake = [a for a in assessments if a.moment == AssessmentMoment.INTAKE]
    closing = {a.domain: a.zrm_score for a in assessments if a.moment == AssessmentMoment.CLOSING}
    intake.sort(key=lambda a: (a.priority is None, a.priority or 0, _DOMAIN_ORDER[a.domain]))
    domains = [a.domain for a in intake]
    # Case domains come from registration (prefetched by callers that have them).
    others = {d.domain for d in case.domains.all()} | set(closing)
    domains += sorted(others - set(domains), key=_DOMAIN_ORDER.__getitem__)
    intake_scores = {a.domain: a.zrm_score for a in intake}
    return [
        ZrmRow(
            domain=d,
            label=str(LifeDomain(d).label),
            intake_score=intake_scores.get(d),
            closing_score=closing.get(d),
        )
        for d in domains
    ]


@dataclass
class ClosingSummary:
    """What the case page shows about step 7 and which buttons it offers."""

    can_start_closing: bool = False
    can_stop_early: bool = False
    in_closing: bool = False
    closed: bool = False
    outcome_counts: list[tuple[str, int]] = field(default_factory=list)
    results: list[CaseResult] = field(default_factory=list)
    closure: Closure | None = None
    stop_reason_label: str = ""
    last_transition: CaseTransition | None = None

    @property
    def stopped_early(self) -> bool:
        return bool(self.stop_reason_label)


def closing_summary(case: Case) -> ClosingSummary:
    status = case.status
    summary = ClosingSummary(
        can_start_closing=status in CAN_START_CLOSING,
        can_stop_early=status in CAN_STOP_EARLY,
        in_closing=status == CaseStatus.CLOSING,
        closed=status == CaseStatus.CLOSED,
    )
    if not (summary.in_closing or summary.closed):
        return summary
    counts = dict(
        Goal.objects.filter(case=case)
        .order_by()
        .values("outcome")
        .annotate(n=Count("id"))
        .values_list("outcome", "n")
    )
    summary.outcome_counts = [
        (str(o.label), counts[o.value]) for o in GoalOutcome if counts.get(o.value)
    ]
    summary.results = list(
        CaseResult.objects.filter(case=case)
        .select_related("kind")
        .order_by("kind__order", "kind__name")
    )
    summary.closure = Closure.objects.filter(case=case).first()
    if summary.closure and summary.closure.stop_reason:
        summary.stop_reason_label = str(StopReason(summary.closure.stop_reason).label)
    if summary.closed:
        summary.last_transition = (
            CaseTransition.objects.filter(case=case, to_status=CaseStatus.CLOSED)
            .select_related("by")
            .order_by("-at", "-id")
            .first()
        )
    return summary
