"""Two project leaders approving at the same moment must not overdraw the pot
(PostgreSQL: the pot row lock makes the second approval wait and then see the first)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import TeamFactory, UserFactory
from opkoers.budgets.models import BudgetRequest, RequestStatus
from opkoers.budgets.services import approve_request
from opkoers.budgets.tests.factories import BudgetPotFactory, BudgetRequestFactory
from opkoers.cases.tests.factories import CaseFactory

pytestmark = [pytest.mark.security]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_leave_the_pot_positive() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite admits one writer at a time; the race needs PostgreSQL")
    # The leaders join the team before the cases exist, so that the residents' consent
    # covers their organisations: a decision needs the case's data (cases.access).
    team = TeamFactory()
    leaders = UserFactory.create_batch(2, role=Role.PROJECT_LEADER, teams=[team])
    case_a = CaseFactory(team=team)
    case_b = CaseFactory(team=team)
    BudgetPotFactory(team=team, year=timezone.localdate().year, amount=Decimal("1000.00"))
    requests = [
        BudgetRequestFactory(case=case_a, amount=Decimal("600.00")),
        BudgetRequestFactory(case=case_b, amount=Decimal("600.00")),
    ]
    barrier = threading.Barrier(2)
    refused: list[str] = []
    errors: list[BaseException] = []

    def approve(leader, budget_request) -> None:
        try:
            barrier.wait()
            approve_request(budget_request=budget_request, by=leader)
        except ValidationError as exc:
            refused.append(exc.code or "")
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=(leader, req))
        for leader, req in zip(leaders, requests, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert refused == ["pot"]
    assert BudgetRequest.objects.filter(status=RequestStatus.APPROVED).count() == 1
