"""The check every plan write starts with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.cases.models import Case
from opkoers.plans.permissions import is_on_case_team, plan_is_open

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def lock_open_plan(*, case: Case, by: User) -> Case:
    """Locks the case row for the rest of the caller's transaction. That serialises plan
    writes per case (two people reordering goals at once must not end with two goals at
    priority 2) and re-reads the status, so a case closed a moment ago is refused."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_open_plan must be called inside transaction.atomic")
    locked = Case.objects.select_for_update().select_related("resident").get(pk=case.pk)
    if locked.is_closed:
        raise ValidationError(
            _("Dit traject is afgesloten. Het plan kan niet meer worden gewijzigd."),
            code="closed",
        )
    if not plan_is_open(locked):
        raise ValidationError(
            _(
                "Het Samen1plan wordt gemaakt na het eerste gesprek. "
                "Dit traject is nog niet in die stap."
            ),
            code="not_yet",
        )
    if not by.works_on_cases or not is_on_case_team(by, locked):
        raise PermissionDenied(_("Alleen het casusteam van dit traject kan het plan wijzigen."))
    return locked
