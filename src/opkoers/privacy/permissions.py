"""Who may open, see and review break-glass."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.privacy.models import BreakGlassAccess


def is_privacy_officer(user: User) -> bool:
    from opkoers.accounts.models import Role

    return bool(user.is_authenticated and user.role == Role.PRIVACY_OFFICER)


def can_list_break_glass(user: User) -> bool:
    """The review queue: the privacy officer (every team), a project leader (theirs)."""
    return is_privacy_officer(user) or bool(user.is_authenticated and user.is_project_leader)


def may_review(user: User, access: BreakGlassAccess) -> bool:
    if access.user_id == user.pk:
        return False
    if is_privacy_officer(user):
        return True
    return bool(
        user.is_authenticated
        and user.is_project_leader
        and user.memberships.filter(team_id=access.case.team_id).exists()
    )
