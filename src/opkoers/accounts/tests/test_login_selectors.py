"""The privacy officer's console reads failed logins and current lockouts through two
selectors: display-ready rows, no typed names, query counts pinned at two sizes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts import selectors
from opkoers.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.security

LOGIN = reverse("accounts:login")


def fail(username, address, times=1):
    for _ in range(times):
        Client().post(LOGIN, {"username": username, "password": "fout"}, REMOTE_ADDR=address)


def test_recent_failures_are_grouped_per_person_and_address(member):
    fail(member.username, "192.0.2.1", times=2)
    fail("iemand-anders", "192.0.2.2")
    rows = selectors.recent_login_failures(limit=10)
    assert [(r.name, r.address, r.count) for r in rows] == [
        ("onbekende naam", "192.0.2.2", 1),
        ("Mila de Wit", "192.0.2.1", 2),
    ]
    assert all("iemand-anders" not in str(r) for r in rows)
    assert rows[0].at.tzinfo is not None


def test_recent_failures_respect_the_limit_and_the_window(member):
    fail(member.username, "192.0.2.1")
    fail(member.username, "192.0.2.3")
    assert len(selectors.recent_login_failures(limit=1)) == 1
    later = timezone.now() + timedelta(days=selectors.LOGIN_FAILURE_DAYS, minutes=1)
    with mock.patch("opkoers.accounts.selectors.timezone.now", return_value=later):
        assert selectors.recent_login_failures(limit=10) == []


@pytest.mark.parametrize("people", [2, 12])
def test_recent_failures_query_count_is_fixed(db, people, django_assert_num_queries):
    for i in range(people):
        person = UserFactory(first_name="Pim", last_name=f"Proef{i:02d}")
        fail(person.username, f"192.0.2.{i + 1}")
    with django_assert_num_queries(2):
        rows = selectors.recent_login_failures(limit=50)
    assert len(rows) == people


def test_current_lockouts_name_the_person_and_the_sprayed_address(member, settings):
    settings.OPKOERS_ADDRESS_FAILURE_LIMIT = 6
    fail(member.username.upper(), "192.0.2.9", times=5)
    fail("niemand", "192.0.2.8", times=5)
    for i in range(6):
        fail(f"naam{i}", "192.0.2.66")
    rows = selectors.current_lockouts()
    assert {(r.name, r.address, r.count) for r in rows} == {
        ("Mila de Wit", "192.0.2.9", 5),
        ("onbekende naam", "192.0.2.8", 5),
        ("alle namen vanaf dit adres", "192.0.2.66", 6),
    }
    assert all(r.until - r.at == settings.AXES_COOLOFF_TIME for r in rows)


def test_expired_lockouts_are_not_current(member):
    from axes.models import AccessAttempt

    fail(member.username, "192.0.2.9", times=5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert selectors.current_lockouts() == []


@pytest.mark.parametrize("people", [1, 8])
def test_current_lockouts_query_count_is_fixed(db, people, django_assert_num_queries):
    for i in range(people):
        person = UserFactory(first_name="Pim", last_name=f"Proef{i:02d}")
        fail(person.username, f"192.0.2.{i + 1}", times=5)
    with django_assert_num_queries(3):
        rows = selectors.current_lockouts()
    assert len(rows) == people
