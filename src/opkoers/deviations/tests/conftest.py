from __future__ import annotations

import pytest

from opkoers.cases.models import Case, CaseStatus
from opkoers.deviations.models import Rule
from opkoers.deviations.tests.factories import RuleFactory


@pytest.fixture
def open_case(case: Case) -> Case:
    case.status = CaseStatus.IN_PROGRESS
    case.save(update_fields=["status"])
    return case


@pytest.fixture
def rule(db) -> Rule:
    return RuleFactory(name="Kostendelersnorm", regulation="Participatiewet", article="22a")
