"""The check every meetings write starts with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opkoers.cases.access import To, lock_case
from opkoers.cases.models import Case

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def lock_open_case(*, case: Case, by: User) -> Case:
    """Locks the case row for the rest of the caller's transaction, which serialises
    conversation writes per case (two people recording the same conversation at once
    must not schedule two follow-up calls), and re-reads the status so that a case
    closed a moment ago is refused. The person rule comes from cases.access: at the
    table (case team or backup), by the regular route, never on break-glass alone."""
    access = lock_case(case=case, by=by)
    locked = access.case
    if locked.is_closed:
        raise ValidationError(
            _(
                "Dit traject is afgesloten. Gesprekken en nabellen kunnen niet meer "
                "worden gewijzigd."
            ),
            code="closed",
        )
    access.require(To.WRITE_AT_TABLE)
    return locked
