"""N failures within a window lock a key for a while (settings.OPKOERS_LOCKOUT)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opkoers.accounts.models import LoginThrottle

_DEFAULTS = {"MAX_FAILURES": 5, "WINDOW_MINUTES": 15, "LOCK_MINUTES": 15}


def _setting(name: str) -> int:
    return int(getattr(settings, "OPKOERS_LOCKOUT", {}).get(name, _DEFAULTS[name]))


def password_key(username: str) -> str:
    return "pw:" + (username or "").strip().casefold()[:190]


def mfa_key(user_id: int) -> str:
    return f"mfa:{user_id}"


def locked_until(key: str) -> datetime | None:
    row = LoginThrottle.objects.filter(key=key).only("locked_until").first()
    if row is None or row.locked_until is None or row.locked_until <= timezone.now():
        return None
    return row.locked_until


def register_failure(key: str) -> bool:
    """Counts one failure; True when this failure starts a lockout."""
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
        starts_lock = row.failures >= _setting("MAX_FAILURES")
        if starts_lock:
            row.locked_until = now + timedelta(minutes=_setting("LOCK_MINUTES"))
        row.save()
    return starts_lock


def reset(key: str) -> None:
    LoginThrottle.objects.filter(key=key).delete()
