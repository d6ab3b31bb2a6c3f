"""The default price list, so that a fresh installation (and `make run`) has one. Every
price is an indicative estimate the functional admin replaces with local figures."""

import uuid

from django.db import migrations


def load(apps, schema_editor):
    from opkoers.effects.default_price_list import default_items

    PriceItem = apps.get_model("effects", "PriceItem")
    existing = set(PriceItem.objects.values_list("name", flat=True))
    PriceItem.objects.bulk_create(
        [PriceItem(id=uuid.uuid4(), **item) for item in default_items() if item["name"] not in existing]
    )


class Migration(migrations.Migration):
    dependencies = [("effects", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
