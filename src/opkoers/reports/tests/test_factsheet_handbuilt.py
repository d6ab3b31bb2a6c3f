"""Every figure of the factsheet on the hand-built data set (see handbuilt.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from opkoers.reports.selectors import factsheet
from opkoers.reports.tests.helpers import figure, numbers

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(handbuilt):
    return factsheet(handbuilt.scope())


def test_caseload(sheet):
    assert figure(sheet, "Aangemeld in de periode").value == 4  # A, B, C, E
    assert figure(sheet, "Lopend aan het eind van de periode").value == 3  # C, D, E
    assert figure(sheet, "Afgesloten in de periode").value == 2  # A, B
    channels = numbers(sheet, "channels")
    assert channels["WIL (werk en inkomen)"] == [1, 25]
    assert channels["Inwoner zelf"] == [3, 75]
    assert channels["Huisarts / POH"] == [0, 0]  # D was registered in 2024


def test_help_questions_and_organisations(sheet):
    assert figure(sheet, "Hulpvragen (leefgebieden bij aanmelding)").value == 4
    domains = numbers(sheet, "domains")
    assert domains["Financiën"] == [2, 50]
    assert domains["Huisvesting"] == [1, 25]
    assert domains["Werk & opleiding"] == [1, 25]
    assert domains["Justitie"] == [0, 0]
    assert figure(sheet, "Betrokken organisaties").value == "2"
    assert numbers(sheet, "organisations") == {"Sociaal Team Houtenburg": [3], "WIL Lekstroom": [1]}


def test_conversations(sheet):
    assert figure(sheet, "Gesprekken gehouden").value == 4
    kinds = numbers(sheet, "conversation_kinds")
    assert kinds == {"Eerste gesprek": [3], "Vervolggesprek": [1], "Afsluitend gesprek": [0]}


def test_lead_times_median_and_spread(sheet):
    lead = numbers(sheet, "lead_times")
    # first conversation: 2, 4, 10 days; plan: 14, 20; closing: 60, 120
    assert lead["Aanmelding → eerste gesprek"] == [3, D("4.0"), D("3.0"), D("7.0")]
    assert lead["Aanmelding → Samen1plan"] == [2, D("17.0"), D("15.5"), D("18.5")]
    assert lead["Aanmelding → afsluiten"] == [2, D("90.0"), D("75.0"), D("105.0")]
    assert figure(sheet, "Mediane doorlooptijd tot afsluiten (dagen)").number == D("90.0")


def test_follow_up_calls_and_actions(sheet):
    calls = numbers(sheet, "follow_up_calls")
    assert calls == {
        "Op tijd gebeld": [1, 25],
        "Te laat gebeld": [1, 25],
        "Niet bereikt": [1, 25],
        "Nog niet gebeld": [1, 25],
    }
    assert figure(sheet, "Nabelafspraken op tijd gebeld").number == 25
    assert figure(sheet, "Open acties (vandaag)").value == 2
    assert figure(sheet, "Waarvan over de datum").value == 1


def test_results_per_kind(sheet):
    results = numbers(sheet, "results")
    assert results["Uitkering geregeld"] == [2]
    assert results["Urgentie afgegeven"] == [1]
    assert results["Werk gevonden"] == [0]
    assert figure(sheet, "Behaalde resultaten").value == 3


def test_effects(sheet):
    assert numbers(sheet, "ladder")["+2"] == [1, 50]
    assert numbers(sheet, "ladder")["0"] == [1, 50]
    assert figure(sheet, "Hoger op de Participatieladder").number == 50
    zrm = numbers(sheet, "zrm")
    assert zrm["Financiën"] == [100, 2, 2, 0, 0, D("1.5"), D("3.0")]
    assert zrm["Huisvesting"] == [0, 1, 0, 1, 0, D("3.0"), D("3.0")]
    goals = numbers(sheet, "goals")
    # finances: reached, reached, partly; housing: not reached (dropped left out)
    assert goals["Financiën"] == [67, 3, 2, 1, 0]
    assert goals["Huisvesting"] == [0, 1, 0, 0, 1]
    assert figure(sheet, "Doelen bereikt").number == 50
    trend = numbers(sheet, "trend")
    assert list(trend.values()) == [[1, 100, 50], [1, 0, 50]]  # March (A), June (B)
    per_channel = numbers(sheet, "channel_effect")
    assert per_channel["WIL (werk en inkomen)"] == [1, 100, 50]
    assert per_channel["Inwoner zelf"] == [1, 0, 50]


@pytest.fixture
def mandate_sheet(handbuilt, member):
    """Budget requests and deviations around the period (2025), with known answers."""
    from opkoers.accounts.tests.factories import UserFactory
    from opkoers.budgets.models import RequestStatus
    from opkoers.budgets.tests.factories import BudgetRequestFactory
    from opkoers.deviations.models import DeviationStatus
    from opkoers.deviations.tests.factories import DeviationFactory, RuleFactory
    from opkoers.reports.tests.handbuilt import at

    c = handbuilt.cases
    leader = UserFactory(teams=[handbuilt.team])

    def request(case, amount, requested, status, decided=None, paid=None):
        return BudgetRequestFactory(
            case=case,
            requested_by=member,
            amount=D(amount),
            requested_at=at(requested),
            status=status,
            decided_by=leader if decided else None,
            decided_at=at(decided) if decided else None,
            paid_on=dt.date.fromisoformat(paid) if paid else None,
            pot_year=int(decided[:4]) if decided else None,
        )

    request(c["A"], "400.00", "2025-02-01", RequestStatus.PAID, "2025-02-05", "2025-02-10")
    request(c["B"], "250.50", "2025-03-01", RequestStatus.APPROVED, "2025-03-02")
    request(c["C"], "100.00", "2025-04-01", RequestStatus.REJECTED, "2025-04-02")
    request(c["A"], "99.99", "2024-12-20", RequestStatus.APPROVED, "2025-01-03")  # asked in 2024
    request(c["D"], "75.00", "2025-05-01", RequestStatus.REQUESTED)  # still open
    request(c["X"], "999.00", "2025-05-01", RequestStatus.APPROVED, "2025-05-02")  # other team

    housing, benefits = RuleFactory(name="Wachttijd urgentie"), RuleFactory(name="Zoektermijn")
    for case, rule, day, status in (
        (c["A"], housing, "2025-02-01", DeviationStatus.APPROVED),
        (c["B"], housing, "2025-06-01", DeviationStatus.REGISTERED),
        (c["A"], housing, "2025-07-01", DeviationStatus.APPROVED),  # A again: 1 resident
        (c["C"], benefits, "2025-03-01", DeviationStatus.APPROVED),
        (c["C"], benefits, "2025-03-05", DeviationStatus.REJECTED),  # not counted
        (c["D"], benefits, "2024-11-01", DeviationStatus.APPROVED),  # before the period
        (c["X"], benefits, "2025-03-01", DeviationStatus.APPROVED),  # other team
    ):
        DeviationFactory(case=case, rule=rule, decided_on=dt.date.fromisoformat(day), status=status)
    return factsheet(handbuilt.scope())


def test_mandate_budget_and_deviations(mandate_sheet):
    sheet = mandate_sheet
    assert next(s for s in sheet if s.key == "mandate").available
    assert figure(sheet, "Aanvragen maatwerkbudget").value == 4  # A, B, C, D (not 2024's)
    assert figure(sheet, "Aangevraagd bedrag").number == D("825.50")
    assert figure(sheet, "Goedgekeurde aanvragen").value == 3  # A paid, B, A (2024's)
    assert figure(sheet, "Goedgekeurd bedrag").number == D("750.49")
    assert figure(sheet, "Betaalde aanvragen").value == 1
    assert figure(sheet, "Betaald bedrag").number == D("400.00")
    assert str(figure(sheet, "Betaald bedrag")) == "€ 400,00"
    assert figure(sheet, "Inwoners met goedgekeurd budget").value == 2  # A and B
    per_rule = numbers(sheet, "deviations_per_rule")
    # Most frequent first; the article comes from the rule factory's sequence.
    assert [(label.split(" (")[0], values) for label, values in per_rule.items()] == [
        ("Wachttijd urgentie", [3, 2]),
        ("Zoektermijn", [1, 1]),
    ]
    assert all("(Huisvestingsverordening 2." in label for label in per_rule)


def test_mandate_amounts_hidden_with_their_small_counts(mandate_sheet):
    from opkoers.reports.figures import suppress

    hidden = suppress(mandate_sheet, 5)
    for label in ("Aangevraagd bedrag", "Goedgekeurd bedrag", "Betaald bedrag"):
        cell = figure(hidden, label)
        assert cell.suppressed and cell.value is None, label
        assert str(cell) == "< 5"
