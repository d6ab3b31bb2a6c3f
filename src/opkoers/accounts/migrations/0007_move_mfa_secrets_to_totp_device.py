"""Keeps existing authenticator apps working: every MfaDevice secret, sealed by the former
hand-written cipher (HMAC-SHA256 counter-mode keystream + encrypt-then-MAC, keyed from
OPKOERS_MFA_KEY or SECRET_KEY), is opened one last time with that scheme (copied here,
since accounts/security/secretbox.py is gone) and stored in TotpDevice encrypted with
the Fernet key ring. The last used time step carries over, so no code can be replayed.

A secret that no longer opens (the key changed) is not moved: that person enrols again,
as they would have had to anyway. Nothing secret is printed.

Also: someone still on a temporary password chosen or seen by an admin gets an unusable
password; the admin sends them an invitation (the new way in)."""

import base64
import hashlib
import hmac

from django.conf import settings
from django.db import migrations

_NONCE_BYTES = 16
_TAG_BYTES = 32


def _legacy_open(token):
    raw_key = (getattr(settings, "OPKOERS_MFA_KEY", "") or settings.SECRET_KEY).encode("utf-8")

    def derive(purpose):
        return hmac.new(raw_key, b"opkoers.mfa." + purpose, hashlib.sha256).digest()

    def keystream(key, nonce, length):
        blocks = [
            hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest()
            for counter in range((length + 31) // 32)
        ]
        return b"".join(blocks)[:length]

    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return None
    body, tag = raw[:-_TAG_BYTES], raw[-_TAG_BYTES:]
    expected = hmac.new(derive(b"mac"), body, hashlib.sha256).digest()
    if len(body) < 1 + _NONCE_BYTES or not hmac.compare_digest(tag, expected):
        return None
    nonce, cipher = body[1 : 1 + _NONCE_BYTES], body[1 + _NONCE_BYTES :]
    stream = keystream(derive(b"enc"), nonce, len(cipher))
    return bytes(a ^ b for a, b in zip(cipher, stream)).decode("utf-8")


def _base32_bytes(secret):
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def forwards(apps, schema_editor):
    from opkoers.accounts.security.crypto import encrypt

    MfaDevice = apps.get_model("accounts", "MfaDevice")
    TotpDevice = apps.get_model("accounts", "TotpDevice")
    User = apps.get_model("accounts", "User")
    for old in MfaDevice.objects.all().iterator():
        secret = _legacy_open(old.sealed_secret)
        if secret is None:
            continue
        TotpDevice.objects.create(
            user_id=old.user_id,
            name="Authenticator-app",
            confirmed=old.confirmed_at is not None,
            confirmed_at=old.confirmed_at,
            encrypted_key=encrypt(_base32_bytes(secret)),
            last_t=old.last_used_step if old.last_used_step is not None else -1,
        )
    for user in User.objects.filter(must_change_password=True).iterator():
        user.password = "!"  # unusable, as set_unusable_password() makes it
        user.save(update_fields=["password"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_totp_device_and_invitation"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
