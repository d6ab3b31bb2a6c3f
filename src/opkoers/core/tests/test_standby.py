"""The read replica is a real streaming standby (scripts/ensure_replica.sh): a row
committed on the primary appears there after replay, and the standby refuses writes.

Physical replication copies every database of the cluster, so the test database that
pytest-django creates on the primary exists on the standby too; this test reads it on a
connection of its own (the `replica` alias of the test run mirrors the primary, see
conftest.py). `make test` sets OPKOERS_REQUIRE_REPLICA=1: there a missing standby fails
the run instead of skipping this test."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from typing import Any

import dj_database_url
import pytest
from django.db import connection

from opkoers.accounts.models import Team
from opkoers.accounts.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)

REPLAY_TIMEOUT_SECONDS = 30


def _unavailable(reason: str) -> None:
    if os.environ.get("OPKOERS_REQUIRE_REPLICA") == "1":
        pytest.fail(f"OPKOERS_REQUIRE_REPLICA=1 but {reason} (run scripts/ensure_replica.sh)")
    pytest.skip(reason)


@pytest.fixture
def standby(db: Any) -> Iterator[Any]:
    import psycopg

    url = os.environ.get("DATABASE_REPLICA_URL", "")
    if not url:
        _unavailable("no DATABASE_REPLICA_URL: no streaming standby configured")
    if connection.vendor != "postgresql":
        _unavailable("the standby test needs PostgreSQL as the test database")
    cfg = dj_database_url.parse(url)
    try:
        conn = psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=int(cfg["PORT"] or 5432),
            user=cfg["USER"] or "postgres",
            password=cfg["PASSWORD"] or None,
            # The test database's name, not the URL's: replication brought it along.
            dbname=connection.settings_dict["NAME"],
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as exc:
        _unavailable(f"the standby at {cfg['HOST']}:{cfg['PORT']} does not answer ({exc})")
    try:
        yield conn
    finally:
        conn.close()


def _one(conn: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def test_it_is_a_standby_of_this_primary(standby: Any) -> None:
    assert _one(standby, "select pg_is_in_recovery()") is True
    with connection.cursor() as cursor:
        cursor.execute("select system_identifier from pg_control_system()")
        primary_id = cursor.fetchone()[0]
    # Same cluster identity: a physical copy made by pg_basebackup, not a restored dump.
    assert _one(standby, "select system_identifier from pg_control_system()") == primary_id


def test_a_committed_row_appears_on_the_standby_after_replay(standby: Any) -> None:
    team = TeamFactory(name=f"Op Koers Replica {uuid.uuid4().hex[:6]}")
    from psycopg import sql as psql

    query = psql.SQL("select name from {} where id = %s").format(
        psql.Identifier(Team._meta.db_table)
    )
    deadline = time.monotonic() + REPLAY_TIMEOUT_SECONDS
    seen = None
    while seen is None and time.monotonic() < deadline:
        seen = _one(standby, query, (team.pk,))
        if seen is None:
            time.sleep(0.05)
    assert seen == team.name, f"not replayed within {REPLAY_TIMEOUT_SECONDS} s"


def test_the_standby_refuses_writes(standby: Any) -> None:
    import psycopg
    from psycopg import sql as psql

    update = psql.SQL("update {} set name = %s").format(psql.Identifier(Team._meta.db_table))
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        standby.execute(update, ("Overschreven op de replica",))
