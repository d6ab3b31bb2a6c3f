"""Requests: the case team asks, changes and withdraws."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.budgets.models import (
    OPEN_STATUSES,
    BudgetRequest,
    RequestStatus,
)
from opkoers.budgets.services._common import _check_goal, _lock, money
from opkoers.cases.access import To, lock_case
from opkoers.cases.models import Case
from opkoers.core.concurrency import check_version, save_versioned
from opkoers.core.validation import required_text as _text
from opkoers.plans.models import Goal

if TYPE_CHECKING:
    from opkoers.accounts.models import User


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
        access = lock_case(case=case, by=by)
        locked = access.case
        access.require(To.WRITE_ON_CASE_TEAM)
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


def update_request(
    *,
    budget_request: BudgetRequest,
    by: User,
    goal: Goal,
    amount: Decimal | str,
    purpose: str,
    payee: str,
    breakthrough: str,
    expected_version: int | None = None,
) -> BudgetRequest:
    """The requester changes an open request, typically after a question from the
    project leader; it goes back into the queue. `expected_version`: the version the
    edit form showed (EditConflict when the request was saved since, decision 0026)."""
    value = money(amount)
    fields = _request_texts(purpose=purpose, payee=payee, breakthrough=breakthrough)
    with transaction.atomic():
        locked = _lock(budget_request)
        access = lock_case(case=locked.case, by=by)
        access.require(To.WRITE_ON_CASE_TEAM)
        if locked.requested_by_id != by.pk:
            raise PermissionDenied(_("Alleen de aanvrager kan deze aanvraag wijzigen."))
        if locked.status not in OPEN_STATUSES:
            raise ValidationError(_("Over deze aanvraag is al besloten."), code="decided")
        check_version(locked, expected_version, case_id=locked.case_id)
        _check_goal(locked.case, goal)
        locked.goal = goal
        locked.amount = value
        for name, text in fields.items():
            setattr(locked, name, text)
        locked.status = RequestStatus.REQUESTED
        save_versioned(locked, ["goal", "amount", *fields, "status"])
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
        lock_case(case=locked.case, by=by).require(To.WRITE_ON_CASE_TEAM)
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
