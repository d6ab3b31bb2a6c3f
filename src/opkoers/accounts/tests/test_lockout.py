"""django-axes locks the combination of typed name and address for 15 minutes after five
failures, with a Dutch message that is the same whether or not the name exists; a second,
higher limit per address stops one password tried on many names. Failures and lockouts
are in the audit log without the typed name."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts.tests.factories import TEST_PASSWORD
from opkoers.audit.models import AuditEvent

pytestmark = pytest.mark.security

LOGIN = reverse("accounts:login")
LOCKED = "Te veel mislukte pogingen"
HERE = "192.0.2.10"
ELSEWHERE = "198.51.100.7"


def attempt(client, username, password="fout-wachtwoord-1", address=HERE):  # noqa: S107
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def normalised(html, username):
    """The page without what legitimately differs: CSRF tokens and the typed name."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return html.replace(username, "NAAM")


def test_five_failures_lock_name_and_address_even_for_the_right_password(client, member):
    for _ in range(4):
        assert LOCKED not in attempt(client, member.username).content.decode()
    response = attempt(client, member.username)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert "Inloggen bij Op Koers" in response.content.decode()  # the login page, in Dutch
    response = attempt(client, member.username, TEST_PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(code="auth.lockout")
    assert event.actor == member and event.detail == {"stage": "password", "known_user": True}
    assert event.ip_address == HERE


def test_a_colleague_cannot_lock_someone_out_from_elsewhere(client, member):
    """The lock is on name + address: the person logs in from their own address."""
    for _ in range(6):
        attempt(Client(), member.username, address=ELSEWHERE)
    assert attempt(client, member.username, TEST_PASSWORD, address=HERE).status_code == 302


def test_every_failure_is_audited_without_the_typed_name(client, member):
    attempt(client, member.username)
    attempt(client, "Correct-Horse-typed-in-the-name-field")
    known, unknown = AuditEvent.objects.filter(code="auth.login_failed").order_by("at", "id")
    assert known.actor == member and known.object_id == str(member.pk)
    assert known.detail == {"stage": "password", "known_user": True, "locked": False}
    assert unknown.actor is None and unknown.object_id == ""
    assert unknown.detail == {"stage": "password", "known_user": False, "locked": False}
    assert "Correct-Horse" not in str(unknown.detail) and unknown.ip_address == HERE


def test_the_lock_message_does_not_reveal_whether_the_username_exists(member):
    for _ in range(5):
        known = attempt(Client(), member.username).content.decode()
        unknown = attempt(Client(), "bestaat-niet").content.decode()
    assert LOCKED in known and LOCKED in unknown
    assert normalised(known, member.username) == normalised(unknown, "bestaat-niet")
    event = AuditEvent.objects.get(code="auth.lockout", actor=None)
    assert event.detail == {"stage": "password", "known_user": False}


def test_trying_during_the_lock_does_not_extend_it_and_it_ends(client, member):
    for _ in range(5):
        attempt(client, member.username)
    attempt(client, member.username)
    assert AuditEvent.objects.filter(code="auth.lockout").count() == 1
    assert AuditEvent.objects.filter(code="auth.login_failed").count() == 6
    assert AccessAttempt.objects.get().failures_since_start == 5
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(Client(), member.username, TEST_PASSWORD).status_code == 302


def test_username_case_and_spaces_do_not_dodge_the_counter(client, member):
    for name in ["X", " x", "X ", "x", "X"]:
        attempt(client, name.replace("x", member.username).replace("X", member.username.upper()))
    assert LOCKED in attempt(client, member.username, TEST_PASSWORD).content.decode()


def test_a_successful_login_resets_the_count_of_that_name_and_address(client, member):
    for _ in range(4):
        attempt(client, member.username)
    assert attempt(client, member.username, TEST_PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(ip_address=HERE).exists()
    other = Client()
    for _ in range(4):
        assert LOCKED not in attempt(other, member.username).content.decode()
    assert LOCKED in attempt(other, member.username).content.decode()


def test_the_django_admin_login_is_locked_too(client, functional_admin):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(
            url,
            {"username": functional_admin.username, "password": "fout-wachtwoord"},
            REMOTE_ADDR=HERE,
        )
    response = client.post(
        url,
        {"username": functional_admin.username, "password": TEST_PASSWORD},
        REMOTE_ADDR=HERE,
    )
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert AuditEvent.objects.filter(code="auth.lockout", actor=functional_admin).exists()


def test_one_password_on_many_names_locks_the_address(client, member, settings):
    """Password spraying: each name fails once, so the name+address count never locks;
    the address limit does, for every name (also the right password), only there."""
    settings.OPKOERS_ADDRESS_FAILURE_LIMIT = 4
    for i in range(3):
        response = attempt(Client(), f"naam{i}", "Zomer2026!", address="192.0.2.66")
        assert LOCKED not in response.content.decode()
    response = attempt(Client(), "naam3", "Zomer2026!", address="192.0.2.66")
    assert LOCKED in response.content.decode()
    right = attempt(Client(), member.username, TEST_PASSWORD, address="192.0.2.66")
    assert right.status_code == 429 and LOCKED in right.content.decode()
    assert attempt(Client(), member.username, TEST_PASSWORD, address=ELSEWHERE).status_code == 302
    event = AuditEvent.objects.get(code="auth.lockout", detail__stage="address")
    assert event.ip_address == "192.0.2.66"


def test_a_good_login_does_not_wipe_the_address_count(settings, member):
    """An attacker with an account of their own cannot reset the address count by
    logging in with it between tries."""
    settings.OPKOERS_ADDRESS_FAILURE_LIMIT = 3
    for i in range(2):
        attempt(Client(), f"ander{i}", "Zomer2026!", address="192.0.2.67")
        ok = attempt(Client(), member.username, TEST_PASSWORD, address="192.0.2.67")
        assert ok.status_code == 302
    response = attempt(Client(), "ander9", "Zomer2026!", address="192.0.2.67")
    assert LOCKED in response.content.decode()


def test_the_address_comes_from_remote_addr_only(client, member):
    """A client-set X-Forwarded-For does not move the count to another address."""
    for i in range(5):
        client.post(
            LOGIN,
            {"username": member.username, "password": "fout"},
            REMOTE_ADDR=HERE,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {HERE}
    assert LOCKED in attempt(client, member.username, TEST_PASSWORD).content.decode()


def test_technical_logs_carry_no_name(client, member, caplog):
    """Even with axes' own logger opened up to DEBUG (settings keep it at ERROR)."""
    caplog.set_level("DEBUG", logger="axes")
    for _ in range(5):
        attempt(client, member.username)
    attempt(client, member.username, TEST_PASSWORD)
    assert "AXES" in caplog.text  # axes did log: what it logged carries no name or address
    assert member.username not in caplog.text and HERE not in caplog.text
