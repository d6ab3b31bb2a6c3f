"""Every figure of the factsheet on generated data, against a plain-Python recomputation
over the ORM objects: a second, independent way to the same numbers (no aggregates, no
SQL date arithmetic, `statistics.quantiles` for the percentiles)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from opkoers.accounts.models import Team
from opkoers.cases.models import (
    AssessmentMoment,
    Case,
    CaseDomain,
    CaseResult,
    CaseTeamMember,
    Channel,
    DomainAssessment,
    ResultKind,
)
from opkoers.core.models import LifeDomain
from opkoers.meetings.models import Conversation, ConversationKind, FollowUpCall
from opkoers.plans.models import Action, Goal
from opkoers.reports.selectors import ReportScope, factsheet
from opkoers.reports.tests.helpers import figure, numbers

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CASES = 300


def pct(numerator: int, basis: int) -> Decimal | None:
    if not basis:
        return None
    return (Decimal(numerator) * 100 / basis).quantize(Decimal("1"), ROUND_HALF_UP)


def tenth(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@pytest.fixture
def generated(db):
    call_command(
        "generate_data",
        cases=CASES,
        actions_per_case=4,
        audit_rows_per_case=1,
        no_progress=True,
        stdout=StringIO(),
    )


def _scope(teams):
    today = timezone.localdate()
    return ReportScope(teams=teams, start=today - dt.timedelta(days=400), end=today, today=today)


def _in(value, scope):
    return value is not None and scope.since <= value < scope.until


def expected(scope: ReportScope) -> dict:
    team_ids = set(scope.teams.values_list("pk", flat=True))
    cases = [c for c in Case.objects.all() if c.team_id in team_ids]
    ids = {c.pk for c in cases}
    registered = [c for c in cases if _in(c.registered_at, scope)]
    closed = [c for c in cases if c.status == "afgesloten" and _in(c.closed_at, scope)]
    closed_ids = {c.pk for c in closed}
    active = {
        c.pk
        for c in cases
        if c.registered_at < scope.until and (c.closed_at is None or c.closed_at >= scope.since)
    }
    out: dict = {}
    out["registered"] = len(registered)
    out["running"] = sum(
        1
        for c in cases
        if c.registered_at < scope.until and (c.closed_at is None or c.closed_at >= scope.until)
    )
    out["closed"] = len(closed)
    channels = Counter(c.channel for c in registered)
    out["channels"] = {
        str(label): [channels[v], pct(channels[v], len(registered))] for v, label in Channel.choices
    }
    reg_ids = {c.pk for c in registered}
    domains = Counter(d.domain for d in CaseDomain.objects.all() if d.case_id in reg_ids)
    out["domains"] = {
        str(label): [domains[v], pct(domains[v], len(registered))]
        for v, label in LifeDomain.choices
    }
    orgs: dict[str, set] = defaultdict(set)
    for m in CaseTeamMember.objects.select_related("user__organisation"):
        if m.case_id in active and m.user.organisation:
            orgs[m.user.organisation.name].add(m.case_id)
    out["organisations"] = {name: [len(v)] for name, v in orgs.items()}
    held = Counter(
        c.kind
        for c in Conversation.objects.all()
        if c.case_id in ids and c.status == "gehouden" and _in(c.held_at, scope)
    )
    out["conversation_kinds"] = {str(lab): [held[v]] for v, lab in ConversationKind.choices}
    lead = {}
    for lead_label, field in [
        ("Aanmelding → eerste gesprek", "first_conversation_at"),
        ("Aanmelding → Samen1plan", "plan_agreed_at"),
        ("Aanmelding → afsluiten", "closed_at"),
    ]:
        spans = sorted(
            (getattr(c, field) - c.registered_at).total_seconds() / 86400
            for c in cases
            if _in(getattr(c, field), scope) and (field != "closed_at" or c.status == "afgesloten")
        )
        if len(spans) >= 2:
            q1, q2, q3 = statistics.quantiles(spans, n=4, method="inclusive")
            lead[lead_label] = [len(spans), tenth(q2), tenth(q1), tenth(q3)]
        elif spans:
            lead[lead_label] = [1, tenth(spans[0]), tenth(spans[0]), tenth(spans[0])]
        else:
            lead[lead_label] = [0, None, None, None]
    out["lead_times"] = lead
    until_today = min(scope.end, scope.today)
    calls = [
        f
        for f in FollowUpCall.objects.all()
        if f.case_id in ids and scope.start <= f.due_date <= until_today
    ]

    def local_day(moment):
        return timezone.localtime(moment).date()

    on_time = sum(1 for f in calls if f.status == "gedaan" and local_day(f.done_at) <= f.due_date)
    late = sum(1 for f in calls if f.status == "gedaan" and local_day(f.done_at) > f.due_date)
    nr = sum(1 for f in calls if f.status == "niet_bereikt")
    still = sum(1 for f in calls if f.status == "open")
    out["follow_up_calls"] = {
        "Op tijd gebeld": [on_time, pct(on_time, len(calls))],
        "Te laat gebeld": [late, pct(late, len(calls))],
        "Niet bereikt": [nr, pct(nr, len(calls))],
        "Nog niet gebeld": [still, pct(still, len(calls))],
    }
    open_actions = [
        a for a in Action.objects.all() if a.case_id in ids and a.status in ("te_doen", "mee_bezig")
    ]
    overdue = sum(1 for a in open_actions if a.due_date and a.due_date < scope.today)
    out["actions"] = {"Op tijd": [len(open_actions) - overdue], "Over de datum": [overdue]}
    results = Counter(r.kind_id for r in CaseResult.objects.all() if r.case_id in closed_ids)
    out["results"] = {k.name: [results[k.pk]] for k in ResultKind.objects.all() if k.active}
    goals = [g for g in Goal.objects.all() if g.case_id in closed_ids]
    per_domain = {}
    for v, label in LifeDomain.choices:
        mine = [g.outcome for g in goals if g.domain == v]
        assessed = sum(1 for o in mine if o in ("bereikt", "deels", "niet_bereikt"))
        reached = mine.count("bereikt")
        per_domain[str(label)] = [
            pct(reached, assessed),
            assessed,
            reached,
            mine.count("deels"),
            mine.count("niet_bereikt"),
        ]
    out["goals"] = per_domain
    ladder = Counter(
        c.ladder_at_closing - c.ladder_at_intake
        for c in closed
        if c.ladder_at_intake is not None and c.ladder_at_closing is not None
    )
    n = sum(ladder.values())
    out["ladder"] = {(f"{k:+d}" if k else "0"): [v, pct(v, n)] for k, v in ladder.items()}
    scores: dict = {}
    for a in DomainAssessment.objects.all():
        if a.case_id in closed_ids:
            scores[(a.case_id, a.domain, a.moment)] = a.zrm_score
    zrm = {}
    for v, label in LifeDomain.choices:
        pairs = [
            (scores.get((cid, v, AssessmentMoment.INTAKE)), s)
            for (cid, d, m), s in scores.items()
            if d == v and m == AssessmentMoment.CLOSING and s is not None
        ]
        both: list[tuple[int, int]] = [(i, c) for i, c in pairs if i is not None]
        up = sum(1 for i, c in both if c > i)
        zrm[str(label)] = [
            pct(up, len(both)),
            len(both),
            up,
            sum(1 for i, c in both if c == i),
            sum(1 for i, c in both if c < i),
            tenth(statistics.mean(i for i, _c in both)) if both else None,
            tenth(statistics.mean(c for _i, c in both)) if both else None,
        ]
    out["zrm"] = zrm
    return out


def test_every_figure_matches_a_plain_python_recomputation(generated):
    busiest = Counter(Case.objects.values_list("team_id", flat=True)).most_common(1)[0][0]
    for teams in [Team.objects.all(), Team.objects.filter(pk=busiest)]:
        check(_scope(teams))


def check(scope: ReportScope) -> None:
    sheet = factsheet(scope)
    want = expected(scope)
    # The generated data must exercise every figure, or the comparison proves little.
    assert want["registered"] > 20
    assert want["lead_times"]["Aanmelding → afsluiten"][0] > 5
    assert sum(row[1] for row in want["goals"].values()) > 5
    assert sum(row[1] for row in want["zrm"].values()) > 5
    assert sum(v[0] for v in want["follow_up_calls"].values()) > 5
    assert sum(v[0] for v in want["results"].values()) > 5
    assert want["ladder"]
    assert figure(sheet, "Aangemeld in de periode").value == want["registered"]
    assert figure(sheet, "Lopend aan het eind van de periode").value == want["running"]
    assert figure(sheet, "Afgesloten in de periode").value == want["closed"]
    for key in [
        "channels",
        "domains",
        "organisations",
        "conversation_kinds",
        "lead_times",
        "follow_up_calls",
        "actions",
        "results",
        "goals",
        "zrm",
    ]:
        got = numbers(sheet, key)
        if key == "results":
            got = {k: v for k, v in got.items() if k in want[key]}
        assert got == want[key], key
    ladder = {k: v for k, v in numbers(sheet, "ladder").items() if v[0]}
    assert ladder == want["ladder"]
