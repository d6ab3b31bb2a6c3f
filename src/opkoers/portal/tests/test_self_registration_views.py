"""The public form: reachable without login, a double submit makes one case, the
honeypot and the per-address limit stop abuse, bad input keeps what was typed, and
the confirmation email (real SMTP) names only the first name."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import Case, Channel

pytestmark = pytest.mark.django_db

URL = reverse("portal:self_register")
DONE = reverse("portal:self_register_done")


def _data(open_team: Any, **extra: Any) -> dict[str, Any]:
    data = {
        "team": str(open_team.pk),
        "first_name": "Noor",
        "last_name": "Verbeek",
        "phone": "06-11223344",
        "email": "",
        "story": "Mijn uitkering is gestopt en de huur is te hoog.",
        "website": "",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(extra)
    return data


def test_form_is_public_and_explains_what_happens(client: Client, open_team):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Wat is Op Koers?" in text
    assert "Binnen 5 werkdagen" in text
    assert "Houtenburg" in text  # the team's municipality in the choice list
    assert "Laat dit veld leeg" in text and 'tabindex="-1"' in text
    # The public layout: no staff menu.
    assert "Hoofdmenu" not in text


def test_without_open_teams_the_form_says_so(client: Client, team):
    response = client.get(URL)
    assert response.status_code == 200
    assert "niet via deze website aanmelden" in response.content.decode()
    assert client.post(URL, _data(open_team=team)).status_code == 200
    assert not Case.objects.exists()


def test_submit_creates_one_case_and_double_submit_no_second(client: Client, open_team):
    data = _data(open_team)
    first = client.post(URL, data)
    assert first.status_code == 302 and first["Location"] == DONE
    second = client.post(URL, data)
    assert second.status_code == 302 and second["Location"] == DONE
    case = Case.objects.get()
    assert case.channel == Channel.SELF and case.registered_by is None
    page = client.get(DONE)
    assert "Uw aanmelding is verstuurd" in page.content.decode()


@pytest.mark.security
def test_bad_input_keeps_what_was_typed(client: Client, open_team):
    response = client.post(URL, _data(open_team, phone="bel me", story="x" * 2001))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Vul een telefoonnummer in met alleen cijfers" in text
    assert "De tekst is te lang" in text
    assert 'value="Noor"' in text
    assert not Case.objects.exists()


@pytest.mark.security
def test_garbage_never_gives_500(client: Client, open_team):
    response = client.post(
        URL,
        _data(
            open_team,
            team="not-a-uuid",
            date_of_birth="31-02-1980",
            preferred_contact="fax",
            communication_needs=["x"],
            referrer_kind="alien",
            submission_token="garbage",
        ),
    )
    assert response.status_code == 200
    assert not Case.objects.exists()


@pytest.mark.security
def test_on_behalf_needs_agreement(client: Client, open_team):
    response = client.post(
        URL,
        _data(open_team, on_behalf="on", referrer_kind="naaste", referrer_name="Jan Verbeek"),
    )
    assert response.status_code == 200
    assert "Vink aan dat de inwoner het goed vindt" in response.content.decode()
    assert not Case.objects.exists()
    response = client.post(
        URL,
        _data(
            open_team,
            on_behalf="on",
            referrer_kind="naaste",
            referrer_name="Jan Verbeek",
            referrer_contact="06-99887766",
            agreed="on",
            agreement_note="Zij zat naast mij.",
        ),
    )
    assert response.status_code == 302
    assert Case.objects.get().agreement_note == "Zij zat naast mij."


@pytest.mark.security
def test_honeypot_creates_nothing_but_looks_the_same(client: Client, open_team):
    response = client.post(URL, _data(open_team, website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == DONE
    assert not Case.objects.exists()


@pytest.mark.security
def test_rate_limit_per_client_address(client: Client, open_team, settings):
    settings.SELF_REGISTRATION_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, _data(open_team)).status_code == 302
    limited = client.post(URL, _data(open_team))
    assert limited.status_code == 429
    assert "Probeer het over een uur opnieuw" in limited.content.decode()
    assert 'value="Noor"' in limited.content.decode()
    assert Case.objects.count() == 2
    # Another address is not held back.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert other.post(URL, _data(open_team)).status_code == 302


@pytest.mark.security
def test_rate_limit_uses_the_client_behind_a_trusted_proxy(open_team, settings):
    settings.SELF_REGISTRATION_PER_HOUR = 1
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    from django.test import override_settings

    with override_settings(TRUSTED_PROXIES=["10.0.0.1"]):
        a = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
        b = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
        assert a.post(URL, _data(open_team)).status_code == 302
        assert b.post(URL, _data(open_team)).status_code == 302
        assert a.post(URL, _data(open_team)).status_code == 429


@pytest.mark.security
def test_confirmation_email_has_only_the_first_name(client: Client, open_team, smtp_server):
    response = client.post(
        URL,
        _data(
            open_team,
            email="noor.verbeek@example.org",
            date_of_birth="01-05-1990",
            story="Geheim verhaal over schulden.",
        ),
    )
    assert response.status_code == 302
    [message] = smtp_server.messages
    assert message["X-Envelope-To"] == "noor.verbeek@example.org"
    body = message.get_content()
    assert "Beste Noor," in body
    case = Case.objects.get()
    for secret in ("Verbeek", "06-11223344", "1990", "Geheim", case.reference, open_team.name):
        assert secret not in body
        assert secret not in str(message["Subject"])
    assert "U krijgt ook een e-mail" in client.get(DONE).content.decode()


def test_no_email_address_no_email(client: Client, open_team, smtp_server):
    assert client.post(URL, _data(open_team)).status_code == 302
    assert smtp_server.messages == []


def test_smtp_down_still_confirms_on_screen(client: Client, open_team, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens
    response = client.post(URL, _data(open_team, email="noor@example.org"))
    assert response.status_code == 302
    assert Case.objects.count() == 1


def test_audit_row_in_the_same_transaction(client: Client, open_team):
    client.post(URL, _data(open_team))
    event = AuditEvent.objects.get(code="case.self_register")
    assert event.actor is None
    assert event.case_id == Case.objects.get().pk


def test_query_count_is_bounded(client: Client, open_team, django_assert_num_queries):
    from opkoers.accounts.tests.factories import TeamFactory

    with django_assert_num_queries(2):
        assert client.get(URL).status_code == 200
    TeamFactory.create_batch(5, accepts_self_registration=True)
    with django_assert_num_queries(2):
        assert client.get(URL).status_code == 200


def test_the_limit_is_kept_in_the_database_and_old_traces_are_cleared(rf) -> None:
    """Every app server counts the same (no per-process cache), no address is stored in
    clear, and attempts older than the window are deleted at the next registration."""
    from datetime import timedelta

    from django.utils import timezone

    from opkoers.portal import throttle
    from opkoers.portal.models import RegistrationAttempt

    request = rf.post("/hulp/", REMOTE_ADDR="198.51.100.23")
    RegistrationAttempt.objects.create(
        address_hash="old", at=timezone.now() - throttle.WINDOW - timedelta(minutes=1)
    )
    for _ in range(throttle.limit()):
        assert not throttle.is_limited(request)
        throttle.count(request)
    assert throttle.is_limited(request)
    assert not RegistrationAttempt.objects.filter(address_hash="old").exists()
    assert not RegistrationAttempt.objects.filter(address_hash__contains="198.51").exists()
    other = rf.post("/hulp/", REMOTE_ADDR="198.51.100.24")
    assert not throttle.is_limited(other)
