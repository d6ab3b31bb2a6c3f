"""Effects data under the retention job, and the demo set."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from opkoers.cases.models import Case
from opkoers.effects.models import Timeline, TimelineEntry
from opkoers.effects.selectors import case_comparison
from opkoers.effects.tests.conftest import close
from opkoers.effects.tests.factories import TimelineEntryFactory
from opkoers.retention.services import anonymise_closed_cases


@pytest.mark.security
def test_anonymising_blanks_the_note_and_keeps_the_amounts(case, hour):
    close(case, timezone.now() - dt.timedelta(days=3 * 365))
    TimelineEntryFactory(
        case=case, price_item=hour, description="Tolk voor Ricardo", amount=Decimal("75.00")
    )
    anonymise_closed_cases(team=case.team)
    entry = TimelineEntry.objects.get(case=case)
    assert entry.description == ""
    assert case_comparison(case).intervention == Decimal("75.00")


@pytest.mark.slow
def test_demo_fills_both_timelines_of_the_seeds_example_once(db):
    call_command("load_demo")
    deaf_man = Case.objects.get(resident__last_name="Statia")
    entries = TimelineEntry.objects.filter(case=deaf_man).select_related("price_item")
    names = {e.price_item.name for e in entries if e.timeline == Timeline.INTERVENTION}
    assert {
        "Tolk of vertaling (GGD)",
        "Jobcoach (begeleiding bij werk)",
        "Cursus Nederlandse Gebarentaal",
        "Aanvraag uitkering (behandeling)",
        "Financieel overzicht en stabilisatie",
        "Beoordeling arbeidsvermogen (UWV)",
        "Mantelzorgondersteuning",
        "Uur professional (teamtijd)",
    } <= names
    assert entries.filter(timeline=Timeline.REFERENCE).count() >= 5
    comparison = case_comparison(deaf_man)
    assert comparison.reference > comparison.intervention > 0
    # The closed case gives the aggregate page a figure.
    assert TimelineEntry.objects.filter(case__status="afgesloten").exists()
    count = TimelineEntry.objects.count()
    call_command("load_demo")
    assert TimelineEntry.objects.count() == count
