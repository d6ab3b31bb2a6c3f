"""Step 7, afronding en evaluatie: start closing, record the outcome per goal, the results,
the scores again, the evaluation and the warm handover; close, go back, reopen; and
stopping a case before a plan exists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import To, lock_case
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
from opkoers.cases.services.transitions import transition
from opkoers.core.models import LifeDomain, ParticipationRung, ZrmScore
from opkoers.plans.models import Goal, GoalOutcome

if TYPE_CHECKING:
    from opkoers.accounts.models import User

S = CaseStatus

CAN_START_CLOSING = {S.PLAN, S.IN_PROGRESS}
CAN_STOP_EARLY = {S.REGISTERED, S.INTAKE, S.FIRST_CONVERSATION}


@dataclass(frozen=True)
class GoalOutcomeInput:
    outcome: str
    note: str = ""


@dataclass(frozen=True)
class ClosingInput:
    """Everything the closing page saves. Maps are keyed by goal id, result kind id and
    life domain; a domain mapped to None clears its closing score."""

    goal_outcomes: Mapping[UUID, GoalOutcomeInput]
    results: Mapping[UUID, str]
    zrm_scores: Mapping[str, int | None]
    ladder_at_closing: int | None
    evaluation_resident: str = ""
    evaluation_resident_missing_reason: str = ""
    evaluation_team: str = ""
    handover_to: str = ""
    handover_agreements: str = ""
    no_handover_needed: bool = False


def _locked(case: Case, by: User, to: To = To.WRITE) -> Case:
    return lock_case(case=case, by=by, to=to).case


def _refuse_closed(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(
            _("Dit traject is afgesloten en kan niet meer worden gewijzigd. Heropen het eerst.")
        )


def start_closing(*, case: Case, by: User) -> Case:
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        if locked.status not in CAN_START_CLOSING:
            raise ValidationError(
                _("De afronding kan pas starten als er een Samen1plan is (stap ‘%(step)s’).")
                % {"step": locked.get_status_display()}
            )
        transition(case=locked, to_status=S.CLOSING, by=by)
    case.refresh_from_db()
    return case


def back_to_in_progress(*, case: Case, by: User, reason: str = "") -> Case:
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        if locked.status != S.CLOSING:
            raise ValidationError(_("Alleen een traject in de afronding kan terug naar lopend."))
        transition(case=locked, to_status=S.IN_PROGRESS, by=by, reason=reason.strip())
    case.refresh_from_db()
    return case


def save_closing(*, case: Case, by: User, data: ClosingInput) -> Closure:
    """Save the closing page. Allowed as often as needed while the case is in afronding;
    nothing here is required yet: the requirements are checked when closing."""
    _validate_input(data)
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        if locked.status != S.CLOSING:
            raise ValidationError(
                _("Start eerst de afronding; het traject staat in stap ‘%(step)s’.")
                % {"step": locked.get_status_display()}
            )
        _save_goal_outcomes(locked, data.goal_outcomes)
        _save_results(locked, data.results)
        _save_zrm(locked, data.zrm_scores)
        if locked.ladder_at_closing != data.ladder_at_closing:
            locked.ladder_at_closing = data.ladder_at_closing
            locked.save(update_fields=["ladder_at_closing", "updated_at"])
        closure, _created = Closure.objects.get_or_create(case=locked)
        closure.evaluation_resident = data.evaluation_resident.strip()
        closure.evaluation_resident_missing_reason = (
            "" if closure.evaluation_resident else data.evaluation_resident_missing_reason.strip()
        )
        closure.evaluation_team = data.evaluation_team.strip()
        closure.no_handover_needed = data.no_handover_needed
        closure.handover_to = "" if data.no_handover_needed else data.handover_to.strip()
        closure.handover_agreements = data.handover_agreements.strip()
        closure.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="case.closing.save",
            case=locked,
            obj=closure,
            # Counts and codes only: the texts are personal data and stay in their tables.
            detail={
                "goals": len(data.goal_outcomes),
                "results": len(data.results),
                "zrm_domains": sorted(d for d, s in data.zrm_scores.items() if s is not None),
            },
        )
    case.refresh_from_db()
    return closure


def _validate_input(data: ClosingInput) -> None:
    outcomes = set(GoalOutcome.values)
    if any(g.outcome not in outcomes for g in data.goal_outcomes.values()):
        raise ValidationError(_("Kies een geldige uitkomst per doel."))
    domains, scores = set(LifeDomain.values), set(ZrmScore.values)
    for domain, score in data.zrm_scores.items():
        if domain not in domains or (score is not None and score not in scores):
            raise ValidationError(_("Kies per leefgebied een ZRM-score van 1 tot en met 5."))
    if data.ladder_at_closing is not None and data.ladder_at_closing not in set(
        ParticipationRung.values
    ):
        raise ValidationError(_("Kies een trede van de Participatieladder van 1 tot en met 6."))
    if data.no_handover_needed and data.handover_to.strip():
        raise ValidationError(
            _("U vulde een overdracht in én ‘geen overdracht nodig’. Kies één van beide.")
        )


def _save_goal_outcomes(case: Case, outcomes: Mapping[UUID, GoalOutcomeInput]) -> None:
    goals = {g.pk: g for g in Goal.objects.filter(case=case, pk__in=list(outcomes))}
    if len(goals) != len(outcomes):
        raise ValidationError(_("Een van de doelen hoort niet bij dit traject."))
    changed = []
    for goal_id, value in outcomes.items():
        goal = goals[goal_id]
        if (goal.outcome, goal.outcome_note) != (value.outcome, value.note.strip()):
            goal.outcome, goal.outcome_note = value.outcome, value.note.strip()
            changed.append(goal)
    Goal.objects.bulk_update(changed, ["outcome", "outcome_note", "updated_at"])


def _save_results(case: Case, results: Mapping[UUID, str]) -> None:
    existing = {r.kind_id: r for r in CaseResult.objects.filter(case=case)}
    # A kind the admin deactivated stays valid on a case that already has it.
    allowed = set(
        ResultKind.objects.filter(active=True, pk__in=list(results)).values_list("pk", flat=True)
    ) | set(existing)
    if not set(results) <= allowed:
        raise ValidationError(_("Kies alleen resultaten uit de lijst."))
    CaseResult.objects.filter(case=case).exclude(kind_id__in=list(results)).delete()
    new, changed = [], []
    for kind_id, note in results.items():
        note = note.strip()[:300]
        if kind_id not in existing:
            new.append(CaseResult(case=case, kind_id=kind_id, note=note))
        elif existing[kind_id].note != note:
            existing[kind_id].note = note
            changed.append(existing[kind_id])
    CaseResult.objects.bulk_create(new)
    CaseResult.objects.bulk_update(changed, ["note", "updated_at"])


def _save_zrm(case: Case, scores: Mapping[str, int | None]) -> None:
    existing = {
        a.domain: a
        for a in DomainAssessment.objects.filter(case=case, moment=AssessmentMoment.CLOSING)
    }
    new, changed = [], []
    for domain, score in scores.items():
        if domain in existing:
            if existing[domain].zrm_score != score:
                existing[domain].zrm_score = score
                changed.append(existing[domain])
        elif score is not None:
            new.append(
                DomainAssessment(
                    case=case, moment=AssessmentMoment.CLOSING, domain=domain, zrm_score=score
                )
            )
    DomainAssessment.objects.bulk_create(new)
    DomainAssessment.objects.bulk_update(changed, ["zrm_score", "updated_at"])


def missing_for_close(case: Case) -> list[str]:
    """What still has to be recorded before the case can be closed, in plain Dutch."""
    missing: list[str] = []
    open_goals = list(
        Goal.objects.filter(case=case, outcome=GoalOutcome.OPEN).values_list(
            "description", flat=True
        )
    )
    if open_goals:
        missing.append(
            _("Geef bij elk doel een uitkomst. Nog open: %(goals)s.")
            % {"goals": "; ".join(f"‘{Truncator(d).chars(60)}’" for d in open_goals)}
        )
    scores = DomainAssessment.objects.filter(case=case, zrm_score__isnull=False)
    at_intake = set(scores.filter(moment=AssessmentMoment.INTAKE).values_list("domain", flat=True))
    at_closing = set(
        scores.filter(moment=AssessmentMoment.CLOSING).values_list("domain", flat=True)
    )
    lacking = [str(d.label) for d in LifeDomain if d in at_intake - at_closing]
    if lacking:
        missing.append(
            _("Vul de ZRM-score bij afronding in voor: %(domains)s.")
            % {"domains": ", ".join(lacking)}
        )
    if case.ladder_at_closing is None:
        missing.append(_("Kies de trede op de Participatieladder bij afronding."))
    closure = Closure.objects.filter(case=case).first()
    if closure is None or not (
        closure.evaluation_resident.strip() or closure.evaluation_resident_missing_reason.strip()
    ):
        missing.append(
            _("Leg de evaluatie van de inwoner vast, of licht toe waarom die ontbreekt.")
        )
    if closure is None or not (closure.no_handover_needed or closure.handover_to.strip()):
        missing.append(
            _(
                "Vul in aan wie het traject warm is overgedragen, "
                "of vink ‘geen overdracht nodig’ aan."
            )
        )
    elif not closure.no_handover_needed and not closure.handover_agreements.strip():
        missing.append(_("Beschrijf wat er bij de warme overdracht is afgesproken."))
    return missing


def close_case(*, case: Case, by: User) -> Case:
    """Traject afsluiten: only from afronding and only when everything is recorded."""
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        if locked.status != S.CLOSING:
            raise ValidationError(
                _("Alleen een traject in de afronding kan worden afgesloten (nu: ‘%(step)s’).")
                % {"step": locked.get_status_display()}
            )
        missing = missing_for_close(locked)
        if missing:
            raise ValidationError(missing)
        Closure.objects.filter(case=locked).update(stop_reason="")
        transition(case=locked, to_status=S.CLOSED, by=by)
    case.refresh_from_db()
    return case


def stop_case_early(*, case: Case, by: User, stop_reason: str, explanation: str = "") -> Case:
    """Traject stoppen: before a plan exists a case ends with a reason, without the
    evaluation that a case with a plan needs."""
    explanation = explanation.strip()
    if stop_reason not in StopReason.values:
        raise ValidationError(_("Kies waarom het traject stopt."))
    if stop_reason == StopReason.OTHER and not explanation:
        raise ValidationError(_("Licht toe waarom het traject stopt."))
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        if locked.status not in CAN_STOP_EARLY:
            raise ValidationError(
                _(
                    "Stoppen kan alleen zolang er nog geen Samen1plan is. "
                    "Rond dit traject af via de afronding."
                )
            )
        label = str(StopReason(stop_reason).label)
        reason = f"{label}: {explanation}" if explanation else label
        closure, _created = Closure.objects.get_or_create(case=locked)
        closure.stop_reason = stop_reason
        closure.save(update_fields=["stop_reason", "updated_at"])
        transition(case=locked, to_status=S.CLOSED, by=by, reason=reason)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="case.stop_early",
            case=locked,
            obj=closure,
            detail={"stop_reason": stop_reason},
        )
    case.refresh_from_db()
    return case


def _reopen_target(case: Case) -> str:
    last_close = (
        CaseTransition.objects.filter(case=case, to_status=S.CLOSED).order_by("-at", "-id").first()
    )
    stopped_in = last_close.from_status if last_close else ""
    early = {S.REGISTERED, S.INTAKE, S.FIRST_CONVERSATION}
    return stopped_in if stopped_in in early else S.IN_PROGRESS


def reopen_case(*, case: Case, by: User, reason: str) -> Case:
    """Heropenen is explicit: a typed reason, kept in the status history and the audit
    trail. A case closed after its plan goes back to lopend (the earlier evaluation is
    kept); a case stopped early goes back to the step it was stopped in, so that a case
    without a plan never runs as if it had one."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Geef een reden op om het traject te heropenen."))
    with transaction.atomic():
        access = lock_case(case=case, by=by)
        locked = access.case
        if not locked.is_closed:
            raise ValidationError(_("Dit traject is niet afgesloten."))
        if locked.is_anonymised:
            raise ValidationError(
                _("Dit traject is geanonimiseerd na de bewaartermijn en kan niet heropend worden.")
            )
        access.require(To.REOPEN)
        Closure.objects.filter(case=locked).update(stop_reason="")
        transition(case=locked, to_status=_reopen_target(locked), by=by, reason=reason)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="case.reopen",
            case=locked,
            obj=locked,
            detail={"reason": reason},
        )
    case.refresh_from_db()
    return case
