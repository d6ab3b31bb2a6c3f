"""Database-level refusal to UPDATE or DELETE audit rows, below the ORM.

PostgreSQL: a row trigger raises on UPDATE and DELETE. (TRUNCATE, used by test
flushes, is a table-owner operation and is not blocked; production should run the
application as a role that does not own the table and has only SELECT/INSERT on it.)

SQLite: BEFORE UPDATE/DELETE triggers RAISE(ABORT). Their WHEN clause calls
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

TABLE = "audit_auditevent"
_unlocked: ContextVar[bool] = ContextVar("audit_unlocked", default=False)

PG_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
    BEGIN
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
SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE}
    WHEN NOT opkoers_audit_unlocked()
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
    """,
    f"""
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE}
    WHEN NOT opkoers_audit_unlocked()
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
    """,
]
SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"]


def _statements(vendor: str, install: bool) -> list[str]:
    if vendor == "postgresql":
        return PG_INSTALL if install else PG_REMOVE
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    return []


def install_guard(schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=True):
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
