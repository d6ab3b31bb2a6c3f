"""Every figure of the factsheet on the hand-built data set (see handbuilt.py)."""

from __future__ import annotations

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


def test_mandate_section_says_not_yet_available(sheet):
    mandate = next(s for s in sheet if s.key == "mandate")
    assert not mandate.available
    assert "Nog niet beschikbaar" in mandate.notes[0]
