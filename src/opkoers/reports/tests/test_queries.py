"""The dashboard's number of queries is fixed: it does not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opkoers.cases.models import CaseStatus
from opkoers.cases.tests.factories import CaseFactory
from opkoers.plans.tests.factories import ActionFactory, GoalFactory
from opkoers.reports.tests.handbuilt import END, START, at

pytestmark = pytest.mark.django_db

# Session, user, team check, form choices, the audit row and its chain head, and the
# factsheet's aggregates (see selectors/: a fixed number per theme).
MAX_QUERIES = 38
PERIOD = {"date_from": START.isoformat(), "date_to": END.isoformat()}


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, PERIOD)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _more_data(team, member, n=40):
    for i in range(n):
        case = CaseFactory(
            team=team,
            registered_by=member,
            registered_at=at(f"2025-0{1 + i % 9}-1{i % 10}"),
            status=CaseStatus.CLOSED if i % 2 else CaseStatus.IN_PROGRESS,
            first_conversation_at=at("2025-10-01"),
            closed_at=at("2025-11-01") if i % 2 else None,
            ladder_at_intake=2,
            ladder_at_closing=3 if i % 2 else None,
        )
        GoalFactory(case=case, outcome="bereikt")
        ActionFactory(case=case)


@pytest.mark.parametrize("who", ["member", "policy_staff"])
def test_dashboard_queries_do_not_grow_with_data(request, client_for, handbuilt, member, who):
    client = client_for(request.getfixturevalue(who))
    few = _count(client, "/rapportage/")
    assert few <= MAX_QUERIES
    _more_data(handbuilt.team, member)
    many = _count(client, "/rapportage/")
    assert many == few


def test_exports_queries_bounded(client_for, handbuilt, member, django_assert_max_num_queries):
    client = client_for(member)
    _more_data(handbuilt.team, member)
    for path in ["factsheet.csv", "factsheet.xlsx"]:
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get("/rapportage/" + path, PERIOD).status_code == 200
