"""Encrypts MFA secrets at rest with only the standard library.

The project has no crypto dependency, so this is a stream cipher built from
HMAC-SHA256 in counter mode (a PRF, hence a sound keystream) with encrypt-then-MAC.
Keys are derived from OPKOERS_MFA_KEY, or SECRET_KEY when that is not set; rotating
the key means everyone enrols again (the functional admin resets MFA)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

_VERSION = b"1"
_NONCE_BYTES = 16
_TAG_BYTES = 32


def _master_key() -> bytes:
    raw = getattr(settings, "OPKOERS_MFA_KEY", "") or settings.SECRET_KEY
    return raw.encode("utf-8")


def _derive(purpose: bytes) -> bytes:
    return hmac.new(_master_key(), b"opkoers.mfa." + purpose, hashlib.sha256).digest()


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = []
    for counter in range((length + 31) // 32):
        blocks.append(hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest())
    return b"".join(blocks)[:length]


def seal(plaintext: str) -> str:
    data = plaintext.encode("utf-8")
    nonce = secrets.token_bytes(_NONCE_BYTES)
    cipher = bytes(
        a ^ b for a, b in zip(data, _keystream(_derive(b"enc"), nonce, len(data)), strict=True)
    )
    body = _VERSION + nonce + cipher
    tag = hmac.new(_derive(b"mac"), body, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(body + tag).decode("ascii")


class SecretBoxError(ValueError):
    pass


def open_box(token: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise SecretBoxError("not a sealed value") from exc
    body, tag = raw[:-_TAG_BYTES], raw[-_TAG_BYTES:]
    expected = hmac.new(_derive(b"mac"), body, hashlib.sha256).digest()
    if len(body) < 1 + _NONCE_BYTES or not hmac.compare_digest(tag, expected):
        raise SecretBoxError("sealed value was altered or the key changed")
    nonce, cipher = body[1 : 1 + _NONCE_BYTES], body[1 + _NONCE_BYTES :]
    data = bytes(
        a ^ b for a, b in zip(cipher, _keystream(_derive(b"enc"), nonce, len(cipher)), strict=True)
    )
    return data.decode("utf-8")


__all__ = ["SecretBoxError", "open_box", "seal"]
