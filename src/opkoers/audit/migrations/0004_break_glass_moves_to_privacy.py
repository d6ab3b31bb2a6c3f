"""Break-glass now belongs to the privacy app (privacy 0001 takes over the table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_keyed_chain_and_sequencer"),
        ("privacy", "0001_break_glass_from_audit"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="BreakGlassAccess")],
            database_operations=[],
        ),
    ]
