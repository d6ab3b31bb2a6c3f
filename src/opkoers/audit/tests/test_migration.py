"""Migration 0003 re-chains the rows of the old SHA-256 chain with the key, so that a
migrated database verifies at once, and refuses a database whose old chain was broken."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from opkoers.audit.chain import HASHED_FIELDS
from opkoers.audit.guard import _statements
from opkoers.audit.models import AuditAction, AuditEvent, AuditSequencerState
from opkoers.audit.services import record
from opkoers.audit.verify import verify_chain

pytestmark = [pytest.mark.security, pytest.mark.django_db]

legacy = import_module("opkoers.audit.migrations.0002_hash_chain_and_break_glass")
migration = import_module("opkoers.audit.migrations.0003_keyed_chain_and_sequencer")
TABLE = AuditEvent._meta.db_table


def _old_database(case: Any, *, break_at: int | None = None) -> None:
    """Rows as version 0002 left them: chained with unkeyed SHA-256, no seq."""
    with transaction.atomic():
        for i in range(4):
            record(
                actor=None, action=AuditAction.VIEW, code="case.view", case=case, detail={"i": i}
            )
    rows = list(AuditEvent.objects.order_by("id").values("id", *HASHED_FIELDS))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER audit_append_only ON {TABLE}")
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")
        prev = legacy.GENESIS
        for n, row in enumerate(rows):
            row_hash = legacy.compute_hash(row, prev)
            if n == break_at:
                row_hash = "0" * 63 + "1"
            cursor.execute(
                f"UPDATE {TABLE} SET prev_hash = %s, row_hash = %s WHERE id = %s",  # noqa: S608
                [prev, row_hash, row["id"]],
            )
            prev = row_hash
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)
    AuditSequencerState.objects.all().delete()


def _historical_apps() -> Any:
    state = MigrationLoader(connection).project_state(("audit", migration.__name__.split(".")[-1]))
    return state.apps


def test_a_migrated_database_verifies(case: Any) -> None:
    _old_database(case)
    migration.rechain(_historical_apps(), SimpleNamespace(connection=connection))
    verdict = verify_chain()
    assert verdict.ok and verdict.checked == 4 and verdict.unsequenced == 0
    assert AuditSequencerState.objects.get().last_seq == 4


def test_a_broken_old_chain_stops_the_migration(case: Any) -> None:
    _old_database(case, break_at=2)
    with pytest.raises(RuntimeError, match="does not verify under the old chain"):
        migration.rechain(_historical_apps(), SimpleNamespace(connection=connection))
