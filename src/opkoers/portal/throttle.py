"""A per-address limit on accepted self-registrations, in Django's cache.

django-axes counts failed logins and does not fit; the cache's atomic add/incr is
enough for a fixed window. The address is REMOTE_ADDR as core/proxy.py settled it
(the client behind a trusted proxy), hashed so that the cache holds no address. With
several app servers the cache must be shared (decision 0023)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60 * 60


def _key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"opkoers:selfreg:{digest}"


def limit() -> int:
    return int(getattr(settings, "SELF_REGISTRATION_PER_HOUR", 5))


def is_limited(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= limit()


def count(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)
