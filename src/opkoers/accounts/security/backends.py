"""The password check with lockout. Living in the backend (not the login view) means
every way in, including the Django admin's own login page, is throttled."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.http import HttpRequest

from opkoers.accounts.security import throttle
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        key = throttle.password_key(username)
        address = client_address(request)
        if throttle.locked_until(key) or (address and throttle.locked_until(address)):
            # Hash anyway, so a locked name answers as slowly as any other.
            user_model().set_password(password)
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            if throttle.register_failure(key):
                record_lockout(username=username, stage="password")
            if address and throttle.register_failure(address, limit="ADDRESS_MAX_FAILURES"):
                record_lockout(stage="address")
        else:
            # Only the name's count: one good login of the attacker's own account must not
            # wipe the trail of a password tried on many names from that address.
            throttle.reset(key)
        return user


def client_address(request: HttpRequest | None) -> str:
    """The throttle key of the client's address ("" when unknown). REMOTE_ADDR, as the
    audit log uses: behind a reverse proxy, the proxy must set it to the client's
    address (see docs/handleiding/inloggen-en-beveiliging.md)."""
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    return throttle.address_key(address) if address else ""


def record_lockout(*, username: str = "", user: Any = None, stage: str) -> None:
    """Audited with the person when the name is known; the typed name itself is not
    stored, since it may be a mistyped password."""
    if user is None and username:
        user = get_user_model().objects.filter(username=username).first()
    with transaction.atomic():
        record(
            actor=user,
            action=AuditAction.LOGIN,
            code="accounts.login.locked",
            obj=user,
            detail={"stage": stage, "known_user": user is not None},
        )
