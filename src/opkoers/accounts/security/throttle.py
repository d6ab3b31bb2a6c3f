"""N failures within a window lock a key for a while (settings.OPKOERS_LOCKOUT).

Two keys count password failures: the typed username (MAX_FAILURES, against guessing one
account's password) and the client address (ADDRESS_MAX_FAILURES, against trying one
common password on many usernames, which the per-name count never sees). The address
limit is high because a municipal office logs in from one address."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opkoers.accounts.models import LoginThrottle

_DEFAULTS = {
    "MAX_FAILURES": 5,
    "ADDRESS_MAX_FAILURES": 50,
    "WINDOW_MINUTES": 15,
    "LOCK_MINUTES": 15,
}


def _setting(name: str) -> int:
    return int(getattr(settings, "OPKOERS_LOCKOUT", {}).get(name, _DEFAULTS[name]))


def password_key(username: str) -> str:
    return "pw:" + (username or "").strip().casefold()[:190]


def address_key(address: str) -> str:
    return "ip:" + address[:190]


def mfa_key(user_id: int) -> str:
    return f"mfa:{user_id}"


def locked_until(key: str) -> datetime | None:
    row = LoginThrottle.objects.filter(key=key).only("locked_until").first()
    if row is None or row.locked_until is None or row.locked_until <= timezone.now():
        return None
    return row.locked_until


def register_failure(key: str, *, limit: str = "MAX_FAILURES") -> bool:
    """Counts one failure; True when this failure starts a lockout. `limit` names the
    setting that holds the number of failures allowed for this kind of key."""
    now = timezone.now()
    window = timedelta(minutes=_setting("WINDOW_MINUTES"))
    with transaction.atomic():
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(
            key=key, defaults={"window_started_at": now}
        )
        if row.locked_until and row.locked_until > now:
            return False
        if row.window_started_at + window < now or row.locked_until:
            row.failures = 0
            row.window_started_at = now
            row.locked_until = None
        row.failures += 1
        starts_lock = row.failures >= _setting(limit)
        if starts_lock:
            row.locked_until = now + timedelta(minutes=_setting("LOCK_MINUTES"))
        row.save()
    return starts_lock


def reset(key: str) -> None:
    LoginThrottle.objects.filter(key=key).delete()
