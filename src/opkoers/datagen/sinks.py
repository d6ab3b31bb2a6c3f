"""How chunks reach the database: directly, in the caller's transaction (tests, small
runs), or from a writer thread with its own connection, so that making the next chunk
in Python overlaps with the database storing the previous one."""

from __future__ import annotations

import queue
import threading
from typing import Any

from django.db import connection, transaction

from opkoers.datagen.tables import Table, Writer

Chunk = dict[str, list[tuple[Any, ...]]]


def write_chunk(writer: Writer, tables: dict[str, Table], chunk: Chunk) -> None:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _fast_load_settings()
        for key, table in tables.items():
            writer.write(table, chunk[key])


def _fast_load_settings() -> None:
    """Inside the chunk's transaction on PostgreSQL: do not wait for the disk (a lost
    chunk is simply regenerated), and skip the per-row foreign-key triggers when we are
    allowed to (superuser): the rows are consistent by construction and the triggers
    are half of the load time. Without the privilege the keys are checked as usual."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if row and row[0]:
            cursor.execute("SET LOCAL session_replication_role TO replica")


class DirectSink:
    def __init__(self, writer: Writer, tables: dict[str, Table]) -> None:
        self.writer = writer
        self.tables = tables

    def put(self, chunk: Chunk) -> int:
        write_chunk(self.writer, self.tables, chunk)
        return sum(len(rows) for rows in chunk.values())

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


class ThreadedSink:
    """At most two chunks wait in the queue, so memory stays flat."""

    def __init__(self, writer: Writer, tables: dict[str, Table]) -> None:
        self.writer = writer
        self.tables = tables
        self.queue: queue.Queue[Chunk | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="datagen-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while (chunk := self.queue.get()) is not None:
                if self.error is None:
                    write_chunk(self.writer, self.tables, chunk)
        except BaseException as exc:  # handed to the producing thread
            self.error = exc
            while self.queue.get() is not None:  # drain so the producer never blocks
                pass
        finally:
            connection.close()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def put(self, chunk: Chunk) -> int:
        self._raise()
        self.queue.put(chunk)
        return sum(len(rows) for rows in chunk.values())

    def close(self) -> None:
        """Wait for the last chunk to be stored."""
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        self._raise()

    def abort(self) -> None:
        if self.thread.is_alive():
            self.error = self.error or RuntimeError("datagen aborted")
            self.queue.put(None)
            self.thread.join()
