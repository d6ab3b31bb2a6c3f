"""XSS sweep: every free-text field of every model of the project holds a payload, and no
page shows it as markup. The world of the access matrix supplies one of everything."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from opkoers.core.tests.access_matrix_rows import MATRIX
from opkoers.core.tests.access_world import build_world
from opkoers.core.tests.test_access_matrix import URLS

pytestmark = [pytest.mark.django_db, pytest.mark.security]

PAYLOAD = "\"'><xss-probe>"
ESCAPED = "&quot;&#x27;&gt;&lt;xss-probe&gt;"
# Not free text a person types, or rows the application must never rewrite.
SKIP_FIELDS = {"password", "search_name", "scan", "scan_content_type", "reference"}
SKIP_MODELS = {"AuditEvent", "AuditSequencerState", "SubmissionToken", "TotpDevice", "Invitation"}


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def free_text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.name not in SKIP_FIELDS
        and (f.max_length is None or f.max_length >= len(PAYLOAD))
    ]


def poison_everything() -> list[str]:
    poisoned = []
    for config in apps.get_app_configs():
        if not config.name.startswith("opkoers."):
            continue
        for model in config.get_models():
            if model.__name__ in SKIP_MODELS or model._meta.proxy:
                continue
            fields = free_text_fields(model)
            plain = [f for f in fields if not model._meta.get_field(f).unique]
            if plain:
                model._default_manager.update(**dict.fromkeys(plain, PAYLOAD))
            for name in set(fields) - set(plain):
                for n, pk in enumerate(model._default_manager.values_list("pk", flat=True)):
                    model._default_manager.filter(pk=pk).update(**{name: f"{PAYLOAD}{n}"})
            poisoned += [f"{model.__name__}.{name}" for name in fields]
    return poisoned


def get_urls(world: Any) -> list[str]:
    """Every URL that answers GET (405 on GET in the matrix means POST only)."""
    urls = []
    for name, (get_row, _post_row) in MATRIX.items():
        if get_row.split()[0] == "405" and get_row.split()[6] == "405":
            continue
        urls.append(reverse(name, kwargs={arg: world.kwargs[arg] for arg in URLS[name]}))
    return urls


def test_free_text_is_shown_as_text_everywhere() -> None:
    world = build_world()
    poisoned = poison_everything()
    assert "Resident.first_name" in poisoned and "Goal.description" in poisoned
    shown = 0
    for actor in ("member", "leader", "admin", "privacy", "colleague"):
        client = world.client(actor)
        for url in get_urls(world):
            response = client.get(url)
            assert response.status_code < 500, (actor, url)
            if "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            assert "<xss-probe>" not in html, (actor, url)
            shown += html.count(ESCAPED)
    # The sweep only means something if the payload reached the pages.
    assert shown > 50


def test_htmx_partials_escape_too(client_for: Any) -> None:
    world = build_world()
    poison_everything()
    client = world.client("member")
    for url in get_urls(world):
        response = client.get(url, HTTP_HX_REQUEST="true")
        if "html" in response.get("Content-Type", ""):
            assert "<xss-probe>" not in response.content.decode(), url
