"""Optimistic locking on the goal and action edit forms (decision 0026): a second editor
who saves over a change made since their form opened gets the conflict page, with both
versions and their own typed text kept; nothing is overwritten."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from opkoers.core.concurrency import EditConflict
from opkoers.core.models import LifeDomain
from opkoers.plans.models import Action, Goal, OwnerKind
from opkoers.plans.services import update_goal
from opkoers.plans.tests.factories import ActionFactory, GoalFactory


def url(case, rest=""):
    return f"/trajecten/{case.pk}/plan/{rest}"


def _goal_post(description, *, version, priority=1):
    return {
        "domain": LifeDomain.FINANCES,
        "description": description,
        "priority": str(priority),
        "version": str(version),
    }


def test_second_goal_save_gets_the_conflict_page_and_overwrites_nothing(
    client_for, member, debt_worker, plan_case
):
    goal = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    edit = url(plan_case, f"doelen/{goal.pk}/wijzigen/")
    first, second = client_for(member), client_for(debt_worker)
    assert 'name="version" value="1"' in first.get(edit).content.decode()
    second.get(edit)

    saved = first.post(edit, _goal_post("Rust over geld, samen met mijn zus", version=1))
    assert saved.status_code == 302
    conflict = second.post(edit, _goal_post("Geen brieven meer van de deurwaarder", version=1))

    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert str(member) in html  # who saved in between, from the audit trail
    assert "Rust over geld, samen met mijn zus" in html  # their version, shown beside
    # The typed text stays in the form, and the form now carries the new version.
    assert "\nGeen brieven meer van de deurwaarder</textarea>" in html
    assert 'name="version" value="2"' in html
    assert "anders" in html
    goal.refresh_from_db()
    assert goal.description == "Rust over geld, samen met mijn zus"
    assert goal.version == 2


def test_saving_again_after_the_conflict_keeps_the_second_version(
    client_for, member, debt_worker, plan_case
):
    goal = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    edit = url(plan_case, f"doelen/{goal.pk}/wijzigen/")
    client_for(member).post(edit, _goal_post("Eerste versie", version=1))
    second = client_for(debt_worker)
    assert second.post(edit, _goal_post("Tweede versie", version=1)).status_code == 409
    again = second.post(edit, _goal_post("Tweede versie", version=2))
    assert again.status_code == 302
    goal.refresh_from_db()
    assert (goal.description, goal.version) == ("Tweede versie", 3)


def test_back_and_resubmit_of_the_same_values_is_no_conflict(client_for, member, plan_case):
    goal = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    edit = url(plan_case, f"doelen/{goal.pk}/wijzigen/")
    client = client_for(member)
    assert client.post(edit, _goal_post("Nieuw", version=1)).status_code == 302
    # The browser's Back button and Submit again: the same values, the old version.
    assert client.post(edit, _goal_post("Nieuw", version=1)).status_code == 302
    goal.refresh_from_db()
    assert (goal.description, goal.version) == ("Nieuw", 2)


def test_a_priority_shift_by_someone_else_is_a_conflict_too(
    client_for, member, debt_worker, plan_case
):
    """Otherwise the old priority in the open form would silently move the goal back."""
    goal = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    other = GoalFactory(case=plan_case, priority=2, description="Een eigen huis")
    moved = client_for(debt_worker).post(
        url(plan_case, f"doelen/{other.pk}/verplaatsen/"), {"direction": "up"}
    )
    assert moved.status_code == 302
    response = client_for(member).post(
        url(plan_case, f"doelen/{goal.pk}/wijzigen/"), _goal_post("Nieuw", version=1)
    )
    assert response.status_code == 409
    goal.refresh_from_db()
    assert (goal.description, goal.priority) == ("Rust over geld", 2)


def test_second_action_save_gets_the_conflict_page(client_for, member, debt_worker, plan_case):
    action = ActionFactory(case=plan_case, description="Map met post maken")
    edit = url(plan_case, f"acties/{action.pk}/wijzigen/")
    data = {"owner": OwnerKind.RESIDENT.value, "goal": "", "due_date": "", "version": "1"}
    saved = client_for(member).post(edit, {**data, "description": "Map met post, op kleur"})
    assert saved.status_code == 302
    conflict = client_for(debt_worker).post(edit, {**data, "description": "Post in een doos"})
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Map met post, op kleur" in html and "\nPost in een doos</textarea>" in html
    action.refresh_from_db()
    assert (action.description, action.version) == ("Map met post, op kleur", 2)


def test_the_service_without_a_version_does_not_compare(member, plan_case):
    """Commands and the API without a version field keep working as before."""
    goal = GoalFactory(case=plan_case, priority=1)
    update_goal(goal=goal, by=member, domain=LifeDomain.HOUSING, description="A")
    update_goal(goal=goal, by=member, domain=LifeDomain.HOUSING, description="B")
    with pytest.raises(EditConflict):
        update_goal(
            goal=goal, by=member, domain=LifeDomain.HOUSING, description="C", expected_version=1
        )
    assert Goal.objects.get(pk=goal.pk).description == "B"


@pytest.mark.security
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_goal_edits_end_with_one_saved_and_one_conflict(
    member, debt_worker, plan_case
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite admits one writer at a time; the race needs PostgreSQL")
    goal = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    barrier = threading.Barrier(2)
    saved: list[str] = []
    conflicts: list[str] = []
    errors: list[BaseException] = []

    def edit(user, text: str) -> None:
        try:
            barrier.wait()
            update_goal(
                goal=goal,
                by=user,
                domain=LifeDomain.FINANCES,
                description=text,
                expected_version=1,
            )
            saved.append(text)
        except EditConflict:
            conflicts.append(text)
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=edit, args=(member, "Versie van de eerste")),
        threading.Thread(target=edit, args=(debt_worker, "Versie van de tweede")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(saved) == 1 and len(conflicts) == 1
    goal.refresh_from_db()
    assert (goal.description, goal.version) == (saved[0], 2)
    assert Action.objects.count() == 0


@pytest.mark.security
def test_a_goal_post_without_token_creates_nothing_and_says_why(client_for, member, plan_case):
    data = {"domain": LifeDomain.FINANCES, "description": "Rust over geld", "priority": "1"}
    response = client_for(member).post(url(plan_case, "doelen/nieuw/"), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "zonder verzendkenmerk" in html and "Er is niets opgeslagen." in html
    assert 'name="submission_token" value="' in html  # a fresh one, to send it again
    assert not Goal.objects.exists()
