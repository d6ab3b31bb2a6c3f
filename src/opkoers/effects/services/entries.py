"""Entries on a case's two timelines."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import To, lock_case
from opkoers.cases.models import Case
from opkoers.core.concurrency import check_version, save_versioned
from opkoers.effects.models import Payer, PriceItem, Timeline, TimelineEntry

if TYPE_CHECKING:
    from opkoers.accounts.models import User

CENT = Decimal("0.01")
MAX_QUANTITY = Decimal("9999999.99")
MAX_AMOUNT = Decimal("9999999999.99")
MAX_DESCRIPTION = 300


def _require_editor(by: User, case: Case) -> Case:
    # Re-read under lock: a case anonymised a moment ago must be refused. The rule is
    # cases.access's: the case team, by the regular route, also once closed.
    access = lock_case(case=case, by=by)
    access.require(To.WRITE_EFFECTS)
    return access.case


def _detail_errors(quantity: Decimal, payer: str, description: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(quantity, Decimal) or not (0 < quantity <= MAX_QUANTITY):
        errors["quantity"] = _("Vul een aantal in groter dan 0, bijvoorbeeld 2 of 1,5.")
    if payer and payer not in Payer.values:
        errors["payer"] = _("Kies uit de lijst wie de kosten draagt.")
    if len(description.strip()) > MAX_DESCRIPTION:
        errors["description"] = _("De toelichting is te lang: hoogstens %(max)d tekens.") % {
            "max": MAX_DESCRIPTION
        }
    return errors


def _amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    amount = (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount > MAX_AMOUNT:
        raise ValidationError(
            {"quantity": _("Het bedrag wordt te groot. Kies een kleiner aantal.")}
        )
    return amount


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
    errors = _detail_errors(quantity, payer, description)
    if timeline not in Timeline.values:
        errors["timeline"] = _("Kies een tijdlijn: met of zonder Op Koers.")
    if errors:
        raise ValidationError(errors)
    text = description.strip()
    with transaction.atomic():
        locked = _require_editor(by, case)
        item = PriceItem.objects.get(pk=price_item.pk)
        if not item.active:
            raise ValidationError(
                {"price_item": _("Deze post is niet meer actief. Kies een andere post.")}
            )
        amount = _amount(quantity, item.price)
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


def update_entry(
    *,
    entry: TimelineEntry,
    by: User,
    quantity: Decimal,
    occurred_on: datetime.date | None = None,
    description: str = "",
    payer: str = "",
    expected_version: int | None = None,
) -> TimelineEntry:
    """Changes the quantity, date, payer or note of a line. The post, the timeline and the
    unit price stay as entered: the amount is the new quantity times the price the line
    was entered at, whatever the price list says today (history keeps its price).
    EditConflict when the line was saved after the form showed `expected_version`
    (decision 0026)."""
    errors = _detail_errors(quantity, payer, description)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _require_editor(by, entry.case)
        row = (
            TimelineEntry.objects.select_for_update()
            .select_related("price_item")
            .filter(pk=entry.pk, case=locked)
            .first()
        )
        if row is None:
            raise ValidationError(_("Deze post is intussen verwijderd."), code="gone")
        check_version(row, expected_version, case_id=locked.pk)
        before = row.amount
        row.quantity = quantity.quantize(CENT, rounding=ROUND_HALF_UP)
        row.amount = _amount(quantity, row.unit_price)
        row.payer = payer or row.price_item.payer
        row.occurred_on = occurred_on
        row.description = description.strip()
        save_versioned(row, ["quantity", "amount", "payer", "occurred_on", "description"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="effects.entry.update",
            case=locked,
            obj=row,
            detail={"timeline": row.timeline, "before": str(before), "amount": str(row.amount)},
        )
    return row


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
