"""The benchmark data generator: consistent counts, every NOT NULL column filled,
foreign keys that point somewhere, a werkvoorraad with work, and the same data for the
same seed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import models, transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from opkoers.accounts.models import User
from opkoers.audit.models import AuditEvent
from opkoers.cases.datagen import (
    BENCH_PASSWORD,
    BENCH_USERNAME,
    Size,
    allocate,
    signature,
    skeleton,
)
from opkoers.cases.datagen.clock import Clock
from opkoers.cases.datagen.people import Person, TeamPeople
from opkoers.cases.datagen.rows import CaseMaker
from opkoers.cases.datagen.schema import LAYOUT
from opkoers.cases.datagen.tables import Table
from opkoers.cases.models import Case, CaseStatus, CaseTeamMember
from opkoers.core.models import LifeDomain
from opkoers.plans.models import OPEN_ACTION_STATUSES, Action, Goal
from opkoers.residents.models import Resident

CASES, ACTIONS_PER_CASE, AUDIT_PER_CASE = 40, 5, 7


@pytest.fixture
def generated(db):
    out = StringIO()
    call_command(
        "generate_data",
        cases=CASES,
        actions_per_case=ACTIONS_PER_CASE,
        audit_rows_per_case=AUDIT_PER_CASE,
        no_progress=True,
        stdout=out,
    )
    return out.getvalue()


@pytest.mark.slow
def test_counts_are_consistent(generated):
    assert Case.objects.count() == Resident.objects.count() == CASES
    assert Action.objects.count() == CASES * ACTIONS_PER_CASE
    assert AuditEvent.objects.count() == CASES * AUDIT_PER_CASE
    assert f"{CASES} trajecten gegenereerd" in generated
    # Every case has exactly one contact person, with a backup who is someone else.
    contacts = CaseTeamMember.objects.filter(is_contact_person=True)
    assert contacts.values("case").distinct().count() == CASES == contacts.count()
    assert not contacts.filter(backup__isnull=True).exists()
    # Actions only where there is a plan; audit rows only about generated cases.
    assert set(Action.objects.values_list("case_id", flat=True)) <= set(
        Goal.objects.values_list("case_id", flat=True)
    )
    assert set(AuditEvent.objects.values_list("case_id", flat=True)) <= set(
        Case.objects.values_list("pk", flat=True)
    )
    # Milestones follow the step: closed cases have closed_at, open ones do not.
    assert not Case.objects.filter(status=CaseStatus.CLOSED, closed_at__isnull=True).exists()
    assert (
        not Case.objects.exclude(status=CaseStatus.CLOSED).filter(closed_at__isnull=False).exists()
    )
    assert not Case.objects.filter(registered_at__gt=timezone.now()).exists()


@pytest.mark.slow
def test_bench_user_can_log_in_and_has_cases(generated):
    bench = User.objects.get(username=BENCH_USERNAME)
    assert bench.is_active and bench.check_password(BENCH_PASSWORD)
    team = bench.teams.get()
    team_cases = Case.objects.filter(team=team).count()
    mine = CaseTeamMember.objects.filter(user=bench, is_contact_person=True).count()
    assert mine >= team_cases // 6  # well above the average share of 1 in 12
    assert bench.job_title == signature(Size(CASES, ACTIONS_PER_CASE, AUDIT_PER_CASE), 2026)


@pytest.mark.slow
def test_every_foreign_key_points_at_a_row(generated):
    for _key, model, _fields in LAYOUT:
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.related_model
            assert isinstance(target, type)
            orphans = (
                model._default_manager.filter(**{f"{field.name}__isnull": False})
                .exclude(**{f"{field.name}__in": target._default_manager.values("pk")})
                .count()
            )
            assert orphans == 0, f"{model.__name__}.{field.name}"


@pytest.mark.slow
def test_refuses_a_database_that_already_has_bench_data(generated):
    with pytest.raises(CommandError):
        call_command("generate_data", cases=2, no_progress=True, stdout=StringIO())


def test_a_not_null_column_without_default_stops_the_generator():
    with pytest.raises(ImproperlyConfigured, match=r"cases_case\.team_id"):
        Table(Case, ["id", "resident"], now=timezone.now())


def test_columns_left_out_get_their_defaults():
    table = Table(AuditEvent, ["at", "action", "code"], now=timezone.now())
    tail = dict(zip(table.columns[table.width :], table.tail, strict=True))
    assert tail["detail"] == "{}" and tail["purpose"] == "" and tail["case_id"] is None
    assert "id" not in table.columns  # the database numbers audit rows


@given(st.integers(0, 10_000), st.lists(st.floats(0, 10), min_size=1, max_size=50))
def test_allocate_hands_out_exactly_the_total(total, weights):
    parts = allocate(total, weights)
    assert len(parts) == len(weights)
    assert sum(parts) == (total if sum(weights) > 0 else 0)
    assert all(p >= 0 for p in parts)
    assert all(p == 0 for p, w in zip(parts, weights, strict=True) if w == 0)


def _make(n: int, seed: int) -> dict[str, list[tuple]]:
    """Rows for n cases in memory, without a database."""
    rng = random.Random(seed)
    now = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)
    clock = Clock(now, now.date())
    teams = [
        TeamPeople(
            id=f"{t:032x}",
            members=[
                Person(t * 100 + p, f"{p:032x}", "professional", "Werkcoach") for p in range(12)
            ],
        )
        for t in range(4)
    ]
    plans = skeleton(Size(cases=n), rng)
    maker = CaseMaker(
        rng=rng,
        clock=clock,
        teams=teams,
        bench=teams[0].members[0],
        result_kinds=["k" * 32],
        audit_prev="0" * 64,
    )
    out: dict[str, list[tuple]] = {key: [] for key, _m, _f in LAYOUT}
    for i in range(n):
        maker.make(i, plans[i], out)
    return out


def test_same_seed_same_data_other_seed_other_data():
    first, again, other = _make(50, 1), _make(50, 1), _make(50, 2)
    assert first == again
    assert first["case"] != other["case"]


def test_rows_fit_their_tables():
    out = _make(50, 3)
    tables = {key: Table(model, fields, now=timezone.now()) for key, model, fields in LAYOUT}
    for key, rows in out.items():
        assert all(len(row) == tables[key].width for row in rows), key


def test_the_werkvoorraad_has_work_today():
    out = _make(3000, 4)
    today, week = "2026-03-04", ("2026-03-04", "2026-03-11")
    case_status = {row[0]: row[6] for row in out["case"]}
    assert set(case_status.values()) == set(CaseStatus.values)
    assert {row[1] for row in out["case_domain"]} == set(LifeDomain.values)
    open_statuses = set(OPEN_ACTION_STATUSES)
    overdue = [a for a in out["action"] if a[10] in open_statuses and a[9] < today]
    assert len(overdue) > 100
    due_today = [f for f in out["follow_up"] if f[6] == today and f[7] == "open"]
    assert len(due_today) > 10
    planned = [
        c for c in out["conversation"] if c[6] == "gepland" and week[0] <= c[7][:10] <= week[1]
    ]
    assert len(planned) > 100
    # The bench user (first member of the first team) is contact person on a fair share.
    bench_contact = [m for m in out["case_member"] if m[2] == 0 and m[4]]
    first_team_cases = len(out["case"]) // 4
    assert len(bench_contact) > first_team_cases * 0.2
    # Nothing in the future that cannot be: registrations and held conversations.
    now = "2026-03-04 10:30:00"
    assert all(row[7] <= now for row in out["case"])
    assert all(c[12] is None or c[12] <= now for c in out["conversation"])


def test_clock_formats_like_the_database_expects():
    now = datetime(2026, 3, 4, 10, 30, 15, tzinfo=UTC)
    clock = Clock(now, now.date())
    assert clock.ts(clock.now) == "2026-03-04 10:30:15"
    assert clock.day(clock.today) == "2026-03-04"
    assert clock.ts(clock.now - 86_400 * 2) == (now - timedelta(days=2)).strftime(
        "%Y-%m-%d %H:%M:%S"
    )


def test_generated_audit_rows_carry_an_intact_hash_chain(generated):
    """verify_audit must pass on a generated data set, and a write after it extends the
    same chain."""
    from opkoers.audit.models import AuditAction
    from opkoers.audit.services import record
    from opkoers.audit.verify import verify_chain

    assert AuditEvent.objects.count() >= CASES * AUDIT_PER_CASE
    assert verify_chain(chunk_size=50).ok
    with transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="test.after_generation")
    assert verify_chain(chunk_size=50).ok
