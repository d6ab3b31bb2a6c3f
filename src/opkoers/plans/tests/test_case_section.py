"""The plan in numbers on the case page."""

import datetime

from django.utils import timezone

from opkoers.plans.models import ActionStatus, GoalOutcome
from opkoers.plans.selectors import case_section, plan_for, plan_summary
from opkoers.plans.tests.factories import ActionFactory, GoalFactory


def _fill(case):
    today = timezone.localdate()
    GoalFactory(case=case, priority=1)
    GoalFactory(case=case, priority=2)
    GoalFactory(case=case, priority=3, outcome=GoalOutcome.DROPPED)
    ActionFactory(case=case, due_date=today - datetime.timedelta(days=1))
    ActionFactory(case=case, due_date=today - datetime.timedelta(days=1), status=ActionStatus.DOING)
    ActionFactory(case=case, due_date=today)
    ActionFactory(case=case)
    ActionFactory(case=case, status=ActionStatus.DONE, due_date=today - datetime.timedelta(days=3))
    ActionFactory(
        case=case, status=ActionStatus.CANCELLED, due_date=today - datetime.timedelta(days=3)
    )


def test_case_section_counts(plan_case, django_assert_num_queries):
    _fill(plan_case)
    with django_assert_num_queries(1):
        section = case_section(plan_case)
    assert section.goal_count == 2
    assert (section.summary.open, section.summary.overdue, section.summary.done) == (4, 2, 1)


def test_page_counts_and_aggregate_counts_agree(plan_case):
    _fill(plan_case)
    assert plan_for(plan_case).summary == plan_summary(plan_case)
    assert case_section(plan_case).summary == plan_summary(plan_case)


def test_case_section_of_an_empty_plan(plan_case):
    section = case_section(plan_case)
    assert section.goal_count == 0 and section.summary == plan_summary(plan_case)
    assert (section.summary.open, section.summary.overdue, section.summary.done) == (0, 0, 0)


def test_case_page_shows_the_plan_section(client_for, member, plan_case):
    _fill(plan_case)
    html = client_for(member).get(f"/trajecten/{plan_case.pk}/").content.decode()
    section = html[html.index('id="plan-section-heading"') :]
    assert "Samen1plan" in section
    assert "2 – te laat" in section
    assert f"/trajecten/{plan_case.pk}/plan/" in section
    assert f"/trajecten/{plan_case.pk}/plan/pdf/" in section
