from __future__ import annotations

from decimal import Decimal

import factory

from opkoers.effects.models import Payer, PriceItem, Timeline, TimelineEntry


class PriceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriceItem

    name = factory.Sequence(lambda n: f"Testpost {n}")
    unit = "per uur"
    price = Decimal("75.00")
    payer = Payer.MUNICIPALITY
    source = "Testbron (indicatief)"
    year = 2023


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    """Writes rows directly, for data volume in query-count tests; behaviour tests go
    through services.add_entry."""

    class Meta:
        model = TimelineEntry

    timeline = Timeline.INTERVENTION
    price_item = factory.SubFactory(PriceItemFactory)
    quantity = Decimal("1.00")
    unit_price = factory.SelfAttribute("price_item.price")
    amount = factory.LazyAttribute(lambda o: o.quantity * o.unit_price)
    payer = factory.SelfAttribute("price_item.payer")
    created_by = factory.SelfAttribute("case.registered_by")
