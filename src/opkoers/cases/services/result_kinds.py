"""The configurable list of results (the factsheet's "uitkering geregeld", ...),
kept by the functional admin. Kinds are switched off, never deleted: closed cases and
reports keep referring to them."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import ResultKind

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def _apply(kind: ResultKind, values: dict[str, object]) -> list[str]:
    changed = [name for name, value in values.items() if getattr(kind, name) != value]
    for name in changed:
        setattr(kind, name, values[name])
    return changed


def _taken() -> ValidationError:
    return ValidationError({"name": _("Er bestaat al een soort resultaat met deze naam.")})


def _check_name(name: str, *, exclude_pk: UUID | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Vul een naam in.")})
    if (
        ResultKind.objects.filter(name__iexact=name)
        .exclude(pk__in=[exclude_pk] if exclude_pk else [])
        .exists()
    ):
        raise _taken()
    return name


def create_result_kind(*, by: User, name: str, domain: str = "", order: int = 0) -> ResultKind:
    with transaction.atomic():
        name = _check_name(name)
        try:
            with transaction.atomic():
                kind = ResultKind.objects.create(name=name, domain=domain, order=order)
        except IntegrityError as exc:
            raise _taken() from exc
        record(actor=by, action=AuditAction.CREATE, code="accounts.result_kind.create", obj=kind)
    return kind


def update_result_kind(
    *, by: User, kind: ResultKind, name: str, domain: str, order: int, active: bool
) -> ResultKind:
    with transaction.atomic():
        current = ResultKind.objects.select_for_update().get(pk=kind.pk)
        name = _check_name(name, exclude_pk=current.pk)
        changed = _apply(
            current, {"name": name, "domain": domain, "order": order, "active": active}
        )
        if changed:
            current.save(update_fields=[*changed, "updated_at"])
            record(
                actor=by,
                action=AuditAction.UPDATE,
                code="accounts.result_kind.update",
                obj=current,
                detail={"changed": changed},
            )
    return current
