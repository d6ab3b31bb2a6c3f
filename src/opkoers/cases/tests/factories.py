from __future__ import annotations

import factory
from django.utils import timezone

from opkoers.accounts.tests.factories import TeamFactory, UserFactory
from opkoers.cases.models import Case, CaseDomain, CaseStatus, CaseTeamMember, Channel
from opkoers.core.models import LifeDomain
from opkoers.residents.tests.factories import ResidentFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    resident = factory.SubFactory(ResidentFactory, team=factory.SelfAttribute("..team"))
    reference = factory.Sequence(lambda n: f"OK-TEST-{n:06d}")
    status = CaseStatus.REGISTERED
    registered_at = factory.LazyFunction(timezone.now)
    registered_by = factory.SubFactory(UserFactory)
    channel = Channel.SOCIAL_TEAM
    reason_stuck = "Van het kastje naar de muur gestuurd."

    @factory.post_generation
    def domains(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            for domain in extracted if extracted is not None else [LifeDomain.FINANCES]:
                CaseDomain.objects.create(case=self, domain=domain)

    @factory.post_generation
    def consent(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """By default the resident has consented for the organisations of everyone in the
        team (so tests see personal data); `CaseFactory(consent=False)` opts out, for
        tests of the restricted view."""
        if create and extracted is not False:
            from opkoers.consent.tests.factories import give_team_consent

            give_team_consent(self)


class CaseTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseTeamMember

    case = factory.SubFactory(CaseFactory)
    user = factory.SubFactory(UserFactory)
    role_on_case = "Consulent sociaal team"
