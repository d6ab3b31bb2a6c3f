"""Helpers shared by the budget services: exact money, texts, sums and locks."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from opkoers.budgets.models import (
    COMMITTED_STATUSES,
    DEFAULT_CAP,
    BudgetRequest,
    TeamBudgetPolicy,
)
from opkoers.cases.models import Case
from opkoers.plans.models import Goal, GoalOutcome

if TYPE_CHECKING:
    pass

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")
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
    if amount.copy_abs() > MAX_AMOUNT:
        # Before quantize: 1E+999999 has no cents within the decimal context (a 500).
        raise ValidationError(_("Dit bedrag is te groot."), "too_big")
    if amount != amount.quantize(CENT):
        raise ValidationError(
            _("Een bedrag heeft hoogstens twee cijfers achter de komma."), "cents"
        )
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError(_("Het bedrag moet groter zijn dan nul."), "positive")
    if amount > MAX_AMOUNT:
        raise ValidationError(_("Dit bedrag is te groot."), "too_big")
    return amount.quantize(CENT)


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


def _lock(budget_request: BudgetRequest) -> BudgetRequest:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock the request inside transaction.atomic")
    return BudgetRequest.objects.select_for_update().get(pk=budget_request.pk)


def _euro(value: Decimal) -> str:
    """Dutch notation for messages: 1.234,50."""
    text = f"{value:,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
