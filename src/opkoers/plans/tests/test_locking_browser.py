"""Two people edit the same goal in two browsers; the one who saves second sees the
conflict page (decision 0026), which passes axe and the HTML checker."""

import pytest
from playwright.sync_api import expect

from opkoers.plans.models import Goal
from opkoers.plans.tests.factories import GoalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_editor_sees_both_versions_and_can_save_again(
    page, browser, live_server, axe, login_as, member, debt_worker, plan_case
):
    goal = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    edit = f"/trajecten/{plan_case.pk}/plan/doelen/{goal.pk}/wijzigen/"
    other_context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    try:
        other = other_context.new_page()
        login_as(page, member)
        login_as(other, debt_worker)
        page.goto(edit)
        other.goto(edit)

        other.get_by_label("Wat wil de inwoner bereiken?").fill("Rust over geld, met mijn zus")
        other.get_by_role("button", name="Doel opslaan").click()
        expect(other.get_by_text("Het doel is gewijzigd.")).to_be_visible()

        page.get_by_label("Wat wil de inwoner bereiken?").fill("Geen post meer van de deurwaarder")
        page.get_by_role("button", name="Doel opslaan").click()
        alert = page.locator("#edit-conflict")
        expect(alert).to_contain_text("Iemand anders heeft dit intussen gewijzigd")
        expect(alert).to_contain_text("Joost Verbeek")
        expect(alert).to_contain_text("Rust over geld, met mijn zus")
        expect(page.get_by_label("Wat wil de inwoner bereiken?")).to_have_value(
            "Geen post meer van de deurwaarder"
        )
        axe(page)
        assert Goal.objects.get(pk=goal.pk).description == "Rust over geld, met mijn zus"

        page.get_by_role("button", name="Doel opslaan").click()
        expect(page.get_by_text("Het doel is gewijzigd.")).to_be_visible()
        assert Goal.objects.get(pk=goal.pk).description == "Geen post meer van de deurwaarder"
    finally:
        other_context.close()
