"""A case in the Samen1plan step with one goal, and a pot for this year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from opkoers.budgets.models import BudgetPot
from opkoers.budgets.tests.factories import BudgetPotFactory
from opkoers.cases.models import Case, CaseStatus
from opkoers.plans.models import Goal
from opkoers.plans.tests.factories import GoalFactory


@pytest.fixture
def plan_case(case: Case) -> Case:
    case.status = CaseStatus.IN_PROGRESS
    case.save(update_fields=["status"])
    return case


@pytest.fixture
def goal(plan_case: Case) -> Goal:
    return GoalFactory(case=plan_case, priority=1, description="Weer een eigen woning")


@pytest.fixture
def pot(team) -> BudgetPot:
    return BudgetPotFactory(team=team, year=timezone.localdate().year, amount=Decimal("10000.00"))
