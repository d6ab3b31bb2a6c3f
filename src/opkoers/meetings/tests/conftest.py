"""Cases in the steps where conversations happen, with a small network and a second
professional who is the contact person's backup."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from opkoers.accounts.models import User
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.cases.models import Case, CaseStatus, CaseTeamMember
from opkoers.cases.tests.factories import CaseTeamMemberFactory
from opkoers.consent.tests.factories import give_team_consent
from opkoers.meetings.models import Conversation, ConversationKind
from opkoers.meetings.services import Participants
from opkoers.meetings.tests.factories import ConversationFactory
from opkoers.residents.models import NetworkPerson
from opkoers.residents.tests.factories import NetworkPersonFactory


def set_status(case: Case, status: str) -> Case:
    # Tests may put a case in a step directly; production code goes through transition().
    case.status = status
    case.save(update_fields=["status"])
    return case


@pytest.fixture
def first_case(case: Case) -> Case:
    """A case ready for its first conversation."""
    return set_status(case, CaseStatus.FIRST_CONVERSATION)


@pytest.fixture
def running_case(case: Case) -> Case:
    """A case whose plan runs: follow-up conversations and calls."""
    return set_status(case, CaseStatus.IN_PROGRESS)


@pytest.fixture
def sister(case: Case) -> NetworkPerson:
    return NetworkPersonFactory(resident=case.resident, name="Fatima Amrani", relation="zus")


@pytest.fixture
def debt_worker(case: Case, team: Any, member: User) -> User:
    """A second professional on the case team, and the contact person's backup."""
    user = UserFactory(
        teams=[team],
        first_name="Joost",
        last_name="Verbeek",
        organisation=OrganisationFactory(name="Schuldhulp Houtenburg"),
    )
    CaseTeamMemberFactory(case=case, user=user, role_on_case="Schuldhulpverlener")
    CaseTeamMember.objects.filter(case=case, user=member).update(backup=user)
    # Writes need the personal data by the regular route: the consent names them too.
    give_team_consent(case)
    return user


@pytest.fixture
def at_table(member: User) -> Participants:
    return Participants(resident=True, user_ids=frozenset({member.pk}))


def planned(
    case: Case, by: User, *, kind: str = ConversationKind.FOLLOW_UP, **kwargs: Any
) -> Conversation:
    kwargs.setdefault("scheduled_at", timezone.now() - dt.timedelta(hours=2))
    return ConversationFactory(case=case, kind=kind, planned_by=by, **kwargs)
