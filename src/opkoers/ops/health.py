"""`/health/`: what a load balancer or monitor asks (django-health-check's checks).

Database, disk, the audit sequencer (rows waiting longer than the configured limit) and
the task worker (a task due for longer than the limit and not picked up). Always JSON,
never any personal data: check names and short English states only."""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string
from django.views import View
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.exceptions import HealthCheckException, ServiceUnavailable

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class AuditSequencer(HealthCheck):
    """Fails when an audit row has waited for its place in the chain too long."""

    def run(self) -> None:
        from opkoers.audit.models import AuditEvent

        limit = timezone.now() - timedelta(seconds=settings.AUDIT_UNSEQUENCED_MAX_SECONDS)
        oldest = (
            AuditEvent.objects.filter(seq__isnull=True).order_by("id").values_list("at", flat=True)
        ).first()
        if oldest is not None and oldest < limit:
            raise ServiceUnavailable("audit sequencer behind")


@dataclasses.dataclass
class TaskWorker(HealthCheck):
    """Fails when a task has been due longer than the limit and no worker took it."""

    def run(self) -> None:
        from django.db.models import Q
        from django_tasks_db.models import DBTaskResult, get_date_max

        limit = timezone.now() - timedelta(seconds=settings.OPS_TASK_MAX_WAIT_SECONDS)
        # A task without a start time carries the maximum date: due since enqueued.
        late = Q(run_after=get_date_max(), enqueued_at__lt=limit) | Q(run_after__lt=limit)
        if DBTaskResult.objects.filter(late, status="READY").exists():
            raise ServiceUnavailable("task worker not picking up tasks")


CHECKS: tuple[Any, ...] = (
    "health_check.checks.Database",
    ("health_check.contrib.psutil.Disk", {"path": str(settings.PROJECT_DIR)}),
    AuditSequencer,
    TaskWorker,
)


@method_decorator(never_cache, name="dispatch")
class Health(View):
    """The checks run one after the other, in this request's thread, on its database
    connection. Not the library's async view: an async view under WSGI needs a thread
    without an event loop, and the browser tests' Playwright keeps one in theirs."""

    def get(self, request: HttpRequest) -> JsonResponse:
        results: dict[str, str] = {}
        for entry in CHECKS:
            check_class, options = entry if isinstance(entry, tuple) else (entry, {})
            check = (import_string(check_class) if isinstance(check_class, str) else check_class)(
                **options
            )
            results[repr(check)] = _outcome(check)
        failed = any(value != "OK" for value in results.values())
        return JsonResponse(results, status=500 if failed else 200)


def _outcome(check: HealthCheck) -> str:
    try:
        check.run()
    except HealthCheckException as exc:
        return str(exc)
    except Exception:
        # The message could name database values: logged with its stack, shown as such.
        logger.exception("health check %s raised", type(check).__name__)
        return "unknown error"
    return "OK"
