"""The check every plan write starts with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opkoers.cases.access import To, lock_case
from opkoers.cases.models import Case
from opkoers.plans.permissions import plan_is_open

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def lock_open_plan(*, case: Case, by: User) -> Case:
    """Locks the case row for the rest of the caller's transaction. That serialises plan
    writes per case (two people reordering goals at once must not end with two goals at
    priority 2) and re-reads the status, so a case closed a moment ago is refused. The
    person rule comes from cases.access: on the case team, by the regular route (never on
    break-glass alone)."""
    access = lock_case(case=case, by=by)
    locked = access.case
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
    access.require(To.WRITE_ON_CASE_TEAM)
    return locked
