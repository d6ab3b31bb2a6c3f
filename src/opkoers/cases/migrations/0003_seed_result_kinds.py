"""Seed the result kinds from the Op Koers factsheet (Houten). They are data, not code:
the functional admin renames, reorders, deactivates or adds kinds afterwards, so this
migration only adds a name that is not there yet and never overwrites an edit."""

from django.db import migrations

# (name, life domain, order)
RESULT_KINDS = [
    ("Uitkering geregeld", "financien", 10),
    ("Urgentie afgegeven", "huisvesting", 20),
    ("Noodhuisvesting", "huisvesting", 30),
    ("Eigen (huur)woning", "huisvesting", 40),
    ("Ouderschapsplan gerealiseerd", "huiselijke_relaties", 50),
    ("Contact met hulporganisatie", "huiselijke_relaties", 60),
    ("Werk gevonden", "werk_opleiding", 70),
    ("Ondersteuning bij zoeken werk", "werk_opleiding", 80),
    ("Schuldhulp gestart", "financien", 90),
    ("Financieel overzicht gemaakt", "financien", 100),
    ("Zorg of behandeling gestart", "geestelijke_gezondheid", 110),
    ("Opleiding of school hervat", "werk_opleiding", 120),
    ("Mantelzorg of netwerk versterkt", "sociaal_netwerk", 130),
]


def seed(apps, schema_editor):
    ResultKind = apps.get_model("cases", "ResultKind")
    for name, domain, order in RESULT_KINDS:
        ResultKind.objects.get_or_create(
            name=name, defaults={"domain": domain, "order": order, "active": True}
        )


def unseed(apps, schema_editor):
    ResultKind = apps.get_model("cases", "ResultKind")
    CaseResult = apps.get_model("cases", "CaseResult")
    used = CaseResult.objects.values("kind_id")
    ResultKind.objects.filter(name__in=[n for n, _d, _o in RESULT_KINDS]).exclude(
        pk__in=used
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_closure_evaluation_and_stop_reason"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
