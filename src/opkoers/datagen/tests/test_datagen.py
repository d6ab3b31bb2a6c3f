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
from opkoers.cases.models import Case, CaseStatus, CaseTeamMember
from opkoers.core.models import LifeDomain
from opkoers.datagen.clock import Clock
from opkoers.datagen.generator import (
    BENCH_PASSWORD,
    BENCH_USERNAME,
    Size,
    allocate,
    signature,
    skeleton,
)
from opkoers.datagen.people import Person, TeamPeople
from opkoers.datagen.policies import PriceRow, team_requires_approval
from opkoers.datagen.rows import CaseMaker
from opkoers.datagen.schema import LAYOUT
from opkoers.datagen.tables import Table
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


@pytest.mark.django_db
def test_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="productie"):
        call_command("generate_data", cases=2, no_progress=True, stdout=StringIO())
    assert not Case.objects.exists()


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
        rules=["e" * 32, "f" * 32],
        price_items=[
            PriceRow("a" * 32, "Uur professional (teamtijd)", "per uur", 7500, "gemeente"),
            PriceRow("b" * 32, "Bijstandsuitkering", "per maand", 160_000, "gemeente"),
            PriceRow("c" * 32, "Spoedeisende hulp", "per bezoek", 30_000, "zorgverzekeraar"),
        ],
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
    """verify_audit must pass on a generated data set (the generator chains its rows as
    the sequencer would), and the sequencer extends the same chain afterwards."""
    from opkoers.audit.models import AuditAction
    from opkoers.audit.sequencer import sequence_pending
    from opkoers.audit.services import record
    from opkoers.audit.verify import verify_chain

    assert AuditEvent.objects.count() >= CASES * AUDIT_PER_CASE
    assert verify_chain(chunk_size=50).ok
    with transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="case.view")
    sequence_pending()
    verdict = verify_chain(chunk_size=50)
    assert verdict.ok and verdict.checked == AuditEvent.objects.count()


# --- the later features: consent, budgets, deviations, effects ---------------------------

MORE_CASES = 500


@pytest.fixture
def generated_more(db):
    """Enough cases that the features with small shares (budgets, deviations) get rows."""
    call_command(
        "generate_data",
        cases=MORE_CASES,
        actions_per_case=2,
        audit_rows_per_case=1,
        no_progress=True,
        stdout=StringIO(),
    )


@pytest.mark.slow
def test_the_later_features_get_rows(generated_more):
    from opkoers.budgets.models import BudgetPot, BudgetRequest, TeamBudgetPolicy
    from opkoers.consent.models import ConsentVersion, LegalBasis
    from opkoers.deviations.models import Deviation, Rule, TeamDeviationPolicy
    from opkoers.effects.models import TimelineEntry

    teams = Case.objects.values("team").distinct().count()
    assert TeamBudgetPolicy.objects.count() == TeamDeviationPolicy.objects.count() == teams
    this_year = timezone.now().year
    assert BudgetPot.objects.filter(year=this_year).count() == teams
    assert BudgetPot.objects.filter(year=this_year - 1).count() == teams
    assert Rule.objects.count() >= 10
    past_intake = Case.objects.exclude(status=CaseStatus.REGISTERED).count()
    with_consent = Resident.objects.filter(consent_versions__isnull=False).distinct().count()
    assert 0.75 * past_intake < with_consent <= past_intake
    assert ConsentVersion.objects.filter(is_current=False).exists()
    assert ConsentVersion.organisations.through.objects.count() > with_consent
    assert LegalBasis.objects.exists()
    assert BudgetRequest.objects.exists()
    assert Deviation.objects.exists()
    assert TimelineEntry.objects.filter(conversation__isnull=False).exists()
    assert TimelineEntry.objects.filter(timeline="referentie").exists()


@pytest.mark.slow
def test_consent_versions_are_consistent(generated_more):
    from opkoers.consent.models import ConsentVersion

    # Registered cases are in the referral phase: no consent yet.
    registered = Case.objects.filter(status=CaseStatus.REGISTERED).values("resident")
    assert registered.exists()
    assert not ConsentVersion.objects.filter(resident__in=registered).exists()
    versions = list(ConsentVersion.objects.values_list("resident", "number", "is_current"))
    per_resident: dict[object, list[tuple[int, bool]]] = {}
    for resident, number, current in versions:
        per_resident.setdefault(resident, []).append((number, current))
    for rows in per_resident.values():
        rows.sort()
        assert [n for n, _c in rows] == list(range(1, len(rows) + 1))
        assert [c for _n, c in rows] == [False] * (len(rows) - 1) + [True]
    assert not ConsentVersion.objects.filter(valid_until__lt=models.F("given_on")).exists()
    assert not ConsentVersion.objects.filter(given_on__gt=timezone.localdate()).exists()
    assert not ConsentVersion.objects.filter(organisations__isnull=True).exists()


@pytest.mark.slow
def test_the_bench_user_is_covered_on_most_of_its_cases(generated_more):
    from opkoers.cases.access import personal_data_ids
    from opkoers.consent.models import ConsentVersion

    bench = User.objects.get(username=BENCH_USERNAME)
    mine = Case.objects.filter(team_members__user=bench)
    ids = [str(pk) for pk in mine.values_list("pk", flat=True)]
    open_ids = {
        str(pk) for pk in mine.exclude(status=CaseStatus.CLOSED).values_list("pk", flat=True)
    }
    assert len(ids) > 50 and len(open_ids) > 30
    covered = personal_data_ids(bench, ids)
    # Consent expires about a year after it was given, so old closed cases lose it.
    assert len(covered) > 0.6 * len(ids)
    assert len(covered & open_ids) > 0.85 * len(open_ids)
    # By consent, not by the referral phase: the organisation is in the current version.
    by_consent = (
        Case.objects.filter(pk__in=open_ids)
        .filter(
            resident__consent_versions__in=ConsentVersion.objects.valid_on(timezone.localdate()),
            resident__consent_versions__organisations=bench.organisation_id,
        )
        .distinct()
        .count()
    )
    assert by_consent > 0.7 * len(open_ids)


@pytest.mark.slow
def test_budget_requests_follow_the_rules(generated_more):
    from opkoers.budgets.models import COMMITTED_STATUSES, BudgetRequest, RequestStatus

    requests = list(BudgetRequest.objects.select_related("case", "goal"))
    assert len({r.status for r in requests}) >= 4
    for request in requests:
        assert request.goal.case_id == request.case_id
        assert request.team_id == request.case.team_id
        assert request.decided_by_id != request.requested_by_id
        assert (request.decided_by_id is None) == (request.decided_at is None)
        if request.decided_at is not None:
            assert request.decided_at > request.requested_at
        assert (request.pot_year is not None) == (request.status in COMMITTED_STATUSES)
        assert (request.paid_on is not None) == (request.status == RequestStatus.PAID)
        assert request.requested_at <= timezone.now()
        assert 0 < request.amount <= 2500


@pytest.mark.slow
def test_deviations_follow_the_team_setting(generated_more):
    from opkoers.deviations.models import Deviation, DeviationStatus

    deviations = list(Deviation.objects.select_related("team__deviation_policy"))
    assert deviations
    for deviation in deviations:
        registered = deviation.status == DeviationStatus.REGISTERED
        assert registered == (not deviation.team.deviation_policy.approval_required)
        assert deviation.approved_by_id != deviation.registered_by_id
        decided = deviation.status in (DeviationStatus.APPROVED, DeviationStatus.REJECTED)
        assert (deviation.approved_by_id is not None) == decided
        if deviation.status == DeviationStatus.REJECTED:
            assert deviation.rejection_reason


@pytest.mark.slow
def test_effect_amounts_are_quantity_times_unit_price(generated_more):
    from opkoers.effects.models import TimelineEntry

    entries = list(TimelineEntry.objects.select_related("price_item"))
    assert entries
    for entry in entries:
        assert entry.amount == entry.quantity * entry.unit_price
        assert entry.unit_price == entry.price_item.price
        assert entry.payer == entry.price_item.payer


def test_the_later_features_have_their_shares():
    out = _make(3000, 5)
    past_intake = sum(1 for row in out["case"] if row[6] != CaseStatus.REGISTERED)
    residents = {row[3] for row in out["consent"]}
    assert 0.85 * past_intake < len(residents) < 0.95 * past_intake
    current = [row for row in out["consent"] if row[5]]
    assert len(current) == len(residents)
    withdrawn = sum(1 for row in current if row[12] is not None)  # withdrawn_on
    assert 0.01 * len(current) < withdrawn < 0.06 * len(current)
    with_goals = len({row[2] for row in out["goal"]})
    requesting = len({row[3] for row in out["budget_request"]})
    assert 0.06 * with_goals < requesting < 0.14 * with_goals
    assert all(row[13] != row[11] for row in out["budget_request"])  # four eyes
    assert out["deviation"] and out["effect"] and out["legal_basis"]
    # Team 3 registers its deviations without approval; the others ask the project leader.
    assert not team_requires_approval(3) and team_requires_approval(0)
    for row in out["deviation"]:
        registered = row[12] == "geregistreerd"
        assert registered == (row[4] == f"{3:032x}")
