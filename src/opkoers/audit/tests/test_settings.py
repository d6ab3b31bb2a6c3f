"""The audit keys and the benchmark's audit switch, as the settings module reads them
from the environment (in a fresh interpreter, as a deployment starts)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings

pytestmark = pytest.mark.security

KEY_A = base64.b64encode(b"a" * 32).decode()
KEY_B = base64.b64encode(b"b" * 32).decode()
SEED = base64.b64encode(b"s" * 32).decode()
PRODUCTION = {
    "OPKOERS_ENV": "production",
    "OPKOERS_MFA_KEYS": "Y2hlY2tzLW9ubHktbm90LWEtcmVhbC1rZXktMTIzNDU=",
    "SECRET_KEY": "test-production-like-key-with-enough-length-and-entropy-12345",
    "OPKOERS_AUDIT_KEYS": f"k2:{KEY_B},k1:{KEY_A}",
    "OPKOERS_AUDIT_CHECKPOINT_KEY": SEED,
}


def _settings_in(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import opkoers.settings as s;"
        "print(','.join(s.AUDIT_HMAC_KEYS), s.AUDIT_BENCH_OFF, s.AUDIT_CHECKPOINT_KEY == "
        f"{SEED!r})"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("OPKOERS_")}
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        env={**base, "PYTHONPATH": str(settings.BASE_DIR.parent), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_reads_the_keys_first_is_current() -> None:
    result = _settings_in(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["k2,k1", "False", "True"]


@pytest.mark.parametrize("missing", ["OPKOERS_AUDIT_KEYS", "OPKOERS_AUDIT_CHECKPOINT_KEY"])
def test_production_refuses_to_start_without_audit_keys(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _settings_in(env)
    assert result.returncode != 0 and "must be set in production" in result.stderr


def test_production_refuses_the_benchmarks_audit_switch() -> None:
    result = _settings_in({**PRODUCTION, "OPKOERS_BENCH_AUDIT_OFF": "1"})
    assert result.returncode != 0 and "benchmarks only" in result.stderr


def test_outside_production_the_switch_and_the_dev_keys_work() -> None:
    result = _settings_in({"OPKOERS_BENCH_AUDIT_OFF": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["dev", "True"]


@pytest.mark.parametrize(
    "value",
    [
        "nokey",  # no id
        f"k1:{KEY_A},k1:{KEY_B}",  # the same id twice
        "k1:not-base64!",
        f"k1:{base64.b64encode(b'short').decode()}",  # fewer than 32 bytes
        f"bad id:{KEY_A}",
    ],
)
def test_malformed_keys_are_refused(value: str) -> None:
    result = _settings_in({"OPKOERS_AUDIT_KEYS": value})
    assert result.returncode != 0 and "OPKOERS_AUDIT_KEYS" in result.stderr


@pytest.mark.django_db
def test_with_the_switch_record_writes_nothing(settings: Any, case: Any) -> None:
    from django.db import transaction

    from opkoers.audit.models import AuditAction, AuditEvent
    from opkoers.audit.services import record

    settings.AUDIT_BENCH_OFF = True
    with transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="case.view", case=case)
    assert not AuditEvent.objects.exists()
