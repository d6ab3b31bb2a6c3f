"""A case in step 4 (Samen1plan) with a small network and a second professional."""

from __future__ import annotations

import pytest

from opkoers.accounts.models import User
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.cases.models import Case, CaseStatus
from opkoers.cases.tests.factories import CaseTeamMemberFactory
from opkoers.consent.tests.factories import give_team_consent
from opkoers.residents.models import NetworkPerson
from opkoers.residents.tests.factories import NetworkPersonFactory


@pytest.fixture
def plan_case(case: Case) -> Case:
    # Tests may put a case in a step directly; production code goes through transition().
    case.status = CaseStatus.PLAN
    case.save(update_fields=["status"])
    return case


@pytest.fixture
def sister(plan_case: Case) -> NetworkPerson:
    return NetworkPersonFactory(
        resident=plan_case.resident, name="Fatima Amrani", relation="zus", phone="06-11112222"
    )


@pytest.fixture
def debt_worker(plan_case: Case, team) -> User:
    """A second professional on the case team, from another organisation."""
    user = UserFactory(
        teams=[team],
        first_name="Joost",
        last_name="Verbeek",
        phone="030-1234567",
        organisation=OrganisationFactory(name="Schuldhulp Houtenburg"),
    )
    CaseTeamMemberFactory(case=plan_case, user=user, role_on_case="Schuldhulpverlener")
    # Writes need the personal data by the regular route: the consent names them too.
    give_team_consent(plan_case)
    return user
