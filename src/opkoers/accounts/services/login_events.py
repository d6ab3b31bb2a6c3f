"""Failed logins and lockouts in the audit log (NEN 7513: unsuccessful attempts too).

The typed name is never stored in the audit row: it may be a password typed in the wrong
field. The row names the person when the typed name is a user's username."""

from __future__ import annotations

from django.db import transaction

from opkoers.accounts.models import User
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record


def _user_named(typed_name: str) -> User | None:
    if not typed_name:
        return None
    return User.objects.filter(username__iexact=typed_name).first()


def record_password_failure(
    *, typed_name: str, locked: bool, lockout_started: bool, lock_stage: str = "password"
) -> None:
    user = _user_named(typed_name)
    with transaction.atomic():
        record(
            actor=user,
            action=AuditAction.LOGIN,
            code="auth.login_failed",
            obj=user,
            detail={"stage": "password", "known_user": user is not None, "locked": locked},
        )
        if lockout_started:
            record(
                actor=user,
                action=AuditAction.LOGIN,
                code="auth.lockout",
                obj=user,
                detail={"stage": lock_stage, "known_user": user is not None},
            )


def record_code_failure(*, user: User, locked: bool) -> None:
    """A wrong or reused code at the second step (the password was right)."""
    with transaction.atomic():
        record(
            actor=user,
            action=AuditAction.LOGIN,
            code="auth.login_failed",
            obj=user,
            detail={"stage": "mfa", "known_user": True, "locked": locked},
        )


def record_code_lockout(*, user: User) -> None:
    with transaction.atomic():
        record(
            actor=user,
            action=AuditAction.LOGIN,
            code="auth.lockout",
            obj=user,
            detail={"stage": "mfa", "known_user": True},
        )
