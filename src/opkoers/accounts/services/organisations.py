"""Organisations: the employers of the people who work in Op Koers teams."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opkoers.accounts.models import Organisation
from opkoers.accounts.services._common import apply_changes
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def _check_name(name: str, *, exclude_pk: UUID | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Vul een naam in.")})
    clash = Organisation.objects.filter(name__iexact=name).exclude(
        pk__in=[exclude_pk] if exclude_pk else []
    )
    if clash.exists():
        raise ValidationError({"name": _("Er bestaat al een organisatie met deze naam.")})
    return name


def create_organisation(*, by: User, name: str, kind: str) -> Organisation:
    with transaction.atomic():
        name = _check_name(name)
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(name=name, kind=kind)
        except IntegrityError as exc:
            raise ValidationError(
                {"name": _("Er bestaat al een organisatie met deze naam.")}
            ) from exc
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="accounts.organisation.create",
            obj=organisation,
            detail={"kind": kind},
        )
    return organisation


def update_organisation(
    *, by: User, organisation: Organisation, name: str, kind: str, active: bool
) -> Organisation:
    with transaction.atomic():
        current = Organisation.objects.select_for_update().get(pk=organisation.pk)
        name = _check_name(name, exclude_pk=current.pk)
        changed = apply_changes(current, {"name": name, "kind": kind, "active": active})
        if changed:
            current.save(update_fields=[*changed, "updated_at"])
            record(
                actor=by,
                action=AuditAction.UPDATE,
                code="accounts.organisation.update",
                obj=current,
                detail={"changed": changed},
            )
    return current
