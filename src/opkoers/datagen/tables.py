"""Where the generated rows go: plain tuples, one COPY per table on PostgreSQL and one
executemany per table on SQLite.

Table and column names come from the models' `_meta`, so a renamed table or column
follows automatically. A column the generator does not fill gets its model default, the
generation time for auto_now fields, NULL or the empty string; a NOT NULL column without
any of those stops the generator with a message, rather than failing half-way through a
COPY or, worse, writing rows the application would never write.

Values are written in the one text form both databases accept: UUIDs as 32 hex digits,
timestamps as 'YYYY-MM-DD HH:MM:SS' in UTC (Django's connections run in UTC), dates as
'YYYY-MM-DD', JSON as text."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED

Row = tuple[Any, ...]


def db_text(value: Any) -> Any:
    """A Python value in the text form both databases accept (for defaults)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value)
    raise ImproperlyConfigured(f"datagen: no text form for {type(value).__name__}")


class Table:
    """One model's table: the columns the generator fills (in the order of its tuples)
    followed by the columns it leaves to their defaults (a constant tail)."""

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, now: datetime):
        meta = model._meta
        self.model = model
        self.name = meta.db_table
        given = [_concrete(model, name) for name in fields]
        given_names = {f.name for f in given}
        tail_fields: list[models.Field[Any, Any]] = []
        tail: list[Any] = []
        for field in meta.concrete_fields:
            if field.name in given_names or _filled_by_database(field):
                continue
            tail_fields.append(field)
            tail.append(_default_for(self.name, field, now))
        self.columns: list[str] = [str(f.column) for f in [*given, *tail_fields]]
        self.width = len(given)
        self.tail: Row = tuple(tail)


def _concrete(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.concrete:
        raise ImproperlyConfigured(f"datagen: {model.__name__}.{name} is not a column")
    return field


def _filled_by_database(field: models.Field[Any, Any]) -> bool:
    if isinstance(field, models.AutoField | models.BigAutoField | models.SmallAutoField):
        return True
    if getattr(field, "generated", False):
        return True
    return getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED


def _default_for(table: str, field: models.Field[Any, Any], now: datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return db_text(now)
    if field.has_default():
        if callable(field.default) and (field.unique or field.primary_key):
            raise ImproperlyConfigured(
                f"datagen: {table}.{field.column} needs a distinct value per row; "
                "add it to the generator's fields for this table"
            )
        return db_text(field.get_default())
    if field.null:
        return None
    if field.empty_strings_allowed and field.blank:
        return ""
    raise ImproperlyConfigured(
        f"datagen: {table}.{field.column} is NOT NULL without a default; "
        "add it to the generator's fields for this table (opkoers/datagen)"
    )


class Writer:
    """Writes batches of rows per table through the current Django connection, inside
    the caller's transaction."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.counts: dict[str, int] = {}

    def write(self, table: Table, rows: Sequence[Row]) -> None:
        if not rows:
            return
        if len(rows[0]) != table.width:
            raise ImproperlyConfigured(
                f"datagen: {table.name} rows have {len(rows[0])} values, expected {table.width}"
            )
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in table.columns)
        tail = table.tail
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
                with cursor.copy(sql) as copy:
                    write_row = copy.write_row
                    for row in rows:
                        write_row(row + tail)
            else:
                marks = ", ".join(["%s"] * len(table.columns))
                sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, [row + tail for row in rows])
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)

    def all_empty(self, tables: Iterable[Table]) -> bool:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"SELECT 1 FROM {quote(table.name)} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    return False
        return True

    def analyze(self, *, vacuum: bool) -> None:
        """Fresh planner statistics for every table (the teams and users too, which the
        ORM wrote): the benchmark must see the plans production sees once autovacuum
        has caught up, not plans for empty tables. VACUUM also sets the visibility map,
        so index-only scans do not visit the heap; it cannot run inside a transaction."""
        with connection.cursor() as cursor:
            if self.vendor == "postgresql" and vacuum:
                cursor.execute("VACUUM (ANALYZE)")
            else:
                cursor.execute("ANALYZE")


class DeferredIndexes:
    """On PostgreSQL, loading into a fresh table and building its secondary indexes
    afterwards (one sorted pass each) is several times faster than maintaining them row
    by row. Primary keys and constraint-backed indexes stay. Only used when the tables
    start empty; the indexes are rebuilt from their exact definitions even when the
    load fails half-way."""

    def __init__(self, tables: Iterable[Table]) -> None:
        self.names = [t.name for t in tables]
        self.definitions: list[tuple[str, str]] = []

    def drop(self) -> None:
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT ci.relname, pg_get_indexdef(ix.indexrelid)
                FROM pg_index ix
                JOIN pg_class ci ON ci.oid = ix.indexrelid
                JOIN pg_class t ON t.oid = ix.indrelid
                WHERE t.relname = ANY(%s) AND NOT ix.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)
                ORDER BY t.relname, ci.relname
                """,
                [self.names],
            )
            self.definitions = list(cursor.fetchall())
            for name, _definition in self.definitions:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> None:
        if not self.definitions:
            return
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem TO '256MB'")
            for done, (_name, definition) in enumerate(self.definitions, start=1):
                cursor.execute(definition)
                if progress:
                    progress(done, len(self.definitions))
            cursor.execute("RESET maintenance_work_mem")
        self.definitions = []
