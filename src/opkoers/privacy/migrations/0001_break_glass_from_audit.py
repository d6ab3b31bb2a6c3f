"""Break-glass moves from the audit app to this one. The table stays where it is (its
name is kept in Meta.db_table): only Django's idea of which app owns it changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import opkoers.privacy.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("audit", "0002_hash_chain_and_break_glass"),
        ("cases", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BreakGlassAccess",
                    fields=[
                        ("id", models.BigAutoField(primary_key=True, serialize=False)),
                        ("reason", models.TextField(verbose_name="reden")),
                        (
                            "started_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="geopend op"),
                        ),
                        (
                            "expires_at",
                            models.DateTimeField(
                                default=opkoers.privacy.models.default_break_glass_expiry,
                                verbose_name="verloopt op",
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="break_glass_accesses",
                                to="cases.case",
                                verbose_name="traject",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="break_glass_accesses",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="medewerker",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "noodtoegang",
                        "verbose_name_plural": "noodtoegangen",
                        "ordering": ["-started_at", "-id"],
                        "db_table": "audit_breakglassaccess",
                        "indexes": [
                            models.Index(
                                fields=["user", "case", "expires_at"], name="breakglass_user_case"
                            ),
                            models.Index(fields=["-started_at", "-id"], name="breakglass_started"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
