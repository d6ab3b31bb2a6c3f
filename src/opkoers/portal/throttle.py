"""A per-address limit on accepted self-registrations, counted in the database.

django-axes counts failed logins and does not fit. The address is REMOTE_ADDR as
core/proxy.py settled it (the client behind a trusted proxy), hashed with the secret
key, so the table holds no address. In the database rather than a per-process cache:
app servers share nothing but PostgreSQL (docs/deployment.md, decision 0023). Two
requests racing at the limit may both pass; for abuse protection one extra is fine."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from opkoers.portal.models import RegistrationAttempt

WINDOW = timedelta(hours=1)


def _hash(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def limit() -> int:
    return int(getattr(settings, "SELF_REGISTRATION_PER_HOUR", 5))


def is_limited(request: HttpRequest) -> bool:
    since = timezone.now() - WINDOW
    recent = RegistrationAttempt.objects.filter(address_hash=_hash(request), at__gte=since)
    # At most `limit` index entries are read, however busy the address was.
    return recent[: limit()].count() >= limit()


def count(request: HttpRequest) -> None:
    key, now = _hash(request), timezone.now()
    # Rows older than the window count for nothing and are (pseudonymous) traces of an
    # address: every registration clears them, for all addresses.
    RegistrationAttempt.objects.filter(at__lt=now - WINDOW).delete()
    RegistrationAttempt.objects.create(address_hash=key, at=now)
