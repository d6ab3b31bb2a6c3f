"""No personal data in technical logs: requests that handle a resident's name and date
of birth, including one that crashes, leave neither anywhere in the log output."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.security, pytest.mark.django_db]

NAME = "Zonnebloem-Vlinderhof"
FIRST = "Fenneke"
BIRTH = datetime.date(1987, 3, 14)
BIRTH_FORMS = ["1987-03-14", "14-03-1987", "14 maart 1987", "14-3-1987"]


def _all_log_text(caplog: Any) -> str:
    parts = [caplog.text]
    for rec in caplog.records:
        parts.append(rec.getMessage())
        parts.append(str(rec.args))
        if rec.exc_text:
            parts.append(rec.exc_text)
    return "\n".join(parts)


@pytest.fixture
def debug_logs(caplog: Any) -> Any:
    for name in (None, "django", "django.request", "django.server", "django.db.backends"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def test_requests_with_personal_data_log_no_name_or_birth_date(
    debug_logs: Any, client_for: Any, member: Any, case: Any
) -> None:
    resident = case.resident
    resident.first_name, resident.last_name, resident.date_of_birth = FIRST, NAME, BIRTH
    resident.search_name = f"{FIRST} {NAME}".lower()
    resident.save()
    client = client_for(member)
    pages = [
        reverse("cases:detail", args=[case.pk]),
        reverse("residents:edit", args=[case.pk]),
        reverse("cases:list") + f"?q={NAME}",
        reverse("cases:worklist"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert NAME in client.get(pages[0]).content.decode()  # the test does see the data
    # Invalid input echoes the data back to the user, never into the log.
    client.post(
        reverse("residents:edit", args=[case.pk]),
        {"last_name": NAME, "date_of_birth": "31-02-1987"},
    )
    client.get(f"/trajecten/{case.pk}/bestaat-niet/?naam={NAME}")  # a 404 with data in it
    text = _all_log_text(debug_logs)
    assert NAME not in text and FIRST not in text
    assert not any(form in text for form in BIRTH_FORMS)


def test_a_crash_logs_the_error_but_not_the_post_body(
    debug_logs: Any, member: Any, settings: Any
) -> None:
    settings.ROOT_URLCONF = "opkoers.audit.tests.error_urls"
    client = Client(raise_request_exception=False)
    client.force_login(member)
    response = client.post(
        "/kapot/", {"last_name": NAME, "first_name": FIRST, "date_of_birth": BIRTH_FORMS[0]}
    )
    assert response.status_code == 500
    text = _all_log_text(debug_logs)
    assert "something broke while saving" in text  # the error itself is logged
    assert NAME not in text and FIRST not in text
    assert not any(form in text for form in BIRTH_FORMS)
