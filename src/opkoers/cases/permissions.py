"""Case predicates that are not about one person and one case (those live in
cases/access.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def can_register(user: User) -> bool:
    return user.is_authenticated and user.works_on_cases and user.teams.exists()
