"""Case predicates that are not about one person and one case (those live in
cases/access.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from opkoers.cases.access import To, case_access

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.cases.models import Case


def can_register(user: User) -> bool:
    return user.is_authenticated and user.works_on_cases and user.teams.exists()


def can_edit_case(user: User, case: Case) -> bool:
    """Transitional, until every app asks cases.access: the state half of a write."""
    return not case.is_closed and user.works_on_cases


def get_case_for(user: User, case_id: UUID | str, *, personal_data: bool = True) -> Case:
    """Transitional, until every app calls cases.access.access_case."""
    access = case_access(user, case_id)
    access.require(To.READ if personal_data else To.KNOW)
    return access.case
