"""No page or download of the app may be kept by a browser cache or a proxy
(core.middleware.NoStoreMiddleware): every URL of the access world, fetched by the first
actor that may GET it, including the PDF, CSV and spreadsheet downloads."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from opkoers.core.tests.access_matrix_rows import MATRIX
from opkoers.core.tests.access_world import ACTORS, build_world
from opkoers.core.tests.test_access_matrix import URLS

pytestmark = [pytest.mark.django_db, pytest.mark.security, pytest.mark.slow]


class _Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_every_page_and_download_says_no_store() -> None:
    world = build_world()
    checked: list[str] = []
    content_types: set[str] = set()
    for name in sorted(MATRIX):
        codes = MATRIX[name][0].split()
        actor = next((a for a, code in zip(ACTORS, codes, strict=True) if code == "ok"), None)
        if actor is None or actor == "anonymous":
            continue
        url = reverse(name, kwargs={arg: world.kwargs[arg] for arg in URLS[name]})
        try:
            with transaction.atomic():
                response = world.client(actor).get(url)
                assert response.status_code < 500, (name, response.status_code)
                assert "no-store" in response.get("Cache-Control", ""), name
                content_types.add(response["Content-Type"].split(";")[0])
                checked.append(name)
                raise _Rollback
        except _Rollback:
            pass
    assert len(checked) > 50
    # The downloads are among them.
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert {"application/pdf", "text/csv", xlsx} <= content_types, content_types


def test_the_login_page_and_anonymous_answers_too(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    assert "no-store" in response["Cache-Control"]
    assert response["Pragma"] == "no-cache"


def test_static_files_stay_cacheable() -> None:
    from django.http import HttpResponse
    from django.test import RequestFactory

    from opkoers.core.middleware import NoStoreMiddleware

    def view(request: Any) -> HttpResponse:
        response = HttpResponse("body{}")
        response["Cache-Control"] = "max-age=31536000, public"
        return response

    middleware = NoStoreMiddleware(view)
    static = middleware(RequestFactory().get("/static/css/opkoers.css"))
    assert static["Cache-Control"] == "max-age=31536000, public"
    page = middleware(RequestFactory().get("/trajecten/"))
    assert page["Cache-Control"] == "no-store, private"
