"""Every page has a favicon. (collectstatic under production settings runs in
`make checks`, with the manifest storage that once refused the design tokens.)"""

from __future__ import annotations

from typing import Any

from django.test import Client


def test_every_page_names_a_favicon(client: Client, db: Any) -> None:
    page = client.get("/account/inloggen/")
    assert b'rel="icon"' in page.content
    assert b"favicon.svg" in page.content


def test_favicon_ico_points_to_the_icon(client: Client, db: Any) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"


def test_the_favicon_is_a_static_file() -> None:
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")
