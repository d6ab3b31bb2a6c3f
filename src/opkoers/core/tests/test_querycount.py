"""The benchmark's queries-per-request header: right when switched on, absent otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test.utils import CaptureQueriesContext

from opkoers.accounts.models import User
from opkoers.core.querycount import DB_MS_HEADER, QUERIES_HEADER, QueryCountMiddleware

MIDDLEWARE_PATH = "opkoers.core.querycount.QueryCountMiddleware"
SRC_DIR = Path(__file__).resolve().parents[3]  # this checkout's src/, not an installed copy


def test_header_counts_every_query_of_the_request(settings, client_for, member, case):
    settings.MIDDLEWARE = [MIDDLEWARE_PATH, *settings.MIDDLEWARE]
    client = client_for(member)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/trajecten/{case.pk}/")
    assert response.status_code == 200
    # Session, user, case, sections and the audit row: all of them, not just the view's.
    assert int(response.headers[QUERIES_HEADER]) == len(captured) > 3
    assert float(response.headers[DB_MS_HEADER]) >= 0


def test_header_is_absent_without_the_middleware(client_for, member, case):
    response = client_for(member).get(f"/trajecten/{case.pk}/")
    assert response.status_code == 200
    assert QUERIES_HEADER not in response.headers
    assert DB_MS_HEADER not in response.headers


def test_counter_is_per_request(rf, db):
    def view(request: HttpRequest) -> HttpResponse:
        list(User.objects.all())
        return HttpResponse("ok")

    middleware = QueryCountMiddleware(view)
    first = middleware(rf.get("/"))
    second = middleware(rf.get("/"))
    assert first.headers[QUERIES_HEADER] == second.headers[QUERIES_HEADER] == "1"


def _production_middleware(**env: str) -> list[str]:
    code = "import opkoers.settings as s; print(','.join(s.MIDDLEWARE))"
    clean = {k: v for k, v in os.environ.items() if k != "OPKOERS_BENCH_QUERY_HEADER"}
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        env={
            **clean,
            "PYTHONPATH": str(SRC_DIR),
            "OPKOERS_ENV": "production",
            "SECRET_KEY": "test-production-like-key-with-enough-length-and-entropy-12345",
            "OPKOERS_MFA_KEYS": "Y2hlY2tzLW9ubHktbm90LWEtcmVhbC1rZXktMTIzNDU=",
            # Production refuses to start without the audit keys.
            "OPKOERS_AUDIT_KEYS": "k1:" + "a" * 44,
            "OPKOERS_AUDIT_CHECKPOINT_KEY": "Yi" * 21 + "Y=",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().split(",")


@pytest.mark.security
def test_production_has_no_query_header_unless_asked():
    assert MIDDLEWARE_PATH not in _production_middleware()
    assert _production_middleware(OPKOERS_BENCH_QUERY_HEADER="1")[0] == MIDDLEWARE_PATH
