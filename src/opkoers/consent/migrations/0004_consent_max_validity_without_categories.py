"""Consent runs at most OPKOERS["CONSENT_MAX_VALIDITY_DAYS"] days (two years by
default): existing versions that ran longer end on given_on + that maximum. The data
categories go: nothing enforced them, and Op Koers's one consent covers the team's whole
way of working (docs/decisions/0019-legal-basis-workflow.md)."""

import datetime

from django.conf import settings
from django.db import migrations


def clamp_valid_until(apps, schema_editor):
    ConsentVersion = apps.get_model("consent", "ConsentVersion")
    days = int(settings.OPKOERS.get("CONSENT_MAX_VALIDITY_DAYS", 730))
    longest = datetime.timedelta(days=days)
    changed = []
    for version in ConsentVersion.objects.only("id", "given_on", "valid_until").iterator(
        chunk_size=2000
    ):
        if version.valid_until - version.given_on > longest:
            version.valid_until = version.given_on + longest
            changed.append(version)
    ConsentVersion.objects.bulk_update(changed, ["valid_until"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("consent", "0003_legal_basis_workflow")]

    operations = [
        migrations.RemoveField(model_name="consentversion", name="categories"),
        migrations.RunPython(clamp_valid_until, migrations.RunPython.noop),
    ]
