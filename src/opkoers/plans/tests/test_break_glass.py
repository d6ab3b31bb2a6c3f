"""Break-glass shows the plan and changes nothing (issue 11): every write of the plan is
refused, in the view (403, audited as breakglass.refused) and in the service."""

import pytest

from opkoers.audit.models import AuditEvent
from opkoers.cases.access import BreakGlassRefused
from opkoers.cases.models import Case, CaseStatus
from opkoers.plans.models import Action, ActionStatus, Goal, OwnerKind
from opkoers.plans.services import (
    add_action,
    add_goal,
    agree_plan,
    drop_goal,
    move_goal,
    restore_goal,
    set_action_status,
    update_action,
    update_goal,
)
from opkoers.plans.tests.factories import ActionFactory, GoalFactory
from opkoers.privacy.services import open_break_glass as break_glass

pytestmark = pytest.mark.security

REASON = "Inwoner belt in paniek, contactpersoon is ziek"


@pytest.fixture
def objects(plan_case):
    first = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    second = GoalFactory(case=plan_case, priority=2, description="Werk vinden")
    action = ActionFactory(case=plan_case, goal=first, description="Post sorteren")
    return first, second, action


@pytest.fixture(params=["colleague", "uncovered"])
def emergency_user(request, plan_case):
    """A colleague of the team who is not at the table, and a case-team member whose
    organisation the consent does not cover: both see the plan only on break-glass."""
    user = request.getfixturevalue(request.param)
    break_glass(user=user, case=plan_case, reason=REASON)
    return user


def _snapshot():
    return [list(model.objects.order_by("pk").values()) for model in (Case, Goal, Action)]


def _posts(case, first, second, action):
    base = f"/trajecten/{case.pk}/plan/"
    return [
        (f"{base}vastleggen/", {"resident_agreed": "on"}),
        (f"{base}doelen/nieuw/", {"domain": "financien", "description": "X"}),
        (f"{base}doelen/{first.pk}/wijzigen/", {"domain": "financien", "description": "X"}),
        (f"{base}doelen/{first.pk}/verplaatsen/", {"direction": "down"}),
        (f"{base}doelen/{second.pk}/laten-vervallen/", {}),
        (f"{base}doelen/{first.pk}/weer-meetellen/", {}),
        (f"{base}acties/nieuw/", {"description": "X", "owner": "inwoner"}),
        (f"{base}acties/{action.pk}/wijzigen/", {"description": "X", "owner": "inwoner"}),
        (f"{base}acties/{action.pk}/status/", {"status": ActionStatus.DONE}),
    ]


def test_break_glass_reads_the_plan(client_for, emergency_user, plan_case, objects):
    response = client_for(emergency_user).get(f"/trajecten/{plan_case.pk}/plan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Post sorteren" in html
    assert "Doel toevoegen" not in html and "Actie toevoegen" not in html


def test_break_glass_cannot_post_anything_on_the_plan(
    client_for, emergency_user, plan_case, objects
):
    client = client_for(emergency_user)
    before = _snapshot()
    posts = _posts(plan_case, *objects)
    refused = AuditEvent.objects.filter(code="breakglass.refused", actor=emergency_user)
    for number, (url, data) in enumerate(posts, start=1):
        assert client.post(url, data).status_code == 403, url
        assert refused.count() == number, url
        assert refused.order_by("-id").first().case_id == plan_case.pk
    assert _snapshot() == before


def test_break_glass_cannot_open_the_plan_forms(client_for, emergency_user, plan_case, objects):
    first, _second, action = objects
    base = f"/trajecten/{plan_case.pk}/plan/"
    client = client_for(emergency_user)
    for url in [
        f"{base}doelen/nieuw/",
        f"{base}doelen/{first.pk}/wijzigen/",
        f"{base}acties/nieuw/",
        f"{base}acties/{action.pk}/wijzigen/",
    ]:
        assert client.get(url).status_code == 403, url


def test_the_plan_services_refuse_break_glass(emergency_user, member, plan_case, objects):
    first, second, action = objects
    drop_goal(goal=second, by=member)
    before = _snapshot()
    by = emergency_user
    attempts = [
        lambda: add_goal(case=plan_case, by=by, domain="financien", description="X"),
        lambda: update_goal(goal=first, by=by, domain="financien", description="X"),
        lambda: move_goal(goal=first, by=by, direction="down"),
        lambda: drop_goal(goal=first, by=by),
        lambda: restore_goal(goal=second, by=by),
        lambda: add_action(case=plan_case, by=by, description="X", owner_kind=OwnerKind.RESIDENT),
        lambda: update_action(action=action, by=by, description="X", owner_kind=OwnerKind.RESIDENT),
        lambda: set_action_status(action=action, by=by, status=ActionStatus.DONE),
        lambda: agree_plan(case=plan_case, by=by, resident_agreed=True),
    ]
    for attempt in attempts:
        with pytest.raises(BreakGlassRefused):
            attempt()
    assert _snapshot() == before
    assert Case.objects.get(pk=plan_case.pk).status == CaseStatus.PLAN
