from __future__ import annotations

import factory
from django.utils import timezone

from opkoers.cases.tests.factories import CaseFactory
from opkoers.deviations.models import Deviation, DeviationStatus, Rule


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rule

    name = factory.Sequence(lambda n: f"Wachttijd urgentieaanvraag {n}")
    regulation = "Huisvestingsverordening"
    article = factory.Sequence(lambda n: f"2.{n}")


class DeviationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deviation

    case = factory.SubFactory(CaseFactory)
    team = factory.SelfAttribute("case.team")
    rule = factory.SubFactory(RuleFactory)
    what_differently = "Urgentie afgegeven zonder de gebruikelijke wachttijd."
    why_it_helps = "Zo hoeft het gezin niet naar de nachtopvang."
    decided_by = "Projectleider"
    decided_on = factory.LazyFunction(timezone.localdate)
    status = DeviationStatus.APPROVED
    registered_by = factory.SelfAttribute("case.registered_by")
