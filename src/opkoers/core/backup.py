"""Backups of the database and their restore (`manage.py backup`, `manage.py restore`).

PostgreSQL: a custom-format dump (`pg_dump --format=custom`), restored with
`pg_restore` into an empty database; consistent because pg_dump reads one snapshot.
SQLite (the embedded default): SQLite's online backup API, page by page from a live
connection, never a copy of an open database file (which can catch a write halfway).

A restore goes into an empty database only and ends with the audit chain checked against
the latest signed checkpoint and the row counts of the main tables, so that a backup is
known to be usable, not assumed. docs/handleiding/beheer.md describes the schedule."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection

# Tables whose counts a restore reports: enough to see that the data came back whole.
COUNTED = (
    "accounts_user",
    "cases_case",
    "plans_action",
    "consent_consentversion",
    "audit_auditevent",
)


class BackupError(Exception):
    """What went wrong, in words for the operator (no personal data)."""


@dataclass(frozen=True)
class Restored:
    counts: dict[str, int]
    chain_ok: bool
    chain_checked: int
    chain_problem: str


def _pg_env(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", str(settings_dict["NAME"])]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        # In the environment, not on the command line (visible in the process list).
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tools
    if result.returncode != 0:
        raise BackupError(
            f"{command[0]} stopte met code {result.returncode}: {result.stderr.strip()[:500]}"
        )


def backup(target: Path) -> Path:
    """Write a backup of the configured database to `target` (which must not exist)."""
    if target.exists():
        raise BackupError(f"{target} bestaat al; kies een nieuwe bestandsnaam.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args], env)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        source = connection.connection
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    else:  # pragma: no cover - only the two databases the project supports
        raise BackupError(f"geen backup voor database {connection.vendor}")
    return target


def _is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(source: Path) -> Restored:
    """Restore `source` into the configured database, which must be empty, then check."""
    if not source.is_file():
        raise BackupError(f"{source} bestaat niet.")
    if not _is_empty():
        raise BackupError(
            "De database is niet leeg. Zet een backup alleen terug in een nieuwe, lege database."
        )
    if connection.vendor == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        connection.close()
        _run(["pg_restore", "--no-owner", "--exit-on-error", *args, str(source)], env)
    elif connection.vendor == "sqlite":
        _restore_sqlite(source)
    else:  # pragma: no cover
        raise BackupError(f"geen restore voor database {connection.vendor}")
    return check_restored()


def _restore_sqlite(source: Path) -> None:
    connection.ensure_connection()
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # Into the live connection: works for a file and for an in-memory database alike.
        origin.backup(connection.connection)
    finally:
        origin.close()


def check_restored() -> Restored:
    from opkoers.audit.verify import verify_chain

    with connection.cursor() as cursor:
        counts = {}
        for table in COUNTED:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - fixed names
            counts[table] = int(cursor.fetchone()[0])
    verdict = verify_chain()
    return Restored(
        counts=counts,
        chain_ok=verdict.ok,
        chain_checked=verdict.checked,
        chain_problem=verdict.problem_label if not verdict.ok else "",
    )
