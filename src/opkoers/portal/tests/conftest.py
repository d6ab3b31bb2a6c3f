"""The real SMTP server of the invitation tests, and a team that accepts
self-registrations."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from opkoers.accounts.models import Team
from opkoers.accounts.tests.conftest import smtp_server  # noqa: F401  (a fixture)


@pytest.fixture
def open_team(team: Team) -> Team:
    team.accepts_self_registration = True
    team.municipality = "Houtenburg"
    team.save(update_fields=["accepts_self_registration", "municipality"])
    return team


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Any:
    # The throttle lives in the database: each test's transaction starts it empty. The
    # cache is cleared for what else might use it.
    cache.clear()
    yield
    cache.clear()
