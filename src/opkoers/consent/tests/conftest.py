from __future__ import annotations

from typing import Any

import pytest

from opkoers.accounts.models import Team, User
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.cases.models import Case
from opkoers.cases.tests.factories import CaseTeamMemberFactory


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def uncovered(team: Team, case: Case) -> User:
    """On the case team, but employed by an organisation the consent does not name."""
    user = UserFactory(
        teams=[team],
        organisation=OrganisationFactory(name="Woonstichting Nergens"),
        first_name="Umar",
        last_name="Zonder",
    )
    CaseTeamMemberFactory(case=case, user=user, role_on_case="Woonconsulent")
    return user
