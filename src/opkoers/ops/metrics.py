"""`/metrics`: Prometheus metrics (django-prometheus: requests, latency per view and
method, responses) plus Op Koers's own gauges read at scrape time: audit rows waiting
for the sequencer and the age of the oldest, and tasks waiting for a worker.

Not public: with OPKOERS_METRICS_TOKEN set the scraper sends it as a bearer token;
without it only the loopback address may read (a scraper on the same host)."""

from __future__ import annotations

import hmac
from collections.abc import Iterator

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector


class OpsCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django_tasks_db.models import DBTaskResult

        from opkoers.audit.models import AuditEvent

        waiting = AuditEvent.objects.filter(seq__isnull=True)
        oldest = waiting.order_by("id").values_list("at", flat=True).first()
        yield GaugeMetricFamily(
            "opkoers_audit_unsequenced_oldest_seconds",
            "Age of the oldest audit row not yet chained by the sequencer (0: none waiting)",
            value=(timezone.now() - oldest).total_seconds() if oldest else 0.0,
        )
        # Bounded: a count over at most 10,001 waiting rows, never the whole log.
        yield GaugeMetricFamily(
            "opkoers_audit_unsequenced_rows",
            "Audit rows waiting for the sequencer (capped at 10001)",
            value=waiting[:10001].count(),
        )
        yield GaugeMetricFamily(
            "opkoers_tasks_ready",
            "Background tasks waiting for a worker (capped at 10001)",
            value=DBTaskResult.objects.filter(status="READY")[:10001].count(),
        )


# No auto_describe: it would run collect(), and so queries, at import time.
_REGISTRY = CollectorRegistry(auto_describe=False)
_REGISTRY.register(OpsCollector())


def _allowed(request: HttpRequest) -> bool:
    token = settings.OPS_METRICS_TOKEN
    if token:
        sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(sent.encode(), token.encode())
    return request.META.get("REMOTE_ADDR") in ("127.0.0.1", "::1")


@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        raise Http404
    response = ExportToDjangoView(request)
    response.content = response.content + generate_latest(_REGISTRY)
    return response
