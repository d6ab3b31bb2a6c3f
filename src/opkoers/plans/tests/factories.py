from __future__ import annotations

import factory

from opkoers.cases.tests.factories import CaseFactory
from opkoers.core.models import LifeDomain
from opkoers.plans.models import Action, ActionStatus, Goal, OwnerKind


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    case = factory.SubFactory(CaseFactory)
    domain = LifeDomain.FINANCES
    description = factory.Sequence(lambda n: f"Ik wil weer overzicht over mijn geld ({n})")
    priority = factory.Sequence(lambda n: n + 1)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    case = factory.SubFactory(CaseFactory)
    goal = None
    description = factory.Sequence(lambda n: f"Brieven van de deurwaarder verzamelen ({n})")
    owner_kind = OwnerKind.RESIDENT
    status = ActionStatus.TODO
    created_by = factory.SelfAttribute("case.registered_by")
