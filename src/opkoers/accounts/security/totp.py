"""Time-based one-time passwords (RFC 6238 on top of HOTP, RFC 4226).

Small enough to read in one go and checked against the RFC's test vectors, so no
third-party dependency is needed for it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
# One step either side: a phone clock a little off, or a code typed just as it rolled over.
DRIFT_STEPS = 1

_ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512}


def generate_secret() -> str:
    """160 random bits (RFC 4226 recommends at least 128), base32 without padding."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def secret_bytes(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, algorithm: str = "sha1") -> str:
    digest = hmac.new(key, struct.pack(">Q", counter), _ALGORITHMS[algorithm]).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def time_step(at: float | None = None) -> int:
    return int((time.time() if at is None else at) // STEP_SECONDS)


def totp(key: bytes, at: float, *, digits: int = DIGITS, algorithm: str = "sha1") -> str:
    return hotp(key, time_step(at), digits=digits, algorithm=algorithm)


def matching_step(
    secret: str, code: str, *, at: float | None = None, after_step: int | None = None
) -> int | None:
    """The time step whose code is `code`, within the allowed drift, or None.

    Steps at or before `after_step` (the last step used) never match: a code that was
    seen once, e.g. over someone's shoulder, cannot be used again."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    key = secret_bytes(secret)
    current = time_step(at)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if after_step is not None and step <= after_step:
            continue
        if hmac.compare_digest(hotp(key, step), code):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// URI authenticator apps understand (Key Uri Format)."""
    label = quote(f"{issuer}:{account}", safe=":@")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_SECONDS,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def grouped(secret: str) -> str:
    """ABCD EFGH ...: easier to type over from the screen."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
