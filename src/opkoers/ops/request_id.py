"""A request id on every log line of a request and of the task it enqueued.

Taken from `X-Request-ID` when a trusted proxy sends one that looks like an id (so the
load balancer's id runs through), otherwise made here; returned in the response header.
A task enqueued with `enqueue` carries the id to the worker (`carries_request_id`)."""

from __future__ import annotations

import functools
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

current: ContextVar[str] = ContextVar("opkoers_request_id", default="")
_SHAPE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"
TASK_KWARG = "_request_id"


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # TrustedProxyMiddleware (first) removed the header unless a trusted proxy sent it.
        offered = request.headers.get(HEADER, "")
        request_id = offered if _SHAPE.match(offered) else uuid.uuid4().hex
        token = current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (empty outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get()
        return True


def carries_request_id(func: Callable[..., Any]) -> Callable[..., Any]:
    """For a task function: accept the enqueuing request's id and log under it."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        token = current.set(str(kwargs.pop(TASK_KWARG, "")) or f"task-{uuid.uuid4().hex}")
        try:
            return func(*args, **kwargs)
        finally:
            current.reset(token)

    return run


def enqueue(task: Any, *args: Any, **kwargs: Any) -> Any:
    """`task.enqueue(...)` with the current request id passed along."""
    return task.enqueue(*args, **kwargs, **{TASK_KWARG: current.get()})
