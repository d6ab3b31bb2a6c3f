"""Fictional demo entries for the effects calculator, loaded by demo/data.py.

The deaf man newly arrived with diabetes and debts is the seeds' worked example of the
effects calculator: both timelines are filled in with the actions the seeds list. The
closed case gets a smaller set, so that the aggregate page has a figure to show.
Idempotent: a case that already has entries is left alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from opkoers.accounts.models import User
from opkoers.cases.models import Case
from opkoers.effects.models import PriceItem, Timeline, TimelineEntry
from opkoers.effects.services import add_entry, propose_team_time

IN, REF = Timeline.INTERVENTION, Timeline.REFERENCE

# timeline, price item, quantity, days ago (None: no date), note
DEAF_MAN: list[tuple[str, str, str, int | None, str]] = [
    (IN, "Tolk of vertaling (GGD)", "2", 24, "Tolk bij het eerste gesprek"),
    (IN, "Aanvraag uitkering (behandeling)", "1", 20, "Uitkering aangevraagd met tolk"),
    (IN, "Financieel overzicht en stabilisatie", "1", 15, "Alle brieven in kaart"),
    (IN, "Cursus Nederlandse Gebarentaal", "1", 12, "Basiscursus NGT"),
    (IN, "Tolk of vertaling (GGD)", "2", 10, "Tolk bij het vervolggesprek"),
    (IN, "Jobcoach (begeleiding bij werk)", "24", None, "Jobcoach voor doven, half jaar"),
    (IN, "Beoordeling arbeidsvermogen (UWV)", "1", None, "Aangevraagd door de werkcoach"),
    (IN, "Mantelzorgondersteuning", "6", None, "Ondersteuning voor de broer als mantelzorger"),
    (IN, "Bijstandsuitkering", "6", None, "Tot hij werk heeft, naar verwachting een half jaar"),
    (REF, "Uur professional (teamtijd)", "12", None, "Doorverwijzen tussen loketten"),
    (REF, "Incasso- en gerechtskosten", "6", None, "Onbetaalde rekeningen lopen op"),
    (REF, "Schuldhulpverleningstraject", "1", None, "Later, met hogere schulden"),
    (REF, "Ziekenhuisopname (ontregelde diabetes)", "1", None, "Diabetes blijft ontregeld"),
    (REF, "Spoedeisende hulp", "2", None, ""),
    (REF, "Respijtzorg voor een overbelaste mantelzorger", "10", None, "Broer raakt overbelast"),
    (REF, "Maatschappelijke opvang / nachtopvang", "3", None, "Spanningen thuis: moet weg"),
    (REF, "Crisisopvang GGZ", "3", None, ""),
    (REF, "Bijstandsuitkering", "18", None, "Langer afhankelijk zonder jobcoach en NGT"),
]

CLOSED: list[tuple[str, str, str, int | None, str]] = [
    (IN, "Uur professional (teamtijd)", "4", 50, "Nabellen en overleg buiten de gesprekken"),
    (IN, "Aanvraag uitkering (behandeling)", "1", 55, ""),
    (IN, "Maatwerkbudget Op Koers", "450", 50, "Borg en inrichting"),
    (IN, "Bijstandsuitkering", "6", None, "Tot hij werk heeft"),
    (REF, "Maatschappelijke opvang / nachtopvang", "6", None, "Blijft in de nachtopvang"),
    (REF, "Bijstandsuitkering", "12", None, "Uitkering komt later en duurt langer"),
    (REF, "Incasso- en gerechtskosten", "4", None, ""),
    (REF, "Spoedeisende hulp", "2", None, ""),
]


def _fill(case: Case, by: User, rows: list[tuple[str, str, str, int | None, str]]) -> None:
    if TimelineEntry.objects.filter(case=case).exists():
        return
    items = {item.name: item for item in PriceItem.objects.filter(active=True)}
    today = timezone.localdate()
    for timeline, name, quantity, days_ago, note in rows:
        item = items.get(name)
        if item is None:  # the admin renamed or deactivated it: skip, never fail the demo
            continue
        add_entry(
            case=case,
            by=by,
            timeline=timeline,
            price_item=item,
            quantity=Decimal(quantity),
            occurred_on=today - dt.timedelta(days=days_ago) if days_ago is not None else None,
            description=note,
        )
    # Team time for the conversations held, as the "Voorstel uit het traject" button does.
    propose_team_time(case=case, by=by)


def load_effects_demo(*, team_name: str) -> None:
    by = User.objects.filter(username="mila").first()
    if by is None:
        return
    for last_name, rows in (("Statia", DEAF_MAN), ("Dijkhuis", CLOSED)):
        case = Case.objects.filter(team__name=team_name, resident__last_name=last_name).first()
        if case is not None:
            _fill(case, by, rows)
