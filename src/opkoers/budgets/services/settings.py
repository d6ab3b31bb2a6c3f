"""The team's pot per year and cap per resident."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.budgets.models import (
    BudgetPot,
    TeamBudgetPolicy,
)
from opkoers.budgets.permissions import can_manage_budget
from opkoers.budgets.services._common import _euro, committed_in_year, money

if TYPE_CHECKING:
    from opkoers.accounts.models import Team, User


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
