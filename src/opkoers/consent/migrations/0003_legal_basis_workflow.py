"""Legal basis becomes a decision (docs/decisions/0019-legal-basis-workflow.md).

An existing free-text row cannot be mapped safely to a statutory basis, so it becomes an
ENDED basis without a statutory basis: it keeps its text (as the motivation), its
organisation and who recorded it, and it no longer grants access. A team that still
needs it requests a basis from the list, and a second person decides."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

END_REASON = (
    "Overgezet bij de invoering van goedkeuring: vrije tekst zonder grondslag uit de "
    "lijst. Vraag zo nodig een grondslag uit de lijst aan."
)


def free_text_to_ended(apps, schema_editor):
    LegalBasis = apps.get_model("consent", "LegalBasis")
    now = timezone.now()
    rows = list(LegalBasis.objects.all().only("id", "law", "requested_on"))
    for row in rows:
        row.motivation = row.law
        row.basis = ""
        row.status = "beeindigd"
        row.starts_on = row.requested_on
        row.ends_on = row.requested_on
        row.ended_at = now
        row.end_reason = END_REASON
    LegalBasis.objects.bulk_update(
        rows,
        ["motivation", "basis", "status", "starts_on", "ends_on", "ended_at", "end_reason"],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0001_initial"),
        ("consent", "0002_fk_indexes_covered_by_composites"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="legalbasis", name="legalbasis_unique"),
        migrations.RenameField(
            model_name="legalbasis", old_name="recorded_by", new_name="requested_by"
        ),
        migrations.RenameField(
            model_name="legalbasis", old_name="recorded_on", new_name="requested_on"
        ),
        migrations.AlterField(
            model_name="legalbasis",
            name="requested_on",
            field=models.DateField(verbose_name="aangevraagd op"),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="basis",
            field=models.CharField(
                blank=True,
                choices=[
                    ("wmo_onderzoek", "Wmo 2015: onderzoek en maatschappelijke ondersteuning"),
                    ("jeugdwet", "Jeugdwet: toeleiding naar en bepalen van jeugdhulp"),
                    ("participatiewet", "Participatiewet: bijstand en arbeidsinschakeling"),
                    ("wgs_schuldhulp", "Wet gemeentelijke schuldhulpverlening: schuldhulp"),
                    (
                        "wgs_vroegsignalering",
                        "Wet gemeentelijke schuldhulpverlening: vroegsignalering",
                    ),
                ],
                max_length=32,
                verbose_name="wettelijke grondslag",
            ),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="motivation",
            field=models.TextField(default="", verbose_name="motivering"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="status",
            field=models.CharField(
                choices=[
                    ("aangevraagd", "Aangevraagd"),
                    ("goedgekeurd", "Goedgekeurd"),
                    ("afgewezen", "Afgewezen"),
                    ("beeindigd", "Beëindigd"),
                ],
                default="aangevraagd",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="starts_on",
            field=models.DateField(null=True, verbose_name="geldig vanaf"),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="ends_on",
            field=models.DateField(null=True, verbose_name="geldig tot en met"),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="decided_by_role",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="decision_note",
            field=models.TextField(blank=True, verbose_name="toelichting bij het besluit"),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="ended_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="ended_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="end_reason",
            field=models.TextField(blank=True, verbose_name="reden van beëindigen"),
        ),
        migrations.RunPython(free_text_to_ended, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="legalbasis",
            name="starts_on",
            field=models.DateField(verbose_name="geldig vanaf"),
        ),
        migrations.AlterField(
            model_name="legalbasis",
            name="ends_on",
            field=models.DateField(verbose_name="geldig tot en met"),
        ),
        migrations.RemoveField(model_name="legalbasis", name="law"),
        migrations.AlterField(
            model_name="legalbasis",
            name="case",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="legal_bases",
                to="cases.case",
            ),
        ),
        migrations.AlterModelOptions(
            name="legalbasis",
            options={
                "ordering": ["case", "organisation__name", "-requested_on"],
                "verbose_name": "wettelijke grondslag",
                "verbose_name_plural": "wettelijke grondslagen",
            },
        ),
        migrations.AddConstraint(
            model_name="legalbasis",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ("aangevraagd", "goedgekeurd"))),
                fields=("case", "organisation"),
                name="legalbasis_one_open",
            ),
        ),
        migrations.AddConstraint(
            model_name="legalbasis",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="legalbasis_ends_after_start",
            ),
        ),
        migrations.AddIndex(
            model_name="legalbasis",
            index=models.Index(fields=["case", "organisation"], name="legalbasis_case_org"),
        ),
        migrations.AddIndex(
            model_name="legalbasis",
            index=models.Index(
                condition=models.Q(("status__in", ("aangevraagd", "goedgekeurd"))),
                fields=["status", "ends_on"],
                name="legalbasis_open",
            ),
        ),
    ]
