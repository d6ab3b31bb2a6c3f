from __future__ import annotations

from django.db import models


class RegistrationAttempt(models.Model):
    """One accepted self-registration from one (hashed) client address, for the
    per-address limit (portal/throttle.py). In the database, like sessions and login
    throttles, so that every app server counts the same; never an address in clear."""

    address_hash = models.CharField(max_length=64)
    # Indexed alone too: rows older than the window are deleted by time (throttle.count).
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address_hash", "at"], name="portal_attempt_addr_at")]
