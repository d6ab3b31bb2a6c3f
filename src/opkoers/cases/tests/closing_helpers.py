"""Builders for the closing tests: a case in a given step with goals and intake scores."""

from __future__ import annotations

import uuid
from typing import Any

from opkoers.cases.models import AssessmentMoment, Case, CaseStatus, DomainAssessment, ResultKind
from opkoers.cases.services.closing import ClosingInput, GoalOutcomeInput
from opkoers.core.models import LifeDomain
from opkoers.plans.models import Goal, GoalOutcome

DOMAINS = list(LifeDomain)


def set_status(case: Case, status: str) -> Case:
    """Test set-up only: put a case in a step without walking the whole process."""
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


def prepare(
    case: Case,
    *,
    status: str = CaseStatus.CLOSING,
    goals: int = 2,
    scored_domains: int = 2,
    ladder_at_intake: int | None = 2,
) -> list[Goal]:
    """Goals in the plan, intake scores on the first `scored_domains` domains."""
    made = [
        Goal.objects.create(
            case=case,
            domain=DOMAINS[i % len(DOMAINS)],
            description=f"Doel nummer {i + 1} van de inwoner",
            priority=i + 1,
        )
        for i in range(goals)
    ]
    DomainAssessment.objects.bulk_create(
        DomainAssessment(
            case=case,
            moment=AssessmentMoment.INTAKE,
            domain=DOMAINS[i],
            priority=i + 1,
            zrm_score=2,
            story="In eigen woorden",
        )
        for i in range(scored_domains)
    )
    Case.objects.filter(pk=case.pk).update(status=status, ladder_at_intake=ladder_at_intake)
    case.refresh_from_db()
    return made


def complete_input(case: Case, **overrides: Any) -> ClosingInput:
    """Everything closing needs, for a case built by `prepare`."""
    scored = DomainAssessment.objects.filter(
        case=case, moment=AssessmentMoment.INTAKE, zrm_score__isnull=False
    ).values_list("domain", flat=True)
    values: dict[str, Any] = {
        "goal_outcomes": {
            g.pk: GoalOutcomeInput(outcome=GoalOutcome.REACHED, note="Gelukt")
            for g in Goal.objects.filter(case=case)
        },
        "results": {ResultKind.objects.get(name="Uitkering geregeld").pk: "Per 1 maart"},
        "zrm_scores": dict.fromkeys(scored, 4),
        "ladder_at_closing": 4,
        "evaluation_resident": "Ik heb weer rust in mijn hoofd.",
        "evaluation_team": "Korte lijnen werkten goed.",
        "handover_to": "Sanne Bakker, werkcoach WIL",
        "handover_agreements": "Maandelijks contact over werk.",
    }
    values.update(overrides)
    return ClosingInput(**values)


def closing_post(case: Case, **overrides: str) -> dict[str, str]:
    """A complete POST for the closing page of a case built by `prepare`."""
    data: dict[str, str] = {
        "ladder_at_closing": "4",
        "evaluation_resident": "Ik heb weer rust in mijn hoofd.",
        "evaluation_team": "Korte lijnen werkten goed.",
        "handover_to": "Sanne Bakker, werkcoach WIL",
        "handover_agreements": "Maandelijks contact over werk.",
        "submission_token": str(uuid.uuid4()),
    }
    for goal in Goal.objects.filter(case=case):
        data[f"goal_{goal.pk.hex}_outcome"] = GoalOutcome.REACHED
        data[f"goal_{goal.pk.hex}_note"] = "Gelukt"
    for assessment in DomainAssessment.objects.filter(case=case, moment=AssessmentMoment.INTAKE):
        data[f"zrm_{assessment.domain}"] = "4"
    kind = ResultKind.objects.get(name="Uitkering geregeld")
    data[f"result_{kind.pk.hex}"] = "on"
    data[f"result_{kind.pk.hex}_note"] = "Per 1 maart"
    data.update(overrides)
    return data
