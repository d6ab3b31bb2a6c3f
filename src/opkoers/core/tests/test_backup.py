"""Backup and restore round trip, on the database the suite runs on: a backup of a live
database comes back whole in a new, empty one, with the audit chain checked against the
latest signed checkpoint and the row counts reported."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.audit.sequencer import sequence_pending
from opkoers.audit.services import record
from opkoers.cases.models import Case
from opkoers.cases.tests.factories import CaseFactory
from opkoers.core.backup import BackupError, backup, restore

pytestmark = [pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[4]


def _audited_cases(n: int) -> list[Case]:
    cases = [CaseFactory() for _ in range(n)]
    with transaction.atomic():
        for case in cases:
            record(actor=None, action=AuditAction.VIEW, code="case.view", case=case)
    sequence_pending(force_checkpoint=True)
    return cases


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database of the same kind as the suite's."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"opkoers_restore_{uuid.uuid4().hex[:10]}"
    settings_dict = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    yield f"postgres://{user}@{host}:{port}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _restore_elsewhere(
    settings: Any, url: str, backup_file: Path
) -> subprocess.CompletedProcess[str]:
    """`manage.py restore` in its own process, as an operator runs it: the other
    database, the same keys and the same checkpoint directory."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OPKOERS_AUDIT_CHECKPOINT_DIR": str(settings.AUDIT_CHECKPOINT_DIR),
        "DJANGO_SETTINGS_MODULE": "opkoers.settings",
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(REPO / "manage.py"), "restore", str(backup_file)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def _count(url: str, table: str) -> int:
    import dj_database_url

    config = dj_database_url.parse(url)
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(config["NAME"]) as db:
            return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608
    import psycopg

    with psycopg.connect(
        host=config["HOST"], port=config["PORT"], user=config["USER"], dbname=config["NAME"]
    ) as db:
        row = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()  # noqa: S608
        assert row is not None
        return int(row[0])


def test_round_trip_into_an_empty_database(settings, tmp_path, empty_database):
    _audited_cases(3)
    cases, events = Case.objects.count(), AuditEvent.objects.count()
    target = backup(tmp_path / "opkoers.backup")
    assert target.stat().st_size > 0

    done = _restore_elsewhere(settings, empty_database, target)
    assert done.returncode == 0, done.stderr
    assert "auditketen in orde" in done.stdout
    assert f"cases_case {cases:,}".split() in [line.split() for line in done.stdout.splitlines()]
    assert _count(empty_database, "cases_case") == cases
    assert _count(empty_database, "audit_auditevent") == events


def test_an_older_backup_is_reported_against_a_newer_checkpoint(settings, tmp_path, empty_database):
    """Restoring yesterday's backup after today's checkpoint is exactly what deleting the
    newest rows looks like: the check says so, and the command fails, so that nobody
    takes a rewound log for the whole one."""
    _audited_cases(2)
    target = backup(tmp_path / "older.backup")
    _audited_cases(2)  # more rows and a newer checkpoint after the backup

    done = _restore_elsewhere(settings, empty_database, target)
    assert done.returncode != 0
    assert "auditketen klopt niet" in done.stderr
    assert _count(empty_database, "cases_case") == 2


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    _audited_cases(1)
    target = backup(tmp_path / "opkoers.backup")
    with pytest.raises(BackupError, match="niet leeg"):
        restore(target)
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("restore", str(target))


def test_backup_does_not_overwrite_and_restore_needs_a_file(tmp_path):
    existing = tmp_path / "there.backup"
    existing.write_bytes(b"x")
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", str(existing))
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "missing.backup"))
    assert existing.read_bytes() == b"x"
