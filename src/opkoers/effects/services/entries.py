"""Entries on a case's two timelines."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case
from opkoers.effects.models import Payer, PriceItem, Timeline, TimelineEntry
from opkoers.effects.permissions import can_edit_effects

if TYPE_CHECKING:
    from opkoers.accounts.models import User

CENT = Decimal("0.01")
MAX_QUANTITY = Decimal("9999999.99")
MAX_AMOUNT = Decimal("9999999999.99")
MAX_DESCRIPTION = 300


def _require_editor(by: User, case: Case) -> Case:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("effects writes must run inside transaction.atomic")
    # Re-read under lock: a case anonymised a moment ago must be refused.
    locked = Case.objects.select_for_update().select_related("resident").get(pk=case.pk)
    if not can_edit_effects(by, locked):
        raise PermissionDenied(
            _("Alleen het casusteam van dit traject kan de effectberekening wijzigen.")
        )
    return locked


def add_entry(
    *,
    case: Case,
    by: User,
    timeline: str,
    price_item: PriceItem,
    quantity: Decimal,
    occurred_on: datetime.date | None = None,
    description: str = "",
    payer: str = "",
) -> TimelineEntry:
    """Adds a priced line. The price item's current price (and, unless another is
    chosen, its payer) is copied onto the entry: history keeps the price it had."""
    errors: dict[str, str] = {}
    if timeline not in Timeline.values:
        errors["timeline"] = _("Kies een tijdlijn: met of zonder Op Koers.")
    if not isinstance(quantity, Decimal) or not (0 < quantity <= MAX_QUANTITY):
        errors["quantity"] = _("Vul een aantal in groter dan 0, bijvoorbeeld 2 of 1,5.")
    if payer and payer not in Payer.values:
        errors["payer"] = _("Kies uit de lijst wie de kosten draagt.")
    text = description.strip()
    if len(text) > MAX_DESCRIPTION:
        errors["description"] = _("De toelichting is te lang: hoogstens %(max)d tekens.") % {
            "max": MAX_DESCRIPTION
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _require_editor(by, case)
        item = PriceItem.objects.get(pk=price_item.pk)
        if not item.active:
            raise ValidationError(
                {"price_item": _("Deze post is niet meer actief. Kies een andere post.")}
            )
        amount = (quantity * item.price).quantize(CENT, rounding=ROUND_HALF_UP)
        if amount > MAX_AMOUNT:
            raise ValidationError(
                {"quantity": _("Het bedrag wordt te groot. Kies een kleiner aantal.")}
            )
        entry = TimelineEntry.objects.create(
            case=locked,
            timeline=timeline,
            price_item=item,
            quantity=quantity.quantize(CENT, rounding=ROUND_HALF_UP),
            unit_price=item.price,
            amount=amount,
            payer=payer or item.payer,
            occurred_on=occurred_on,
            description=text,
            created_by=by,
        )
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="effects.entry.create",
            case=locked,
            obj=entry,
            detail={"timeline": timeline, "item": item.name, "amount": str(amount)},
        )
    return entry


def remove_entry(*, entry: TimelineEntry, by: User) -> None:
    with transaction.atomic():
        locked = _require_editor(by, entry.case)
        gone = TimelineEntry.objects.filter(pk=entry.pk, case=locked).first()
        if gone is None:
            return  # Removed a moment ago (a double click): nothing left to do.
        detail = {
            "timeline": gone.timeline,
            "item_id": str(gone.price_item_id),
            "amount": str(gone.amount),
        }
        gone.delete()
        record(
            actor=by,
            action=AuditAction.DELETE,
            code="effects.entry.delete",
            case=locked,
            obj=entry,
            detail=detail,
        )
