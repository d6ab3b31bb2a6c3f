"""Secrets at rest: Fernet with a key ring (first encrypts, all decrypt), re-encryption
with the current key, production refusing to run without a key, and the migration that
moved secrets sealed by the former hand-written cipher to django-otp devices."""

import base64
import hashlib
import hmac
import os
import secrets
import subprocess
import sys
import time

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_otp.oath import hotp

from opkoers.accounts.models import TotpDevice
from opkoers.accounts.security import crypto
from opkoers.accounts.services import mfa
from opkoers.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.security


def test_first_key_encrypts_every_key_decrypts(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.OPKOERS_MFA_KEYS = [old]
    token = crypto.encrypt(b"geheim")
    settings.OPKOERS_MFA_KEYS = [new, old]
    assert crypto.decrypt(token) == b"geheim"
    rotated = crypto.rotate(token)
    settings.OPKOERS_MFA_KEYS = [new]
    assert crypto.decrypt(rotated) == b"geheim"
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt(token)


def test_an_altered_secret_does_not_open(settings):
    token = crypto.encrypt(b"geheim")
    altered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt(altered)


def test_without_configured_keys_outside_production_a_key_is_derived(settings):
    settings.OPKOERS_MFA_KEYS = []
    assert crypto.decrypt(crypto.encrypt(b"x")) == b"x"
    settings.PRODUCTION = True
    with pytest.raises(RuntimeError):
        crypto.key_ring()


def test_production_settings_refuse_to_start_without_a_key():
    env = {
        **os.environ,
        "OPKOERS_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "OPKOERS_MFA_KEYS": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import opkoers.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "OPKOERS_MFA_KEYS must be set" in result.stderr


def test_reencrypt_command_moves_every_secret_to_the_current_key(db, settings, capsys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.OPKOERS_MFA_KEYS = [old]
    people = UserFactory.create_batch(3)
    secrets_before = [mfa.pending_secret(user=p) for p in people]
    settings.OPKOERS_MFA_KEYS = [new, old]
    call_command("reencrypt_mfa_secrets")
    assert "3 opnieuw versleuteld, 0 niet te openen." in capsys.readouterr().out
    settings.OPKOERS_MFA_KEYS = [new]
    assert [mfa.pending_secret(user=p) for p in people] == secrets_before


def test_reencrypt_command_reports_secrets_no_key_opens(db, settings, capsys):
    settings.OPKOERS_MFA_KEYS = [Fernet.generate_key().decode()]
    person = UserFactory()
    mfa.pending_secret(user=person)
    settings.OPKOERS_MFA_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError):
        call_command("reencrypt_mfa_secrets")
    assert person.username not in capsys.readouterr().out


# --- the data migration ---------------------------------------------------------------


def legacy_seal(plaintext, master):
    """The former accounts/security/secretbox.py seal(), kept here to make old rows."""

    def derive(purpose):
        return hmac.new(master, b"opkoers.mfa." + purpose, hashlib.sha256).digest()

    data = plaintext.encode()
    nonce = secrets.token_bytes(16)
    key = derive(b"enc")
    stream = b"".join(
        hmac.new(key, nonce + c.to_bytes(8, "big"), hashlib.sha256).digest()
        for c in range((len(data) + 31) // 32)
    )[: len(data)]
    body = b"1" + nonce + bytes(a ^ b for a, b in zip(data, stream, strict=True))
    tag = hmac.new(derive(b"mac"), body, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(body + tag).decode()


BEFORE = [("accounts", "0006_totp_device_and_invitation")]
AFTER = [("accounts", "0008_remove_mfa_device_login_throttle_and_temporary_password")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_existing_devices_keep_working_after_the_migration(settings):
    settings.OPKOERS_MFA_KEY = "oude-sleutel-van-de-eigen-cipher"
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    User = old_apps.get_model("accounts", "User")
    MfaDevice = old_apps.get_model("accounts", "MfaDevice")
    key = secrets.token_bytes(20)
    secret = base64.b32encode(key).decode().rstrip("=")
    master = settings.OPKOERS_MFA_KEY.encode()
    step = int(time.time()) // 30
    enrolled = User.objects.create(username="mfa-oud", password="x", role="professional")
    MfaDevice.objects.create(
        user=enrolled,
        sealed_secret=legacy_seal(secret, master),
        confirmed_at="2026-11-01T10:00:00Z",
        last_used_step=step - 5,
    )
    broken = User.objects.create(username="mfa-kapot", password="x", role="professional")
    MfaDevice.objects.create(user=broken, sealed_secret=legacy_seal(secret, b"andere sleutel"))
    temporary = User.objects.create(
        username="tijdelijk", password="pbkdf2$x", role="professional", must_change_password=True
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    device = TotpDevice.objects.get(user_id=enrolled.pk)
    assert device.confirmed and device.bin_key == key and device.last_t == step - 5
    assert key.hex() not in device.encrypted_key and secret not in device.encrypted_key
    # The person's app goes on producing codes the new device accepts; no replay.
    assert device.verify_token(str(hotp(key, step)).zfill(6))
    assert not TotpDevice.objects.filter(user_id=broken.pk).exists()
    from opkoers.accounts.models import User as CurrentUser

    assert not CurrentUser.objects.get(pk=temporary.pk).has_usable_password()
