"""Health, metrics, request ids and JSON logs: what operations reads, and that none of
it shows personal data."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.ops.logs import JsonFormatter
from opkoers.ops.request_id import HEADER, carries_request_id, current, enqueue
from opkoers.privacy.tasks import verify_chain_task

pytestmark = [pytest.mark.django_db]


def _health(client: Client) -> tuple[int, dict[str, str]]:
    response = client.get("/health/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("application/json")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    return response.status_code, json.loads(response.content)


def test_health_answers_without_login_in_json() -> None:
    status, checks = _health(Client())
    assert status == 200, checks
    names = " ".join(checks)
    for check in ("Database", "Disk", "AuditSequencer", "TaskWorker"):
        assert check in names
    assert set(checks.values()) == {"OK"}


# The checks run in the library's thread pool, on their own database connections: they
# see only committed rows.
@pytest.mark.django_db(transaction=True)
def test_health_and_metrics_take_no_posts_and_no_logins(client_for: Any, member: Any) -> None:
    assert Client().post("/health/").status_code == 405
    assert client_for(member).get("/health/").status_code == 200
    # A logged-in person is no scraper: the address decides, not the session.
    assert Client(REMOTE_ADDR="203.0.113.9").get("/metrics").status_code == 404


def test_health_fails_when_the_audit_sequencer_is_behind(settings: Any, case: Any) -> None:
    with transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="case.view", case=case)
    settings.AUDIT_UNSEQUENCED_MAX_SECONDS = -60  # the row just written counts as late
    status, checks = _health(Client())
    assert status == 500
    assert any("AuditSequencer" in k and "behind" in v for k, v in checks.items()), checks
    assert case.resident.last_name not in json.dumps(checks)


def test_health_fails_when_no_worker_takes_the_tasks(settings: Any) -> None:
    enqueue(verify_chain_task, 1)
    assert DBTaskResult.objects.filter(status="READY").exists()
    assert _health(Client())[0] == 200  # just enqueued: not late yet
    settings.OPS_TASK_MAX_WAIT_SECONDS = -60
    status, checks = _health(Client())
    assert status == 500
    assert any("TaskWorker" in k and "not picking up" in v for k, v in checks.items())


def test_metrics_only_for_the_scraper(settings: Any, case: Any) -> None:
    with transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="case.view", case=case)
    Client().get("/account/inloggen/")
    local = Client().get("/metrics")
    assert local.status_code == 200
    body = local.content.decode()
    assert "django_http_requests_latency_seconds_by_view_method" in body
    assert "opkoers_audit_unsequenced_rows 1.0" in body
    assert "opkoers_tasks_ready 0.0" in body
    assert Client(REMOTE_ADDR="203.0.113.7").get("/metrics").status_code == 404

    settings.OPS_METRICS_TOKEN = "scrape-secret-1234567890"
    assert Client().get("/metrics").status_code == 404
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    token = Client(REMOTE_ADDR="203.0.113.7").get(
        "/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-1234567890"
    )
    assert token.status_code == 200


def test_every_response_has_a_request_id_and_only_a_proxy_may_set_it(settings: Any) -> None:
    made = Client().get("/account/inloggen/")[HEADER]
    assert len(made) == 32
    offered = "lb-1234abcd-5678"
    assert Client().get("/account/inloggen/", HTTP_X_REQUEST_ID=offered)[HEADER] != offered
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxied = Client(REMOTE_ADDR="10.1.2.3").get("/account/inloggen/", HTTP_X_REQUEST_ID=offered)
    assert proxied[HEADER] == offered
    odd = Client(REMOTE_ADDR="10.1.2.3").get("/account/inloggen/", HTTP_X_REQUEST_ID="<script>")
    assert odd[HEADER] != "<script>"


def test_a_task_logs_under_the_id_of_the_request_that_enqueued_it() -> None:
    seen: list[str] = []

    @carries_request_id
    def job(n: int) -> int:
        seen.append(current.get())
        return n

    token = current.set("req-abcdef123456")
    try:
        result = enqueue(verify_chain_task, 7)
    finally:
        current.reset(token)
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.args_kwargs["kwargs"] == {"_request_id": "req-abcdef123456"}
    assert job(3, **stored.args_kwargs["kwargs"]) == 3
    assert job(4) == 4
    assert seen[0] == "req-abcdef123456" and seen[1].startswith("task-")


def test_json_log_lines_carry_no_exception_text() -> None:
    """An exception's message may hold database values (a duplicate key shows the value):
    the line names the exception's class and its stack, not its text."""
    try:
        raise ValueError("Key (last_name)=(Zonnebloem) already exists")
    except ValueError:
        exc_info = sys.exc_info()
    entry = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        ("/x/",),
        exc_info,
    )
    entry.request_id = "req-1"
    line = json.loads(JsonFormatter().format(entry))
    assert line["message"] == "Internal Server Error: /x/"
    assert line["exception"] == "ValueError" and line["request_id"] == "req-1"
    assert line["stack"] and "Zonnebloem" not in json.dumps(line)
