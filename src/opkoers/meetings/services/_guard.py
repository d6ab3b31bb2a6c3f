"""The check every meetings write starts with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.cases.models import Case
from opkoers.meetings.permissions import is_at_table

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def lock_open_case(*, case: Case, by: User) -> Case:
    """Locks the case row for the rest of the caller's transaction, which serialises
    conversation writes per case (two people recording the same conversation at once
    must not schedule two follow-up calls), and re-reads the status so that a case
    closed a moment ago is refused."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_open_case must be called inside transaction.atomic")
    locked = Case.objects.select_for_update().select_related("team").get(pk=case.pk)
    if locked.is_closed:
        raise ValidationError(
            _(
                "Dit traject is afgesloten. Gesprekken en nabellen kunnen niet meer "
                "worden gewijzigd."
            ),
            code="closed",
        )
    if not by.works_on_cases or not is_at_table(by, locked):
        raise PermissionDenied(
            _("Alleen het casusteam van dit traject kan gesprekken plannen en vastleggen.")
        )
    return locked
