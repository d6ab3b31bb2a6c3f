"""The effects entry edit form: a save over a newer version is a conflict (0026)."""

from __future__ import annotations

from decimal import Decimal

from opkoers.effects.models import TimelineEntry
from opkoers.effects.tests.factories import TimelineEntryFactory


def test_second_save_of_an_entry_gets_the_conflict_page(client_for, member, case, hour):
    entry = TimelineEntryFactory(case=case, price_item=hour)
    edit = f"/trajecten/{case.pk}/effecten/posten/{entry.pk}/wijzigen/"
    data = {"occurred_on": "", "payer": "", "version": "1"}
    first, second = client_for(member), client_for(member)
    assert first.get(edit).status_code == 200
    saved = first.post(edit, {**data, "quantity": "4", "description": "Vier uur tolk"})
    assert saved.status_code == 302
    conflict = second.post(edit, {**data, "quantity": "2", "description": "Twee uur tolk"})
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Vier uur tolk" in html and 'value="Twee uur tolk"' in html
    saved = TimelineEntry.objects.get(pk=entry.pk)
    assert (saved.quantity, saved.description, saved.version) == (
        Decimal("4.00"),
        "Vier uur tolk",
        2,
    )
