"""The plan page and its forms, with and without htmx."""

import datetime
import uuid

import pytest
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus
from opkoers.core.models import LifeDomain
from opkoers.plans.models import Action, ActionStatus, Goal, GoalOutcome, OwnerKind
from opkoers.plans.tests.factories import ActionFactory, GoalFactory
from opkoers.residents.tests.factories import CommunicationNeedFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(case, rest=""):
    return f"/trajecten/{case.pk}/plan/{rest}"


def test_plan_page_shows_goals_in_priority_order_with_their_actions(
    client_for, member, plan_case, sister, debt_worker
):
    second = GoalFactory(
        case=plan_case, priority=2, description="Ik wil een eigen huis", domain=LifeDomain.HOUSING
    )
    first = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    ActionFactory(case=plan_case, goal=first, description="Map met post maken")
    ActionFactory(
        case=plan_case,
        goal=second,
        description="Meegaan naar de woningcorporatie",
        owner_kind=OwnerKind.NETWORK,
        owner_network_person=sister,
    )
    ActionFactory(
        case=plan_case,
        description="Budgetplan opstellen",
        owner_kind=OwnerKind.PROFESSIONAL,
        owner_user=debt_worker,
    )
    response = client_for(member).get(url(plan_case))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Rust over geld") < html.index("Map met post maken")
    assert html.index("Map met post maken") < html.index("Ik wil een eigen huis")
    assert html.index("Ik wil een eigen huis") < html.index("Meegaan naar de woningcorporatie")
    assert html.index("Acties zonder doel") < html.index("Budgetplan opstellen")
    assert "Fatima Amrani (zus)" in html
    assert "Joost Verbeek (Schuldhulp Houtenburg)" in html
    assert f"{plan_case.resident.full_name} (inwoner)" in html
    assert AuditEvent.objects.filter(code="plan.view", case_id=plan_case.pk).count() == 1


def test_overdue_actions_are_counted_and_marked_in_text(client_for, member, plan_case):
    today = timezone.localdate()
    ActionFactory(
        case=plan_case, description="Te laat ding", due_date=today - datetime.timedelta(days=2)
    )
    ActionFactory(
        case=plan_case, description="Op tijd ding", due_date=today + datetime.timedelta(days=2)
    )
    ActionFactory(
        case=plan_case,
        description="Oud maar klaar",
        due_date=today - datetime.timedelta(days=9),
        status=ActionStatus.DONE,
    )
    html = client_for(member).get(url(plan_case)).content.decode()
    summary = html[
        html.index('id="plan-summary"') : html.index("</section>", html.index('id="plan-summary"'))
    ]
    assert "Open acties" in summary and "Te laat" in summary and "Afgerond" in summary
    assert "1 actie is te laat" in summary
    row = html[html.index("Te laat ding") :]
    row = row[: row.index("</tr>")]
    assert "te laat" in row and "ok-overdue" in row
    on_time = html[html.index("Op tijd ding") :]
    assert "te laat" not in on_time[: on_time.index("</tr>")]
    done = html[html.index("Oud maar klaar") :]
    assert "te laat" not in done[: done.index("</tr>")]


def test_communication_needs_show_on_the_plan_page(client_for, member, plan_case):
    CommunicationNeedFactory(resident=plan_case.resident, detail="Tigrinya via de tolk")
    assert "Tigrinya via de tolk" in client_for(member).get(url(plan_case)).content.decode()


def test_add_goal_and_redirect_to_it(client_for, member, plan_case):
    client = client_for(member)
    assert client.get(url(plan_case, "doelen/nieuw/")).status_code == 200
    response = client.post(
        url(plan_case, "doelen/nieuw/"),
        {
            "domain": LifeDomain.HOUSING,
            "description": "Een eigen plek",
            "priority": "1",
            "submission_token": str(uuid.uuid4()),
        },
    )
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#doel-{goal.pk}")
    assert goal.priority == 1 and goal.domain == LifeDomain.HOUSING


def test_goal_form_with_bad_input_keeps_what_was_typed(client_for, member, plan_case):
    response = client_for(member).post(
        url(plan_case, "doelen/nieuw/"),
        {"domain": "", "description": "Mijn eigen woorden over rust", "priority": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn eigen woorden over rust" in html
    assert "Kies een leefgebied." in html
    assert 'aria-invalid="true"' in html
    assert not Goal.objects.exists()


def test_edit_goal_changes_text_and_priority(client_for, member, plan_case):
    first = GoalFactory(case=plan_case, priority=1, description="Geld")
    second = GoalFactory(case=plan_case, priority=2, description="Wonen")
    client = client_for(member)
    page = client.get(url(plan_case, f"doelen/{second.pk}/wijzigen/"))
    assert page.status_code == 200 and "Wonen" in page.content.decode()
    response = client.post(
        url(plan_case, f"doelen/{second.pk}/wijzigen/"),
        {
            "domain": LifeDomain.HOUSING,
            "description": "Een huis voor mij en de kinderen",
            "priority": "1",
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.priority, first.priority) == (1, 2)
    assert second.description == "Een huis voor mij en de kinderen"


def test_move_goal_without_js_redirects_and_with_htmx_swaps_the_list(client_for, member, plan_case):
    first = GoalFactory(case=plan_case, priority=1, description="Geld")
    second = GoalFactory(case=plan_case, priority=2, description="Wonen")
    client = client_for(member)
    response = client.post(url(plan_case, f"doelen/{second.pk}/verplaatsen/"), {"direction": "up"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.priority == 1
    response = client.post(
        url(plan_case, f"doelen/{second.pk}/verplaatsen/"), {"direction": "down"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="plan-goals"')
    assert "<html" not in html
    assert html.index("Geld") < html.index("Wonen")
    first.refresh_from_db()
    assert first.priority == 1


def test_moving_the_top_goal_up_explains_why_not(client_for, member, plan_case):
    first = GoalFactory(case=plan_case, priority=1, description="Geld")
    GoalFactory(case=plan_case, priority=2, description="Wonen")
    client = client_for(member)
    response = client.post(
        url(plan_case, f"doelen/{first.pk}/verplaatsen/"), {"direction": "up"}, **HTMX
    )
    assert "staat al bovenaan" in response.content.decode()
    response = client.post(
        url(plan_case, f"doelen/{first.pk}/verplaatsen/"), {"direction": "up"}, follow=True
    )
    assert "staat al bovenaan" in response.content.decode()


def test_drop_and_restore_goal(client_for, member, plan_case):
    goal = GoalFactory(case=plan_case, priority=1, description="Geld")
    GoalFactory(case=plan_case, priority=2, description="Wonen")
    client = client_for(member)
    response = client.post(url(plan_case, f"doelen/{goal.pk}/laten-vervallen/"), follow=True)
    goal.refresh_from_db()
    assert goal.outcome == GoalOutcome.DROPPED
    html = response.content.decode()
    assert "Vervallen doelen" in html
    assert html.index("Vervallen doelen") < html.index("Geld")
    client.post(url(plan_case, f"doelen/{goal.pk}/weer-meetellen/"))
    goal.refresh_from_db()
    assert goal.outcome == GoalOutcome.OPEN and goal.priority == 2


def test_add_action_with_owner_choices_from_this_case(
    client_for, member, plan_case, sister, debt_worker
):
    goal = GoalFactory(case=plan_case, priority=1)
    client = client_for(member)
    page = client.get(url(plan_case, f"acties/nieuw/?doel={goal.pk}")).content.decode()
    assert f'value="netwerk:{sister.pk}"' in page
    assert f'value="professional:{debt_worker.pk}"' in page
    assert f'<option value="{goal.pk}" selected>' in page
    response = client.post(
        url(plan_case, "acties/nieuw/"),
        {
            "description": "Meegaan naar de bank",
            "owner": f"netwerk:{sister.pk}",
            "goal": str(goal.pk),
            "due_date": "2030-03-15",
            "submission_token": str(uuid.uuid4()),
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#actie-{action.pk}")
    assert action.owner_network_person == sister and action.goal == goal
    assert action.due_date == datetime.date(2030, 3, 15)


def test_double_submit_of_add_action_creates_one_action(client_for, member, plan_case):
    client = client_for(member)
    data = {
        "description": "Formulier invullen",
        "owner": "inwoner",
        "submission_token": str(uuid.uuid4()),
    }
    first = client.post(url(plan_case, "acties/nieuw/"), data)
    second = client.post(url(plan_case, "acties/nieuw/"), data)
    assert Action.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]


def test_double_submit_of_add_goal_creates_one_goal(client_for, member, plan_case):
    client = client_for(member)
    data = {
        "domain": LifeDomain.FINANCES,
        "description": "Rust",
        "priority": "1",
        "submission_token": str(uuid.uuid4()),
    }
    client.post(url(plan_case, "doelen/nieuw/"), data)
    client.post(url(plan_case, "doelen/nieuw/"), data)
    assert Goal.objects.count() == 1


def test_action_form_with_bad_input_keeps_what_was_typed(client_for, member, plan_case):
    response = client_for(member).post(
        url(plan_case, "acties/nieuw/"),
        {
            "description": "Huurtoeslag aanvragen met hulp",
            "owner": "",
            "due_date": "31-31-2030",
            "submission_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Huurtoeslag aanvragen met hulp" in html
    assert "31-31-2030" in html
    assert "Kies wie de actie doet." in html
    assert "Vul een geldige datum in" in html
    assert not Action.objects.exists()


@pytest.mark.security
def test_tampered_owner_is_refused_with_a_message(client_for, member, plan_case, colleague):
    response = client_for(member).post(
        url(plan_case, "acties/nieuw/"),
        {"description": "Iets", "owner": f"professional:{colleague.pk}"},
    )
    assert response.status_code == 200
    assert "Kies iemand uit de lijst." in response.content.decode()
    assert not Action.objects.exists()


def test_edit_action(client_for, member, plan_case, debt_worker):
    action = ActionFactory(case=plan_case, description="Oud")
    client = client_for(member)
    page = client.get(url(plan_case, f"acties/{action.pk}/wijzigen/"))
    assert page.status_code == 200 and "Oud" in page.content.decode()
    response = client.post(
        url(plan_case, f"acties/{action.pk}/wijzigen/"),
        {"description": "Nieuw", "owner": f"professional:{debt_worker.pk}", "due_date": ""},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description == "Nieuw" and action.owner_user == debt_worker


def test_status_change_without_js_redirects_back_to_the_action(client_for, member, plan_case):
    action = ActionFactory(case=plan_case)
    response = client_for(member).post(
        url(plan_case, f"acties/{action.pk}/status/"), {"status": ActionStatus.DONE}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/plan/#actie-{action.pk}")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_at is not None


def test_status_change_with_htmx_returns_the_row_and_fresh_counts(client_for, member, plan_case):
    action = ActionFactory(
        case=plan_case, due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client_for(member).post(
        url(plan_case, f"acties/{action.pk}/status/"), {"status": ActionStatus.DONE}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr class="utrecht-table__row" id="actie-{action.pk}"')
    assert "<html" not in html
    assert "te laat" not in html.split("</tr>")[0]
    assert 'id="plan-summary"' in html and 'hx-swap-oob="true"' in html
    assert "Afgerond" in html and "De status van de actie is nu" in html


def test_bad_status_value_is_reported_not_a_500(client_for, member, plan_case):
    action = ActionFactory(case=plan_case)
    client = client_for(member)
    response = client.post(
        url(plan_case, f"acties/{action.pk}/status/"), {"status": "bijna"}, **HTMX
    )
    assert response.status_code == 200
    assert "Kies een status uit de lijst." in response.content.decode()
    response = client.post(
        url(plan_case, f"acties/{action.pk}/status/"), {"status": "bijna"}, follow=True
    )
    assert "Kies een status uit de lijst." in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.TODO


def test_agree_plan_from_the_page(client_for, member, plan_case):
    goal = GoalFactory(case=plan_case, priority=1)
    ActionFactory(case=plan_case, goal=goal)
    client = client_for(member)
    assert "Plan vastleggen" in client.get(url(plan_case)).content.decode()
    response = client.post(url(plan_case, "vastleggen/"), {"resident_agreed": "on"}, follow=True)
    plan_case.refresh_from_db()
    assert plan_case.status == CaseStatus.IN_PROGRESS
    html = response.content.decode()
    assert "Het plan is vastgelegd" in html
    assert 'action="' + url(plan_case, "vastleggen/") not in html


def test_agree_plan_refusals_are_explained(client_for, member, plan_case):
    client = client_for(member)
    response = client.post(url(plan_case, "vastleggen/"), {"resident_agreed": "on"})
    assert response.status_code == 200
    assert "minstens één doel met een actie" in response.content.decode()
    response = client.post(url(plan_case, "vastleggen/"), {})
    assert "Vink aan dat de inwoner akkoord is" in response.content.decode()
    plan_case.refresh_from_db()
    assert plan_case.status == CaseStatus.PLAN


def test_page_before_the_plan_step_is_read_only(client_for, member, case):
    html = client_for(member).get(url(case)).content.decode()
    assert "nog niet in die stap" in html
    assert "Doel toevoegen" not in html
    assert client_for(member).get(url(case, "doelen/nieuw/")).status_code == 403


@pytest.mark.parametrize("size", [2, 40])
def test_plan_page_query_count_does_not_grow(
    client_for, member, plan_case, sister, debt_worker, size, django_assert_num_queries
):
    goals = [GoalFactory(case=plan_case, priority=i + 1) for i in range(max(1, size // 4))]
    owners = [
        {"owner_kind": OwnerKind.RESIDENT},
        {"owner_kind": OwnerKind.NETWORK, "owner_network_person": sister},
        {"owner_kind": OwnerKind.PROFESSIONAL, "owner_user": debt_worker},
    ]
    for i in range(size):
        ActionFactory(
            case=plan_case,
            goal=goals[i % len(goals)] if i % 5 else None,
            due_date=timezone.localdate() - datetime.timedelta(days=i - size // 2),
            **owners[i % 3],
        )
    client = client_for(member)
    with django_assert_num_queries(12):
        response = client.get(url(plan_case))
    assert response.status_code == 200
    assert response.content.decode().count('<tr class="utrecht-table__row" id="actie-') == size
