"""`/health/`: what a load balancer or monitor asks (django-health-check).

Database, disk, the audit sequencer (rows waiting longer than the configured limit) and
the task worker (a task due for longer than the limit and not picked up). Always JSON,
never any personal data: check names and short English states only."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class AuditSequencer(HealthCheck):
    """Fails when an audit row has waited for its place in the chain too long."""

    async def run(self) -> None:
        # On Django's own thread and connection (thread-sensitive), like any ORM code
        # called from an async view, not on one of the library's pool threads.
        await sync_to_async(self.look)()

    def look(self) -> None:
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

    async def run(self) -> None:
        await sync_to_async(self.look)()

    def look(self) -> None:
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


class Health(HealthCheckView):
    checks = CHECKS

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # JSON whatever the Accept header: the library's HTML page carries inline styles
        # our Content-Security-Policy (rightly) refuses, and monitors read JSON anyway.
        if request.GET.get("format") != "openmetrics":
            query = request.GET.copy()
            query["format"] = "json"
            request.GET = query  # type: ignore[assignment]
        response: HttpResponse = await super().get(request, *args, **kwargs)
        return response
