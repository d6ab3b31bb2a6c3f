from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from opkoers.budgets.models import BudgetPot, BudgetRequest, RequestStatus
from opkoers.cases.tests.factories import CaseFactory
from opkoers.plans.tests.factories import GoalFactory


class BudgetPotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetPot

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    amount = Decimal("10000.00")


class BudgetRequestFactory(factory.django.DjangoModelFactory):
    """An open request; tests move it on through the services."""

    class Meta:
        model = BudgetRequest

    case = factory.SubFactory(CaseFactory)
    team = factory.SelfAttribute("case.team")
    goal = factory.SubFactory(GoalFactory, case=factory.SelfAttribute("..case"))
    amount = Decimal("250.00")
    purpose = factory.Sequence(lambda n: f"Eerste huur en borg ({n})")
    payee = "Woningcorporatie Lekstroom"
    breakthrough = "Met een eigen huurcontract kan de inwoner zich inschrijven en werk zoeken."
    status = RequestStatus.REQUESTED
    requested_by = factory.SelfAttribute("case.registered_by")
    requested_at = factory.LazyFunction(timezone.now)
