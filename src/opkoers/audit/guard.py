"""Database-level refusal to UPDATE or DELETE audit rows, below the ORM.

PostgreSQL: a row trigger raises on UPDATE and DELETE, except the sequencer's one
update that gives an unsequenced row its seq and MAC and leaves every other column as
it was. (TRUNCATE, used by test
flushes, is a table-owner operation and is not blocked; production should run the
application as a role that does not own the table and has only SELECT/INSERT on it, and
the sequencer as one that may also UPDATE the columns seq, key_id, prev_hash, row_hash.)

SQLite: BEFORE UPDATE/DELETE triggers RAISE(ABORT), with the same sequencing exception.
Their WHEN clause calls
`opkoers_audit_unlocked()`, a function the application registers on every SQLite
connection (apps.py); it answers 0 except inside `maintenance()`, which only the
`flush` command uses (tests empty the database with DELETE on SQLite). A connection
that lacks the function (the sqlite3 shell) fails the trigger too, so it cannot
tamper either without first dropping the trigger.

SQLite drops a table's triggers when a migration rebuilds that table: any later
migration that alters AuditEvent must call install_guard again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from opkoers.audit.chain import HASHED_FIELDS

TABLE = "audit_auditevent"
_unlocked: ContextVar[bool] = ContextVar("audit_unlocked", default=False)

# The one change the database admits: the sequencer giving an unsequenced row its place
# in the chain (seq, key_id, prev_hash, row_hash), every other column unchanged.
SEQUENCED_COLUMNS = ("seq", "key_id", "prev_hash", "row_hash")
# The same columns the chain hashes, and the id: one list, so the two cannot drift.
CONTENT_COLUMNS = ("id", *HASHED_FIELDS)
_PG_SKIP = "ARRAY[" + ",".join(f"'{c}'" for c in SEQUENCED_COLUMNS) + "]"
PG_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
           AND (to_jsonb(NEW) - {_PG_SKIP}) = (to_jsonb(OLD) - {_PG_SKIP}) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit rows are append-only';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()
    """,
]
PG_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_refuse_change()",
]
_SQLITE_SEQUENCING = " AND ".join(
    ["OLD.seq IS NULL", "NEW.seq IS NOT NULL"] + [f"NEW.{c} IS OLD.{c}" for c in CONTENT_COLUMNS]
)
SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE}
    WHEN NOT opkoers_audit_unlocked() AND NOT ({_SQLITE_SEQUENCING})
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
    """,
    f"""
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE}
    WHEN NOT opkoers_audit_unlocked()
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
    """,
]
SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"]
# The guard of migration 0002 (before rows had a seq): no change admitted at all.
LEGACY_PG_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit rows are append-only';
    END;
    $$ LANGUAGE plpgsql
    """,
    PG_INSTALL[1],
]
LEGACY_SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE}
    WHEN NOT opkoers_audit_unlocked()
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
    """,
    SQLITE_INSTALL[1],
]


def _statements(vendor: str, install: bool, legacy: bool = False) -> list[str]:
    if vendor == "postgresql":
        return (LEGACY_PG_INSTALL if legacy else PG_INSTALL) if install else PG_REMOVE
    if vendor == "sqlite":
        return (LEGACY_SQLITE_INSTALL if legacy else SQLITE_INSTALL) if install else SQLITE_REMOVE
    return []


def install_guard(schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql)


def install_legacy_guard(schema_editor: Any) -> None:
    """Only for migration 0002, which ran before the seq column existed."""
    for sql in _statements(schema_editor.connection.vendor, install=True, legacy=True):
        schema_editor.execute(sql)


def remove_guard(schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql)


def _is_unlocked() -> int:
    return 1 if _unlocked.get() else 0


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("opkoers_audit_unlocked", 0, _is_unlocked)


@contextmanager
def maintenance() -> Iterator[None]:
    """Lets this thread delete audit rows on SQLite. Only for emptying a whole database."""
    token = _unlocked.set(True)
    try:
        yield
    finally:
        _unlocked.reset(token)
