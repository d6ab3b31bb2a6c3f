"""Who may do what in the effects calculator.

A case's calculator is decided in `cases.access`: reading for anyone who may see the
case's personal data; writing (`To.WRITE_EFFECTS`) for the professionals on the case
team (like the plan and the conversations: the project leader reads along but does not
change another table's work), while the case is not anonymised, never on break-glass.
Closed cases stay writable there on purpose: the reference timeline is often only filled
in at or after the evaluation (decision record 0013).
The price list: everyone signed in may read it, only the functional admin changes it.
The aggregate: people who work on cases (their own teams) and policy staff (all teams,
figures only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def can_manage_price_list(user: User) -> bool:
    return user.is_authenticated and user.is_functional_admin


def must_suppress_small_numbers(user: User) -> bool:
    """Policy staff see figures about groups only: a total over one or two cases could
    point at a resident. The threshold is the reports' (REPORTS_SUPPRESSION_THRESHOLD,
    5 when that setting is absent)."""
    return not user.works_on_cases


def suppression_threshold() -> int:
    return int(getattr(settings, "REPORTS_SUPPRESSION_THRESHOLD", 5))


def can_view_aggregate(user: User) -> bool:
    return user.is_authenticated and (user.works_on_cases or user.is_policy_staff)
