"""The world the access matrix runs in: one case of our team with one of every object that
has its own URL, and the actors that look at it from various distances.

URL keyword arguments are filled by name from `World.kwargs`; a new URL whose argument
is not known here makes the matrix test fail with a clear message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from opkoers.cases.models import CaseStatus, ResultKind
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.consent.models import ConsentVersion
from opkoers.consent.services import attach_scan
from opkoers.effects.tests.factories import PriceItemFactory, TimelineEntryFactory
from opkoers.meetings.tests.factories import ConversationFactory, FollowUpCallFactory
from opkoers.plans.tests.factories import ActionFactory, GoalFactory
from opkoers.residents.tests.factories import CommunicationNeedFactory, NetworkPersonFactory

# The order of the columns in the matrix.
ACTORS = (
    "member",  # on the case team, organisation covered by the consent
    "colleague",  # same Op Koers team, not on the case team
    "uncovered",  # on the case team, organisation not in the consent
    "leader",  # the team's project leader, not on the case team
    "outsider",  # a professional of another team
    "policy",  # policy staff
    "admin",  # functional admin
    "privacy",  # privacy officer
    "anonymous",
)


@dataclass
class World:
    users: dict[str, Any]
    kwargs: dict[str, Any] = field(default_factory=dict)
    # Must never appear in an answer that refuses access.
    secret: str = ""

    def client(self, actor: str) -> Client:
        client = Client()
        user = self.users[actor]
        if user is not None:
            client.force_login(user)
        return client


def build_world() -> World:
    team = TeamFactory(name="Op Koers Houtenburg")
    organisation = OrganisationFactory(name="Sociaal Team Houtenburg")
    member = UserFactory(teams=[team], organisation=organisation)
    colleague = UserFactory(teams=[team], organisation=organisation)
    leader = UserFactory(teams=[team], organisation=organisation, role=Role.PROJECT_LEADER)
    case = CaseFactory(
        team=team,
        registered_by=member,
        status=CaseStatus.IN_PROGRESS,
        resident__last_name="Zwaluwstaart",
    )
    contact = CaseTeamMemberFactory(case=case, user=member, is_contact_person=True)
    uncovered = UserFactory(teams=[team], organisation=OrganisationFactory(name="Nergens"))
    CaseTeamMemberFactory(case=case, user=uncovered, role_on_case="Woonconsulent")
    outsider_team = TeamFactory(name="Op Koers Elders")
    users: dict[str, Any] = {
        "member": member,
        "colleague": colleague,
        "uncovered": uncovered,
        "leader": leader,
        "outsider": UserFactory(teams=[outsider_team], organisation=organisation),
        "policy": UserFactory(role=Role.POLICY_STAFF),
        "admin": UserFactory(role=Role.FUNCTIONAL_ADMIN),
        "privacy": UserFactory(role=Role.PRIVACY_OFFICER),
        "anonymous": None,
    }
    conversation = ConversationFactory(case=case, planned_by=member)
    goal = GoalFactory(case=case)
    kwargs: dict[str, Any] = {
        "case_id": case.pk,
        "member_id": contact.pk,
        "conversation_id": conversation.pk,
        "call_id": FollowUpCallFactory(case=case, assigned_to=member).pk,
        "goal_id": goal.pk,
        "action_id": ActionFactory(case=case, goal=goal).pk,
        "need_id": CommunicationNeedFactory(resident=case.resident).pk,
        "person_id": NetworkPersonFactory(resident=case.resident).pk,
        "version_id": ConsentVersion.objects.filter(resident=case.resident).get().pk,
        "organisation_id": organisation.pk,
        "team_id": team.pk,
        "user_id": member.pk,
        "kind_id": ResultKind.objects.first().pk,
        "entry_id": TimelineEntryFactory(case=case).pk,
        "item_id": PriceItemFactory().pk,
        "token": "nooit-uitgegeven-uitnodiging",
    }
    # Budgets and deviations: an open request and a pending deviation by the member.
    from opkoers.budgets.tests.factories import BudgetRequestFactory
    from opkoers.deviations.models import DeviationStatus
    from opkoers.deviations.tests.factories import DeviationFactory

    kwargs["request_id"] = BudgetRequestFactory(case=case, goal=goal, requested_by=member).pk
    kwargs["deviation_id"] = DeviationFactory(
        case=case, registered_by=member, status=DeviationStatus.PENDING
    ).pk
    # A past break-glass use by a team member who is none of the actors: it waits in the
    # review queue and gives nobody access now.
    from opkoers.privacy.models import BreakGlassAccess

    kwargs["use_id"] = BreakGlassAccess.objects.create(
        user=UserFactory(teams=[team], organisation=organisation),
        case=case,
        reason="Crisis, contactpersoon onbereikbaar",
        expires_at=timezone.now() - timedelta(minutes=1),
    ).pk
    # Legal bases: a request by the member, waiting for the project leader or the
    # privacy officer.
    from opkoers.consent.models import LegalBasisStatus
    from opkoers.consent.tests.factories import LegalBasisFactory

    kwargs["basis_id"] = LegalBasisFactory(
        case=case, organisation=organisation, requested_by=member, status=LegalBasisStatus.REQUESTED
    ).pk
    attach_scan(
        case=case,
        by=member,
        upload=SimpleUploadedFile("form.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32, "image/png"),
    )
    return World(users=users, kwargs=kwargs, secret=case.resident.last_name)
