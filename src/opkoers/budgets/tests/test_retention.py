"""Anonymising a closed case blanks the budget and deviation stories, keeps the figures."""

from decimal import Decimal

from django.utils import timezone

from opkoers.budgets.models import BudgetRequest, RequestStatus
from opkoers.budgets.tests.factories import BudgetRequestFactory
from opkoers.deviations.models import Deviation
from opkoers.deviations.tests.factories import DeviationFactory
from opkoers.retention.services import ANONYMISED, anonymise_closed_cases
from opkoers.retention.tests.test_services import closed_case


def test_retention_blanks_texts_and_keeps_figures(team, member):
    case = closed_case(team, member, months_ago=25)
    BudgetRequestFactory(
        case=case,
        amount=Decimal("123.45"),
        purpose="Borg voor Jan",
        payee="Jan Jansen",
        status=RequestStatus.PAID,
        pot_year=2024,
        paid_on=timezone.localdate(),
        payment_reference="FIN-1",
        decision_note="Besproken met Jan",
    )
    cancelled = BudgetRequestFactory(
        case=case,
        status=RequestStatus.CANCELLED,
        pot_year=2024,
        cancellation_reason="Jan kon bij zijn broer terecht",
    )
    DeviationFactory(case=case, share_as_example=True, what_differently="Voor Jan gedaan")
    anonymise_closed_cases()
    request = BudgetRequest.objects.exclude(pk=cancelled.pk).get()
    assert (request.purpose, request.payee, request.breakthrough, request.decision_note) == (
        ANONYMISED,
        "",
        ANONYMISED,
        "",
    )
    assert (request.amount, request.status, request.payment_reference) == (
        Decimal("123.45"),
        RequestStatus.PAID,
        "FIN-1",
    )
    assert BudgetRequest.objects.get(pk=cancelled.pk).cancellation_reason == ""
    deviation = Deviation.objects.get()
    assert deviation.what_differently == deviation.why_it_helps == ANONYMISED
    assert deviation.share_as_example is False and deviation.rule_id is not None
