"""Repeated failed logins lock the typed username for a while, in the database, with a
message that is the same whether or not the username exists."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts.models import LoginThrottle
from opkoers.accounts.security import throttle
from opkoers.accounts.tests.factories import TEST_PASSWORD
from opkoers.audit.models import AuditEvent

pytestmark = pytest.mark.security

LOGIN = reverse("accounts:login")
LOCKED = "Te veel mislukte pogingen"


def attempt(client, username, password="fout-wachtwoord-1"):  # noqa: S107
    return client.post(LOGIN, {"username": username, "password": password})


def normalised(html, username):
    """The page without what legitimately differs: CSRF tokens and the typed name."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return html.replace(username, "NAAM")


def test_five_failures_lock_the_account_even_for_the_right_password(client, member):
    for _ in range(4):
        assert LOCKED not in attempt(client, member.username).content.decode()
    assert LOCKED in attempt(client, member.username).content.decode()
    response = attempt(client, member.username, TEST_PASSWORD)
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(code="accounts.login.locked")
    assert event.actor == member and event.detail == {"stage": "password", "known_user": True}


def test_the_lock_message_does_not_reveal_whether_the_username_exists(client, member):
    for _ in range(5):
        known = attempt(client, member.username).content.decode()
        unknown = attempt(Client(), "bestaat-niet").content.decode()
    assert LOCKED in known and LOCKED in unknown
    assert normalised(known, member.username) == normalised(unknown, "bestaat-niet")
    event = AuditEvent.objects.get(code="accounts.login.locked", actor=None)
    assert event.detail == {"stage": "password", "known_user": False}
    assert "bestaat-niet" not in str(event.detail)


def test_the_lock_ends_after_the_lock_time_and_counts_are_per_username(client, member, colleague):
    for _ in range(5):
        attempt(client, member.username)
    # Another name from the same browser is not affected.
    assert attempt(client, colleague.username, TEST_PASSWORD).status_code == 302
    LoginThrottle.objects.filter(key=throttle.password_key(member.username)).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    assert attempt(Client(), member.username, TEST_PASSWORD).status_code == 302


def test_username_case_does_not_dodge_the_counter(client, member):
    for _ in range(5):
        attempt(client, member.username.upper())
    assert LOCKED in attempt(client, member.username, TEST_PASSWORD).content.decode()


def test_a_successful_login_resets_the_counter(client, member):
    for _ in range(4):
        attempt(client, member.username)
    assert attempt(client, member.username, TEST_PASSWORD).status_code == 302
    assert not LoginThrottle.objects.filter(key=throttle.password_key(member.username)).exists()
    other = Client()
    for _ in range(4):
        attempt(other, member.username)
    assert LoginThrottle.objects.get(key=throttle.password_key(member.username)).failures == 4
    assert LOCKED in attempt(other, member.username).content.decode()


def test_failures_outside_the_window_start_a_new_count(client, member):
    for _ in range(4):
        attempt(client, member.username)
    LoginThrottle.objects.filter(key=throttle.password_key(member.username)).update(
        window_started_at=timezone.now() - timedelta(minutes=16)
    )
    assert LOCKED not in attempt(client, member.username).content.decode()
    assert LoginThrottle.objects.get(key=throttle.password_key(member.username)).failures == 1


def test_the_django_admin_login_is_throttled_too(client, functional_admin):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": functional_admin.username, "password": "fout-wachtwoord"})
    assert throttle.locked_until(throttle.password_key(functional_admin.username)) is not None


def test_one_password_on_many_names_locks_the_address(client, member, settings):
    """Password spraying: each name fails only once, so the per-name count never locks;
    the address does, for every name (also the right password), and only that address."""
    settings.OPKOERS_LOCKOUT = {**settings.OPKOERS_LOCKOUT, "ADDRESS_MAX_FAILURES": 4}
    sprayer = {"REMOTE_ADDR": "192.0.2.66"}
    for i in range(3):
        response = client.post(LOGIN, {"username": f"naam{i}", "password": "Zomer2026!"}, **sprayer)
        assert LOCKED not in response.content.decode()
    response = client.post(LOGIN, {"username": "naam3", "password": "Zomer2026!"}, **sprayer)
    assert LOCKED in response.content.decode()

    right = {"username": member.username, "password": TEST_PASSWORD}
    response = Client().post(LOGIN, right, **sprayer)
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert Client().post(LOGIN, right, REMOTE_ADDR="198.51.100.7").status_code == 302
    event = AuditEvent.objects.get(code="accounts.login.locked")
    assert event.detail == {"stage": "address", "known_user": False}
    assert event.ip_address == "192.0.2.66"


def test_a_good_login_does_not_wipe_the_address_count(client, member, settings):
    """An attacker with one account of their own cannot reset the address count by
    logging in with it between tries."""
    settings.OPKOERS_LOCKOUT = {**settings.OPKOERS_LOCKOUT, "ADDRESS_MAX_FAILURES": 3}
    here = {"REMOTE_ADDR": "192.0.2.67"}
    for i in range(2):
        Client().post(LOGIN, {"username": f"ander{i}", "password": "Zomer2026!"}, **here)
        assert (
            Client()
            .post(LOGIN, {"username": member.username, "password": TEST_PASSWORD}, **here)
            .status_code
            == 302
        )
    response = Client().post(LOGIN, {"username": "ander9", "password": "Zomer2026!"}, **here)
    assert LOCKED in response.content.decode()
    assert LoginThrottle.objects.filter(key="ip:192.0.2.67", locked_until__isnull=False).exists()
