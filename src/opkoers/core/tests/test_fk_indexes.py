"""Every foreign key column leads some index: deleting or protecting a parent row, and
every join from the parent's side, must not scan the child table. A foreign key may drop
its own automatic index (`db_index=False`) only when a composite index (or a unique
constraint) already starts with its column; this test keeps that promise."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection, models


def _leading_columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        c["columns"][0]
        for c in constraints.values()
        if (c["index"] or c["unique"]) and c["columns"]
    }


def _foreign_keys() -> list[tuple[str, str]]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("opkoers.") or not model._meta.managed:
            continue
        for field in model._meta.local_fields:
            if isinstance(field, models.ForeignKey):
                found.append((model._meta.db_table, field.column))
    return found


@pytest.mark.django_db
def test_every_foreign_key_leads_an_index():
    missing = [
        f"{table}.{column}"
        for table, column in _foreign_keys()
        if column not in _leading_columns(table)
    ]
    assert missing == []
