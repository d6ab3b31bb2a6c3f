"""Every change to the maatwerkbudget: one function each, in one transaction with its
audit row.

The pot can never go below zero: an approval locks the team's pot row for the year
(`select_for_update`) and sums the committed amounts in the database while holding the
lock, so two approvals at the same moment are serialised and the second sees the first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.budgets.models import (
    COMMITTED_STATUSES,
    DEFAULT_CAP,
    OPEN_STATUSES,
    BudgetPot,
    BudgetRequest,
    RequestStatus,
    TeamBudgetPolicy,
)
from opkoers.budgets.permissions import can_manage_budget, can_request_budget, leads_team
from opkoers.cases.models import Case
from opkoers.plans.models import Goal, GoalOutcome

if TYPE_CHECKING:
    from opkoers.accounts.models import Team, User

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")
MAX_TEXT = 2000
MIN_MOTIVATION = 10


def money(value: Decimal | str | int, *, allow_zero: bool = False) -> Decimal:
    """Exact euros with cents. More than two decimals is refused rather than rounded:
    nobody should get a different amount than they typed."""
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            _("Vul een bedrag in euro's in, bijvoorbeeld 250,00."), "money"
        ) from exc
    if not amount.is_finite():
        raise ValidationError(_("Vul een bedrag in euro's in, bijvoorbeeld 250,00."), "money")
    if amount != amount.quantize(CENT):
        raise ValidationError(
            _("Een bedrag heeft hoogstens twee cijfers achter de komma."), "cents"
        )
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError(_("Het bedrag moet groter zijn dan nul."), "positive")
    if amount > MAX_AMOUNT:
        raise ValidationError(_("Dit bedrag is te groot."), "too_big")
    return amount.quantize(CENT)


def _text(value: str, *, message: str, code: str, max_length: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(message, code=code)
    if len(text) > max_length:
        raise ValidationError(
            _("De tekst is te lang. Gebruik hoogstens %(max)d tekens.") % {"max": max_length},
            code="too_long",
        )
    return text


def cap_for(team_id: UUID | str) -> Decimal:
    policy = TeamBudgetPolicy.objects.filter(team_id=team_id).only("per_resident_cap").first()
    return policy.per_resident_cap if policy else DEFAULT_CAP


def committed_for_resident(*, team_id: UUID | str, resident_id: UUID | str) -> Decimal:
    total = BudgetRequest.objects.filter(
        team_id=team_id, case__resident_id=resident_id, status__in=COMMITTED_STATUSES
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0.00")


def committed_in_year(*, team_id: UUID | str, year: int) -> Decimal:
    total = BudgetRequest.objects.filter(
        team_id=team_id, pot_year=year, status__in=COMMITTED_STATUSES
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0.00")


def _check_goal(case: Case, goal: Goal) -> None:
    if goal.case_id != case.pk or goal.outcome == GoalOutcome.DROPPED:
        raise ValidationError(_("Kies een doel uit het Samen1plan van dit traject."), code="goal")


def request_budget(
    *,
    case: Case,
    by: User,
    goal: Goal,
    amount: Decimal | str,
    purpose: str,
    payee: str,
    breakthrough: str,
) -> BudgetRequest:
    value = money(amount)
    fields = _request_texts(purpose=purpose, payee=payee, breakthrough=breakthrough)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not can_request_budget(by, locked):
            raise PermissionDenied(_("Alleen het casusteam van dit traject kan budget aanvragen."))
        _check_goal(locked, goal)
        budget_request = BudgetRequest.objects.create(
            case=locked,
            team_id=locked.team_id,
            goal=goal,
            amount=value,
            requested_by=by,
            requested_at=timezone.now(),
            **fields,
        )
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="budget.request.create",
            case=locked,
            obj=budget_request,
            detail={"amount": str(value)},
        )
    return budget_request


def _request_texts(*, purpose: str, payee: str, breakthrough: str) -> dict[str, str]:
    return {
        "purpose": _text(
            purpose, message=_("Vul in waarvoor het geld is."), code="purpose", max_length=300
        ),
        "payee": _text(
            payee, message=_("Vul in aan wie betaald wordt."), code="payee", max_length=200
        ),
        "breakthrough": _text(
            breakthrough,
            message=_("Beschrijf welke doorbraak dit voor de inwoner geeft."),
            code="breakthrough",
        ),
    }


def _lock(budget_request: BudgetRequest) -> BudgetRequest:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock the request inside transaction.atomic")
    return BudgetRequest.objects.select_for_update().get(pk=budget_request.pk)


def update_request(
    *,
    budget_request: BudgetRequest,
    by: User,
    goal: Goal,
    amount: Decimal | str,
    purpose: str,
    payee: str,
    breakthrough: str,
) -> BudgetRequest:
    """The requester changes an open request, typically after a question from the
    project leader; it goes back into the queue."""
    value = money(amount)
    fields = _request_texts(purpose=purpose, payee=payee, breakthrough=breakthrough)
    with transaction.atomic():
        locked = _lock(budget_request)
        if locked.requested_by_id != by.pk or not can_request_budget(by, locked.case):
            raise PermissionDenied(_("Alleen de aanvrager kan deze aanvraag wijzigen."))
        if locked.status not in OPEN_STATUSES:
            raise ValidationError(_("Over deze aanvraag is al besloten."), code="decided")
        _check_goal(locked.case, goal)
        locked.goal = goal
        locked.amount = value
        for name, text in fields.items():
            setattr(locked, name, text)
        locked.status = RequestStatus.REQUESTED
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.request.update",
            case=locked.case,
            obj=locked,
            detail={"amount": str(value)},
        )
    return locked


def withdraw_request(*, budget_request: BudgetRequest, by: User) -> BudgetRequest:
    with transaction.atomic():
        locked = _lock(budget_request)
        if locked.requested_by_id != by.pk:
            raise PermissionDenied(_("Alleen de aanvrager kan deze aanvraag intrekken."))
        if locked.status not in OPEN_STATUSES:
            raise ValidationError(_("Over deze aanvraag is al besloten."), code="decided")
        locked.status = RequestStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.request.withdraw",
            case=locked.case,
            obj=locked,
        )
    return locked


def _open_for_decision(budget_request: BudgetRequest, by: User) -> BudgetRequest:
    locked = _lock(budget_request)
    if not leads_team(by, locked.team_id):
        raise PermissionDenied(_("Alleen de projectleider van het team besluit over budget."))
    if locked.requested_by_id == by.pk:
        raise PermissionDenied(
            _(
                "Vier ogen: u kunt niet besluiten over uw eigen aanvraag. "
                "Vraag een andere projectleider."
            )
        )
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(_("Over deze aanvraag is al besloten."), code="decided")
    return locked


def _decide(locked: BudgetRequest, by: User, status: RequestStatus, note: str) -> None:
    locked.status = status
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_note = note


def approve_request(
    *, budget_request: BudgetRequest, by: User, override_motivation: str = ""
) -> BudgetRequest:
    """Approve against this year's pot. Above the resident's cap only with a written
    motivation; never beyond what is left in the pot."""
    motivation = (override_motivation or "").strip()
    with transaction.atomic():
        locked = _open_for_decision(budget_request, by)
        year = timezone.localdate().year
        # The pot row lock serialises every approval of this team in this year.
        pot = (
            BudgetPot.objects.select_for_update().filter(team_id=locked.team_id, year=year).first()
        )
        if pot is None:
            raise ValidationError(
                _("Er is nog geen budget voor %(year)d vastgesteld. Stel eerst de budgetpot in.")
                % {"year": year},
                code="no_pot",
            )
        left = pot.amount - committed_in_year(team_id=locked.team_id, year=year)
        if locked.amount > left:
            raise ValidationError(
                _(
                    "Er is niet genoeg budget over: nog € %(left)s in %(year)d, "
                    "de aanvraag is € %(amount)s."
                )
                % {"left": _euro(left), "year": year, "amount": _euro(locked.amount)},
                code="pot",
            )
        cap = cap_for(locked.team_id)
        resident_total = committed_for_resident(
            team_id=locked.team_id, resident_id=locked.case.resident_id
        )
        over_cap = resident_total + locked.amount > cap
        if over_cap and len(motivation) < MIN_MOTIVATION:
            raise ValidationError(
                _(
                    "Met deze aanvraag komt de inwoner op € %(total)s, boven het maximum van "
                    "€ %(cap)s. Goedkeuren kan alleen met een motivering van minstens "
                    "%(min)d tekens."
                )
                % {
                    "total": _euro(resident_total + locked.amount),
                    "cap": _euro(cap),
                    "min": MIN_MOTIVATION,
                },
                code="cap",
            )
        _decide(locked, by, RequestStatus.APPROVED, "")
        locked.pot_year = year
        locked.cap_override = over_cap
        locked.override_motivation = motivation if over_cap else ""
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.request.approve",
            case=locked.case,
            obj=locked,
            detail={"amount": str(locked.amount), "year": year, "cap_override": over_cap},
        )
    return locked


def reject_request(*, budget_request: BudgetRequest, by: User, reason: str) -> BudgetRequest:
    text = _text(reason, message=_("Geef een reden voor de afwijzing."), code="reason")
    with transaction.atomic():
        locked = _open_for_decision(budget_request, by)
        _decide(locked, by, RequestStatus.REJECTED, text)
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.request.reject",
            case=locked.case,
            obj=locked,
        )
    return locked


def ask_more_info(*, budget_request: BudgetRequest, by: User, question: str) -> BudgetRequest:
    text = _text(
        question, message=_("Schrijf welke informatie u nog nodig heeft."), code="question"
    )
    with transaction.atomic():
        locked = _open_for_decision(budget_request, by)
        _decide(locked, by, RequestStatus.MORE_INFO, text)
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.request.more_info",
            case=locked.case,
            obj=locked,
        )
    return locked


def register_payment(
    *, budget_request: BudgetRequest, by: User, paid_on: dt.date, reference: str
) -> BudgetRequest:
    ref = _text(
        reference,
        message=_("Vul het betalingskenmerk in."),
        code="reference",
        max_length=100,
    )
    if paid_on > timezone.localdate():
        raise ValidationError(_("De betaaldatum kan niet in de toekomst liggen."), code="future")
    with transaction.atomic():
        locked = _lock(budget_request)
        if not leads_team(by, locked.team_id):
            raise PermissionDenied(
                _("Alleen de projectleider van het team registreert betalingen.")
            )
        if locked.status != RequestStatus.APPROVED:
            raise ValidationError(
                _("Alleen een goedgekeurde, nog niet betaalde aanvraag kan worden betaald."),
                code="not_approved",
            )
        if locked.decided_at and paid_on < timezone.localtime(locked.decided_at).date():
            raise ValidationError(
                _("De betaaldatum ligt vóór de goedkeuring."), code="before_approval"
            )
        locked.status = RequestStatus.PAID
        locked.paid_on = paid_on
        locked.payment_reference = ref
        locked.paid_recorded_by = by
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.request.pay",
            case=locked.case,
            obj=locked,
            detail={"paid_on": paid_on.isoformat()},
        )
    return locked


def set_pot(*, team: Team, year: int, amount: Decimal | str, by: User) -> BudgetPot:
    value = money(amount, allow_zero=True)
    if not can_manage_budget(by, team):
        raise PermissionDenied
    with transaction.atomic():
        pot = BudgetPot.objects.select_for_update().filter(team=team, year=year).first()
        committed = committed_in_year(team_id=team.pk, year=year)
        if value < committed:
            raise ValidationError(
                _("Er is al € %(committed)s toegekend in %(year)d; de pot kan niet lager.")
                % {"committed": _euro(committed), "year": year},
                code="below_committed",
            )
        if pot is None:
            pot = BudgetPot.objects.create(team=team, year=year, amount=value)
        else:
            pot.amount = value
            pot.save(update_fields=["amount", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.pot.set",
            obj=pot,
            detail={"team": str(team.pk), "year": year, "amount": str(value)},
        )
    return pot


def set_cap(*, team: Team, cap: Decimal | str, by: User) -> TeamBudgetPolicy:
    value = money(cap, allow_zero=True)
    if not can_manage_budget(by, team):
        raise PermissionDenied
    with transaction.atomic():
        policy, _created = TeamBudgetPolicy.objects.select_for_update().get_or_create(team=team)
        policy.per_resident_cap = value
        policy.save(update_fields=["per_resident_cap", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.cap.set",
            obj=policy,
            detail={"team": str(team.pk), "cap": str(value)},
        )
    return policy


def _euro(value: Decimal) -> str:
    """Dutch notation for messages: 1.234,50."""
    text = f"{value:,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
