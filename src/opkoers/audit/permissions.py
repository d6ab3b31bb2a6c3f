"""Who may see the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def is_privacy_officer(user: User) -> bool:
    from opkoers.accounts.models import Role

    return bool(user.is_authenticated and user.role == Role.PRIVACY_OFFICER)
