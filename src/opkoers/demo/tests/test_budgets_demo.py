"""The demo set has requests in every state, deviations and a pot, loaded once."""

from django.core.management import call_command

from opkoers.budgets.models import BudgetPot, BudgetRequest, RequestStatus
from opkoers.demo.budgets import load_budget_demo
from opkoers.deviations.models import Deviation, DeviationStatus


def test_demo_budget_and_deviations(db):
    call_command("load_demo")
    assert BudgetPot.objects.count() == 1
    states = set(BudgetRequest.objects.values_list("status", flat=True))
    assert states == {
        RequestStatus.REQUESTED,
        RequestStatus.APPROVED,
        RequestStatus.PAID,
        RequestStatus.REJECTED,
    }
    assert Deviation.objects.filter(status=DeviationStatus.APPROVED).count() == 2
    assert Deviation.objects.filter(status=DeviationStatus.PENDING).count() == 1
    assert load_budget_demo() is False
    assert BudgetRequest.objects.count() == 4
