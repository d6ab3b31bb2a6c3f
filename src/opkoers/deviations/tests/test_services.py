"""The deviation register: who registers and approves, anonymised examples, counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.tests.factories import CaseFactory
from opkoers.deviations import services
from opkoers.deviations.models import DeviationStatus, Rule
from opkoers.deviations.selectors import bottlenecks, case_section, deviations_per_rule
from opkoers.deviations.tests.factories import DeviationFactory, RuleFactory


def register(case, user, rule, **kw):
    values = {
        "what_differently": "Kostendelersnorm niet toegepast tijdens de eerste drie maanden.",
        "why_it_helps": "De zus kan de inwoner opvangen zonder zelf in de problemen te komen.",
        "mandate": "Mandaat college",
        "decided_by": "Projectleider",
        "decided_on": timezone.localdate(),
    }
    values.update(kw)
    return services.register_deviation(case=case, by=user, rule=rule, **values)


def test_register_needs_approval_by_default(open_case, member, rule):
    deviation = register(open_case, member, rule)
    assert deviation.status == DeviationStatus.PENDING
    assert AuditEvent.objects.filter(code="deviation.create", case_id=open_case.pk).exists()


def test_team_may_switch_approval_off(open_case, member, rule, project_leader):
    services.set_approval_required(team=open_case.team, required=False, by=project_leader)
    assert register(open_case, member, rule).status == DeviationStatus.REGISTERED


@pytest.mark.security
def test_only_case_team_registers(open_case, colleague, rule):
    with pytest.raises(PermissionDenied):
        register(open_case, colleague, rule)


def test_required_texts_and_no_future_date(open_case, member, rule):
    with pytest.raises(ValidationError):
        register(open_case, member, rule, why_it_helps=" ")
    with pytest.raises(ValidationError):
        register(open_case, member, rule, decided_on=timezone.localdate() + dt.timedelta(days=1))


@pytest.mark.security
def test_four_eyes_on_deviations(open_case, member, rule, project_leader):
    deviation = register(open_case, member, rule)
    with pytest.raises(PermissionDenied):
        services.approve_deviation(deviation=deviation, by=member)
    services.approve_deviation(deviation=deviation, by=project_leader)
    deviation.refresh_from_db()
    assert deviation.status == DeviationStatus.APPROVED and deviation.approved_by == project_leader
    with pytest.raises(ValidationError):
        services.reject_deviation(deviation=deviation, by=project_leader, reason="toch niet")


def test_reject_needs_reason(open_case, member, rule, project_leader):
    deviation = register(open_case, member, rule)
    with pytest.raises(ValidationError):
        services.reject_deviation(deviation=deviation, by=project_leader, reason="")
    services.reject_deviation(deviation=deviation, by=project_leader, reason="Kan regulier")
    assert case_section(open_case).total == 0


@pytest.mark.security
def test_shared_example_may_not_name_the_resident(open_case, member, rule):
    name = open_case.resident.last_name
    with pytest.raises(ValidationError) as exc:
        register(
            open_case,
            member,
            rule,
            share_as_example=True,
            why_it_helps=f"Mevrouw {name} kan blijven.",
        )
    assert exc.value.code == "identifying"
    # Not shared: the register itself may hold whatever the case team needs.
    register(open_case, member, rule, why_it_helps=f"Mevrouw {name} kan blijven.")


def test_rules_are_found_case_insensitively(member, db):
    first = services.find_or_add_rule(
        name="Kostendelersnorm", regulation="Participatiewet", article="22a", by=member
    )
    again = services.find_or_add_rule(
        name=" kostendelersnorm ", regulation="PARTICIPATIEWET", article="22A", by=member
    )
    assert first == again and Rule.objects.count() == 1


def test_bottlenecks_count_per_rule_and_hide_people(team, other_team, django_assert_num_queries):
    busy, quiet = RuleFactory(name="Wachttijd"), RuleFactory(name="Leeftijdsgrens")
    cases = CaseFactory.create_batch(3, team=team)
    for case in cases:
        DeviationFactory(case=case, rule=busy, share_as_example=True)
    DeviationFactory(case=cases[0], rule=busy, status=DeviationStatus.REJECTED)
    DeviationFactory(case=cases[0], rule=busy, status=DeviationStatus.PENDING)
    DeviationFactory(case=cases[1], rule=quiet)
    DeviationFactory(case=CaseFactory(team=other_team), rule=quiet)
    today = timezone.localdate()
    with django_assert_num_queries(2):
        result = bottlenecks([team], today - dt.timedelta(days=30), today)
    assert [(b.rule["name"], b.rule["deviations"], b.rule["residents"]) for b in result] == [
        ("Wachttijd", 3, 3),
        ("Leeftijdsgrens", 1, 1),
    ]
    assert len(result[0].examples) == 3 and result[1].examples == []
    assert set(result[0].examples[0]) == {"rule_id", "month", "what_differently", "why_it_helps"}


def test_examples_are_capped_per_rule(team):
    rule = RuleFactory()
    for case in CaseFactory.create_batch(5, team=team):
        DeviationFactory(case=case, rule=rule, share_as_example=True)
    today = timezone.localdate()
    assert len(bottlenecks([team], today, today)[0].examples) == 3


def test_factsheet_period_is_inclusive(team):
    rule = RuleFactory()
    today = timezone.localdate()
    DeviationFactory(
        case=CaseFactory(team=team), rule=rule, decided_on=today - dt.timedelta(days=10)
    )
    DeviationFactory(
        case=CaseFactory(team=team), rule=rule, decided_on=today - dt.timedelta(days=40)
    )
    rows = deviations_per_rule([team.pk], today - dt.timedelta(days=10), today)
    assert rows[0]["deviations"] == 1


@pytest.mark.security
def test_only_team_leader_approves(open_case, member, rule):
    deviation = register(open_case, member, rule)
    with pytest.raises(PermissionDenied):
        services.approve_deviation(deviation=deviation, by=UserFactory(role=Role.PROJECT_LEADER))
