"""Decisions and payments by the project leader.

The pot can never go below zero: an approval locks the team's pot row for the year
(`select_for_update`) and sums the committed amounts in the database while holding the
lock, so two approvals at the same moment are serialised and the second sees the first."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.budgets.models import (
    OPEN_STATUSES,
    BudgetPot,
    BudgetRequest,
    RequestStatus,
)
from opkoers.budgets.permissions import leads_team
from opkoers.budgets.services._common import (
    MIN_MOTIVATION,
    _euro,
    _lock,
    cap_for,
    committed_for_resident,
    committed_in_year,
)
from opkoers.cases.access import To, lock_case
from opkoers.core.validation import required_text as _text

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def _leads_by_regular_route(locked: BudgetRequest, by: User) -> None:
    """The project leader decides for the team; break-glass never stands behind a
    decision or a payment."""
    lock_case(case=locked.case, by=by, to=To.DECIDE)


def _open_for_decision(budget_request: BudgetRequest, by: User) -> BudgetRequest:
    locked = _lock(budget_request)
    if not leads_team(by, locked.team_id):
        raise PermissionDenied(_("Alleen de projectleider van het team besluit over budget."))
    _leads_by_regular_route(locked, by)
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
    return _decide_without_money(budget_request, by, RequestStatus.REJECTED, text, "reject")


def ask_more_info(*, budget_request: BudgetRequest, by: User, question: str) -> BudgetRequest:
    text = _text(
        question, message=_("Schrijf welke informatie u nog nodig heeft."), code="question"
    )
    return _decide_without_money(budget_request, by, RequestStatus.MORE_INFO, text, "more_info")


def _decide_without_money(
    budget_request: BudgetRequest, by: User, status: RequestStatus, note: str, code: str
) -> BudgetRequest:
    """A decision that commits no money (reject, ask for more information): no pot or
    cap to check, only the four-eyes and open-request checks of `_open_for_decision`."""
    with transaction.atomic():
        locked = _open_for_decision(budget_request, by)
        _decide(locked, by, status, note)
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code=f"budget.request.{code}",
            case=locked.case,
            obj=locked,
        )
    return locked


def cancel_approval(*, budget_request: BudgetRequest, by: User, reason: str) -> BudgetRequest:
    """The expense did not go ahead (the landlord settled, the course was cancelled):
    an approved, unpaid request lapses and its amount is free again in the pot and under
    the resident's cap. Any project leader of the team may do this, also the one who
    approved it: it releases money, it does not spend it."""
    text = _text(reason, message=_("Geef een reden voor het intrekken."), code="reason")
    with transaction.atomic():
        locked = _lock(budget_request)
        if not leads_team(by, locked.team_id):
            raise PermissionDenied(
                _("Alleen de projectleider van het team trekt een goedkeuring in.")
            )
        _leads_by_regular_route(locked, by)
        if locked.status != RequestStatus.APPROVED:
            raise ValidationError(
                _("Alleen een goedgekeurde, nog niet betaalde aanvraag kan vervallen."),
                code="not_approved",
            )
        locked.status = RequestStatus.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.cancelled_by = by
        locked.cancellation_reason = text
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="budget.request.cancel",
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
        _leads_by_regular_route(locked, by)
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
