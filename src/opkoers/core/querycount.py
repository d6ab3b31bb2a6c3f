"""Benchmarks only: the number of database queries of a request and the time they took,
as response headers (X-Opkoers-Queries, X-Opkoers-Db-Ms), and which server process
answered (X-Opkoers-Worker), so the load client can spread its keep-alive connections
over the workers.

Installed by settings only when OPKOERS_BENCH_QUERY_HEADER=1, which bench/run.py sets
for the server it starts. Never on in normal production: the headers tell an outsider
something about the inside of every page."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

QUERIES_HEADER = "X-Opkoers-Queries"
DB_MS_HEADER = "X-Opkoers-Db-Ms"
WORKER_HEADER = "X-Opkoers-Worker"


class _Counter:
    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


class QueryCountMiddleware:
    """Outermost middleware, so that session and authentication queries count too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _Counter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response.headers[QUERIES_HEADER] = str(counter.queries)
        response.headers[DB_MS_HEADER] = f"{counter.seconds * 1000:.2f}"
        response.headers[WORKER_HEADER] = str(os.getpid())
        return response
