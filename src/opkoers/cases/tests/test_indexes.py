"""Every filter of the werkvoorraad and the case list is backed by an index, and on
PostgreSQL the name and reference search can use the trigram indexes."""

from __future__ import annotations

import pytest
from django.db import connection

from opkoers.cases.models import Case
from opkoers.residents.models import Resident


def index_column_lists(table: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("table", "leading_columns"),
    [
        ("cases_case", ["team_id", "registered_at"]),  # list default, new registrations
        ("cases_case", ["team_id", "status"]),  # step filter, intake queue
        ("cases_case", ["team_id", "reference"]),  # sort by reference
        ("cases_casedomain", ["domain", "case_id"]),  # life-domain filter
        ("cases_casedomain", ["case_id", "domain"]),
        ("cases_caseteammember", ["case_id", "user_id"]),  # contact person, "mine"
        ("cases_caseteammember", ["user_id", "case_id"]),  # conversations for cases I'm on
        ("accounts_teammembership", ["user_id", "team_id"]),  # visible_to
        ("plans_action", ["owner_user_id", "due_date"]),  # my open actions
        ("plans_action", ["case_id", "status", "due_date"]),  # overdue actions per case
        ("meetings_followupcall", ["assigned_to_id", "due_date"]),  # my calls
        ("meetings_conversation", ["status", "scheduled_at"]),  # planned this week
        ("meetings_conversation", ["case_id", "scheduled_at"]),  # last held conversation
    ],
)
def test_filter_is_backed_by_an_index(table, leading_columns):
    assert any(
        columns[: len(leading_columns)] == leading_columns for columns in index_column_lists(table)
    ), f"no index on {table}({', '.join(leading_columns)})"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL")
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (
            lambda: Resident.objects.filter(search_name__contains="amira"),
            "resident_search_name_trgm",
        ),
        (lambda: Case.objects.filter(reference__contains="7QK"), "case_reference_trgm"),
    ],
)
def test_search_pattern_can_use_the_trigram_index(queryset, index):
    """The SQL Django generates (`col::text LIKE '%…%'`) must match the index; with
    plain scans switched off the planner only has the trigram index left."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    assert index in queryset().explain()
