"""The factsheet, its exports and the effects aggregate read from the replica alias
(core/replica.py, decision 0027); the audit row of the same request is written to
default, and nothing is ever written to the replica."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from opkoers.audit.models import AuditEvent
from opkoers.reports.tests.handbuilt import END, START

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

PERIOD = {"date_from": START.isoformat(), "date_to": END.isoformat()}
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE)\b", re.I)
AUDIT_TABLE = AuditEvent._meta.db_table


def _get(client: Any, url: str) -> tuple[Any, list[str], list[str]]:
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as default,
    ):
        response = client.get(url, PERIOD)
    assert response.status_code == 200
    return (
        response,
        [q["sql"] for q in replica.captured_queries],
        [q["sql"] for q in default.captured_queries],
    )


@pytest.mark.parametrize(
    "url", ["/rapportage/", "/rapportage/factsheet.csv", "/rapportage/factsheet.xlsx"]
)
def test_factsheet_and_exports_read_from_the_replica(client_for, member, handbuilt, url):
    response, on_replica, on_default = _get(client_for(member), url)
    # The factsheet's aggregates, a fixed number per theme.
    assert len(on_replica) >= 8
    assert not [sql for sql in on_replica if WRITE.match(sql)]
    assert not [sql for sql in on_replica if AUDIT_TABLE in sql]
    # The audit row of the same request: on default (decision 0015).
    assert [sql for sql in on_default if WRITE.match(sql) and AUDIT_TABLE in sql]
    if url == "/rapportage/":
        # The figures read there are the committed ones.
        assert response.context["report"].headline[0][1].value == 4


def test_pdf_factsheet_reads_from_the_replica(client_for, member, handbuilt):
    _, on_replica, _ = _get(client_for(member), "/rapportage/factsheet.pdf")
    assert len(on_replica) >= 8 and not [sql for sql in on_replica if WRITE.match(sql)]
    assert AuditEvent.objects.filter(code="reports.factsheet.pdf").count() == 1


def test_replica_query_count_is_bounded(
    client_for, member, handbuilt, django_assert_max_num_queries
):
    client = client_for(member)
    with django_assert_max_num_queries(30, using="replica"):
        assert client.get("/rapportage/", PERIOD).status_code == 200


def test_effects_aggregate_reads_from_the_replica(client_for, member, case):
    from opkoers.effects.tests.conftest import close

    close(case)
    with CaptureQueriesContext(connections["replica"]) as replica:
        response = client_for(member).get("/effecten/")
    assert response.status_code == 200
    on_replica = [q["sql"] for q in replica.captured_queries]
    # The case counts and the sums per timeline and payer (plus, on PostgreSQL, the
    # lag check).
    assert len([sql for sql in on_replica if "cases_case" in sql]) == 2
    assert not [sql for sql in on_replica if WRITE.match(sql)]
    assert response.context["result"].closed_cases == 1
