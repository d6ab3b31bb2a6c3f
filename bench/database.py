"""The benchmark's database: created when missing, migrated, and filled once. A data set
is reused when the bench user is active (the generator switches it on last) and the
case and action counts match what was asked for; otherwise it is thrown away and made
again, so a run never measures a half-generated or differently made data set (the
signature in the bench user's job title says how it was made)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.server import REPO
from opkoers.accounts.models import Team, User
from opkoers.audit.models import AuditEvent
from opkoers.budgets.models import BudgetRequest
from opkoers.cases.models import Case
from opkoers.consent.models import ConsentVersion
from opkoers.datagen.generator import BENCH_USERNAME, Size, signature
from opkoers.deviations.models import Deviation
from opkoers.effects.models import TimelineEntry
from opkoers.plans.models import Action

USERS, CASES, ACTIONS = User._meta.db_table, Case._meta.db_table, Action._meta.db_table


@dataclass
class Wanted:
    cases: int
    actions_per_case: int
    audit_rows_per_case: int
    seed: int


def vendor_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite:") else "postgresql"


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _pg_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise SystemExit(f"unexpected database name {name!r}")
    return name


def _pg_admin(url: str) -> Any:
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    return psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True)


def ensure(url: str) -> None:
    if vendor_of(url) == "sqlite":
        _sqlite_path(url).parent.mkdir(parents=True, exist_ok=True)
        return
    name = _pg_name(url)
    with _pg_admin(url) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def drop(url: str) -> None:
    if vendor_of(url) == "sqlite":
        path = _sqlite_path(url)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    with _pg_admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{_pg_name(url)}" WITH (FORCE)')


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    if vendor_of(url) == "sqlite":
        with sqlite3.connect(_sqlite_path(url)) as conn:
            return conn.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute(sql).fetchall()


def state(url: str) -> tuple[bool | None, str, int, int]:
    """(bench user active or None when absent, data set signature, cases, actions);
    nothing before migrate."""
    try:
        bench = query(
            url,
            f"SELECT is_active, job_title FROM {USERS} WHERE username = '{BENCH_USERNAME}'",  # noqa: S608
        )
        cases = query(url, f"SELECT COUNT(*) FROM {CASES}")[0][0]  # noqa: S608
        actions = query(url, f"SELECT COUNT(*) FROM {ACTIONS}")[0][0]  # noqa: S608
    except Exception:  # no tables yet
        return None, "", 0, 0
    if not bench:
        return None, "", int(cases), int(actions)
    return bool(bench[0][0]), str(bench[0][1]), int(cases), int(actions)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(REPO / "manage.py"), *args], env=env, check=True
    )


def prepare(url: str, wanted: Wanted, env: dict[str, str], *, regenerate: bool) -> dict[str, Any]:
    ensure(url)
    manage(env, "migrate", "-v0")
    active, made_from, cases, actions = state(url)
    expected = signature(
        Size(wanted.cases, wanted.actions_per_case, wanted.audit_rows_per_case), wanted.seed
    )
    complete = active and made_from == expected
    if not regenerate and complete and actions == wanted.cases * wanted.actions_per_case:
        print(f"Bestaande dataset hergebruikt: {cases:,} trajecten, {actions:,} acties.")
        return {"generated": False, "generation_seconds": None}
    if active is not None or cases:
        print("Dataset past niet (of is onvolledig): database wordt opnieuw opgebouwd.")
        drop(url)
        ensure(url)
        manage(env, "migrate", "-v0")
    started = time.monotonic()
    manage(
        env,
        "generate_data",
        f"--cases={wanted.cases}",
        f"--actions-per-case={wanted.actions_per_case}",
        f"--audit-rows-per-case={wanted.audit_rows_per_case}",
        f"--seed={wanted.seed}",
    )
    return {"generated": True, "generation_seconds": round(time.monotonic() - started, 1)}


def sizes(url: str) -> dict[str, int]:
    tables = {
        "teams": Team._meta.db_table,
        "users": USERS,
        "cases": CASES,
        "actions": ACTIONS,
        "audit_rows": AuditEvent._meta.db_table,
        "consent_versions": ConsentVersion._meta.db_table,
        "budget_requests": BudgetRequest._meta.db_table,
        "deviations": Deviation._meta.db_table,
        "effect_entries": TimelineEntry._meta.db_table,
    }
    return {key: int(query(url, f"SELECT COUNT(*) FROM {t}")[0][0]) for key, t in tables.items()}  # noqa: S608


def server_version(url: str) -> str:
    if vendor_of(url) == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    return "PostgreSQL " + str(query(url, "SHOW server_version")[0][0]).split()[0]
