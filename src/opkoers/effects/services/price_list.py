"""The price list: kept by the functional admin, audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.effects.models import Payer, PriceItem
from opkoers.effects.permissions import can_manage_price_list

if TYPE_CHECKING:
    from opkoers.accounts.models import User

MAX_PRICE = Decimal("9999999999.99")
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True)
class PriceItemInput:
    name: str
    unit: str
    price: Decimal
    payer: str
    source: str
    year: int
    source_url: str = ""
    explanation: str = ""
    active: bool = True


def _name_taken(name: str, exclude_pk: UUID | None) -> bool:
    same = PriceItem.objects.filter(name__iexact=name)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    return same.exists()


def _clean(data: PriceItemInput, *, exclude_pk: UUID | None = None) -> PriceItemInput:
    name, unit, source = data.name.strip(), data.unit.strip(), data.source.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Geef de post een naam.")
    elif _name_taken(name, exclude_pk):
        errors["name"] = _("Er staat al een post met deze naam in de prijslijst.")
    if not unit:
        errors["unit"] = _("Vul de eenheid in, bijvoorbeeld ‘per uur’.")
    if not source:
        errors["source"] = _("Noem de bron van de prijs: elke prijs moet herleidbaar zijn.")
    if data.price < 0 or data.price > MAX_PRICE:
        errors["price"] = _("Vul een prijs in van 0 tot 10 miljard euro.")
    if data.payer not in Payer.values:
        errors["payer"] = _("Kies uit de lijst wie de kosten draagt.")
    if not MIN_YEAR <= data.year <= MAX_YEAR:
        errors["year"] = _("Vul een peiljaar in tussen %(min)d en %(max)d.") % {
            "min": MIN_YEAR,
            "max": MAX_YEAR,
        }
    if errors:
        raise ValidationError(errors)
    return PriceItemInput(
        name=name,
        unit=unit,
        price=data.price.quantize(Decimal("0.01")),
        payer=data.payer,
        source=source,
        year=data.year,
        source_url=data.source_url.strip(),
        explanation=data.explanation.strip(),
        active=data.active,
    )


def _require_admin(by: User) -> None:
    if not can_manage_price_list(by):
        raise PermissionDenied(_("Alleen de functioneel beheerder kan de prijslijst wijzigen."))


def create_price_item(*, by: User, data: PriceItemInput) -> PriceItem:
    _require_admin(by)
    clean = _clean(data)
    with transaction.atomic():
        item = PriceItem.objects.create(**clean.__dict__)
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="effects.price.create",
            obj=item,
            detail={"name": item.name, "price": str(item.price), "year": item.year},
        )
    return item


def update_price_item(*, by: User, item: PriceItem, data: PriceItemInput) -> PriceItem:
    """Changes the list from now on. Entries already made keep the price they were made
    with (it is copied onto them), so past estimates do not shift."""
    _require_admin(by)
    clean = _clean(data, exclude_pk=item.pk)
    with transaction.atomic():
        locked = PriceItem.objects.select_for_update().get(pk=item.pk)
        before = {name: getattr(locked, name) for name in clean.__dict__}
        for name, value in clean.__dict__.items():
            setattr(locked, name, value)
        locked.save()
        changed = {
            name: {"van": str(before[name]), "naar": str(value)}
            for name, value in clean.__dict__.items()
            if before[name] != value
        }
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="effects.price.update",
            obj=locked,
            detail={"changed": changed},
        )
    return locked
