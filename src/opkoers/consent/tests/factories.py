from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils import timezone

from opkoers.accounts.models import Organisation, TeamMembership
from opkoers.consent.legal_bases import StatutoryBasis
from opkoers.consent.models import ConsentMethod, ConsentVersion, LegalBasis, LegalBasisStatus
from opkoers.residents.tests.factories import ResidentFactory


class ConsentFactory(factory.django.DjangoModelFactory):
    """A valid, current consent. Pass `organisations=[...]` to choose who is covered."""

    class Meta:
        model = ConsentVersion
        skip_postgeneration_save = True

    resident = factory.SubFactory(ResidentFactory)
    number = factory.Sequence(lambda n: n + 1)
    is_current = True
    purpose = "Samen met de inwoner werken aan een plan voor geld, werk en wonen."
    method = ConsentMethod.SIGNED_FORM
    given_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    recorded_by = factory.SubFactory("opkoers.accounts.tests.factories.UserFactory")

    @factory.post_generation
    def organisations(
        self, create: bool, extracted: list[Organisation] | None, **kwargs: object
    ) -> None:
        if create and extracted:
            self.organisations.set(extracted)


class LegalBasisFactory(factory.django.DjangoModelFactory):
    """An approved basis in force today, unless told otherwise (status=..., dates)."""

    class Meta:
        model = LegalBasis

    case = factory.SubFactory("opkoers.cases.tests.factories.CaseFactory")
    organisation = factory.SubFactory("opkoers.accounts.tests.factories.OrganisationFactory")
    basis = StatutoryBasis.WGS_SCHULDHULP
    motivation = "Schuldhulptraject loopt bij de gemeente."
    status = LegalBasisStatus.APPROVED
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    requested_by = factory.SubFactory("opkoers.accounts.tests.factories.UserFactory")
    requested_on = factory.LazyFunction(timezone.localdate)
    decided_by = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status != LegalBasisStatus.REQUESTED),
        yes_declaration=factory.SubFactory(
            "opkoers.accounts.tests.factories.UserFactory", role="privacy"
        ),
        no_declaration=None,
    )


def team_organisations(case: Any) -> list[Organisation]:
    """The organisations of everyone in the case's Op Koers team, plus the registrar's."""
    ids = set(
        TeamMembership.objects.filter(team_id=case.team_id)
        .exclude(user__organisation_id=None)
        .values_list("user__organisation_id", flat=True)
    )
    if case.registered_by.organisation_id:
        ids.add(case.registered_by.organisation_id)
    return list(Organisation.objects.filter(pk__in=ids))


def give_team_consent(case: Any, **kwargs: Any) -> ConsentVersion:
    """A current, valid consent for the case's resident covering the team's organisations
    (replacing any current version, as the service would)."""
    ConsentVersion.objects.filter(resident_id=case.resident_id, is_current=True).update(
        is_current=False
    )
    last = ConsentVersion.objects.filter(resident_id=case.resident_id).count()
    return ConsentFactory(
        resident=case.resident,
        number=last + 1,
        organisations=kwargs.pop("organisations", None) or team_organisations(case),
        recorded_by=case.registered_by,
        **kwargs,
    )
