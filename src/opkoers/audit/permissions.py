"""Who may see the audit log and break-the-glass accesses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from opkoers.audit.models import BreakGlassAccess

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.cases.models import Case


def is_privacy_officer(user: User) -> bool:
    from opkoers.accounts.models import Role

    return bool(user.is_authenticated and user.role == Role.PRIVACY_OFFICER)


def can_list_break_glass(user: User) -> bool:
    return is_privacy_officer(user) or bool(user.is_authenticated and user.is_project_leader)


def has_active_break_glass(user: User, case: Case) -> bool:
    """True while `user` holds an unexpired emergency access to `case`. The consent
    check ORs this in: (on the team AND consent covers the organisation) OR this."""
    if not user.is_authenticated:
        return False
    return BreakGlassAccess.objects.filter(
        user=user, case_id=case.pk, expires_at__gt=timezone.now()
    ).exists()
