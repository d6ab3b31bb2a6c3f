"""The factsheet's figures are kept for a while per scope: a second look within the
window costs no aggregate queries, shows when the figures were computed, and never
hands one scope's figures to a reader of another scope or skips suppression."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opkoers.reports.tests.handbuilt import END, START
from opkoers.reports.tests.test_queries import _more_data

pytestmark = pytest.mark.django_db
PERIOD = {"date_from": START.isoformat(), "date_to": END.isoformat()}


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.REPORTS_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def _figures(html):
    return html.split('id="headline-heading"')[1].split("</dl>")[0]


def _look(client, params=PERIOD):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/rapportage/", params)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def test_a_second_look_reuses_the_figures_and_says_when_they_were_computed(
    client_for, handbuilt, member
):
    client = client_for(member)
    first, computed = _look(client)
    _more_data(handbuilt.team, member, n=7)
    again, reused = _look(client)

    assert reused < computed - 10  # the aggregates were not run again
    assert _figures(again) == _figures(first)
    assert "nieuwe gegevens tellen mee na hoogstens 10 minuten" in again


def test_figures_are_fresh_again_after_the_window(client_for, handbuilt, member):
    client = client_for(member)
    first, _ = _look(client)
    _more_data(handbuilt.team, member, n=7)
    cache.clear()  # the window has passed
    later, _ = _look(client)

    assert _figures(later) != _figures(first)


def test_scopes_do_not_share_figures(client_for, handbuilt, member):
    """Another period (or another set of teams) is another computation."""
    _look(client_for(member))
    _, other_period = _look(client_for(member), {**PERIOD, "date_from": "2025-02-01"})
    assert other_period > 20


def test_policy_staff_get_suppressed_figures_from_the_cache(
    client_for, handbuilt, member, policy_staff, settings
):
    settings.REPORTS_SUPPRESSION_THRESHOLD = 1000  # every count is small
    client = client_for(policy_staff)
    _look(client)  # computes and caches the national figures
    cached, queries = _look(client)
    assert queries < 20
    assert "&lt; 1000" in cached
