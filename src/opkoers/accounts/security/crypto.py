"""Encryption at rest for authenticator secrets: Fernet (AES-128-CBC + HMAC-SHA256, from
`cryptography`) behind a MultiFernet key ring, so keys can be rotated.

settings.OPKOERS_MFA_KEYS lists Fernet keys; the first encrypts, every one decrypts.
Outside production, with no key configured, one key is derived from SECRET_KEY so a
laptop works without setup; production refuses to start without a configured key."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

__all__ = ["InvalidToken", "decrypt", "encrypt", "key_ring", "rotate"]


def _derived_key() -> bytes:
    digest = hashlib.sha256(b"opkoers.mfa.fernet:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def key_ring() -> MultiFernet:
    keys = list(getattr(settings, "OPKOERS_MFA_KEYS", []) or [])
    if not keys:
        if getattr(settings, "PRODUCTION", False):
            raise RuntimeError("OPKOERS_MFA_KEYS must be set in production")
        keys = [_derived_key()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt(secret: bytes) -> str:
    return key_ring().encrypt(secret).decode("ascii")


def decrypt(token: str) -> bytes:
    """Raises InvalidToken when no key in the ring opens it (altered, or key gone)."""
    return key_ring().decrypt(token.encode("ascii"))


def rotate(token: str) -> str:
    """The same secret, encrypted with the current (first) key."""
    return key_ring().rotate(token.encode("ascii")).decode("ascii")
