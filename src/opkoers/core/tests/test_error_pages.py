"""Dutch error pages in the house style, with DEBUG off (as in production)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views import defaults
from django.views.csrf import csrf_failure

pytestmark = pytest.mark.security


@pytest.fixture(autouse=True)
def _no_debug(settings: Any) -> None:
    settings.DEBUG = False


@pytest.mark.django_db
def test_404_is_dutch_and_styled(client: Client, member: Any) -> None:
    client.force_login(member)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "utrecht-heading-1" in html and 'lang="nl"' in html
    assert response["Cache-Control"].startswith("no-store")


@pytest.mark.django_db
def test_404_for_anonymous_people(client: Client) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_403_is_dutch_and_styled(member: Any) -> None:
    request = RequestFactory().get("/")
    request.user = member
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert "Geen toegang" in html and "utrecht-alert" in html
    assert "beperkte weergave" not in html  # the consent's restricted view stays its own


def test_500_renders_without_database_or_request() -> None:
    # No django_db mark: any query would raise here.
    request = RequestFactory().get("/")
    response = defaults.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html and "utrecht-heading-1" in html


def test_400_is_dutch() -> None:
    response = defaults.bad_request(RequestFactory().get("/"), Exception())
    assert response.status_code == 400
    assert "Verzoek niet begrepen" in response.content.decode()


def test_csrf_failure_is_dutch() -> None:
    response = csrf_failure(RequestFactory().post("/"), reason="CSRF cookie not set.")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulier verlopen" in html
    assert "CSRF cookie not set" not in html  # no technical reason shown


@pytest.mark.django_db
def test_csrf_failure_through_the_stack(member: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/account/uitloggen/", {})
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()


@pytest.mark.django_db
def test_bad_host_gives_the_400_page(client: Client) -> None:
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Verzoek niet begrepen" in response.content.decode()


@pytest.mark.django_db
def test_english_error_page(client: Client, member: Any, settings: Any) -> None:
    client.force_login(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
