"""The Samen1plan as a professional uses it, in a real browser, with axe on every page."""

import os
import re

import pytest
from playwright.sync_api import expect

from opkoers.plans.models import Action, ActionStatus, Goal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("OPKOERS_SCREENSHOTS")  # a folder, to look at the pages by hand


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_professional_builds_and_agrees_a_plan(page, axe, login_as, member, plan_case, sister):
    login_as(page, member)
    page.goto(f"/trajecten/{plan_case.pk}/")
    axe(page)
    page.get_by_role("link", name="Naar het Samen1plan").click()
    axe(page)
    shot(page, "1-empty-plan")

    for domain, text in (("Financiën", "Rust over geld"), ("Huisvesting", "Een eigen huis")):
        page.get_by_role("link", name="Doel toevoegen", exact=True).click()
        axe(page)
        page.get_by_label("Leefgebied").select_option(label=domain)
        page.get_by_label("Wat wil de inwoner bereiken?").fill(text)
        page.get_by_role("button", name="Doel opslaan").click()
        expect(page.get_by_text("Het doel is toegevoegd.")).to_be_visible()

    # The resident finds a home more important: move it up (htmx swaps the goal list).
    shot(page, "1b-two-goals")
    page.get_by_role("button", name=re.compile(r"^Omhoog\W+doel Huisvesting")).click()
    page.wait_for_function(
        "() => document.querySelector('#plan-goals h3').textContent.includes('Huisvesting')"
    )
    assert [g.description for g in Goal.objects.order_by("priority")] == [
        "Een eigen huis",
        "Rust over geld",
    ]

    page.get_by_role(
        "link", name=re.compile(r"^Actie bij dit doel toevoegen\W+Huisvesting")
    ).click()
    axe(page)
    page.get_by_label("Wat moet er gebeuren?").fill("Meegaan naar de woningcorporatie")
    page.get_by_label("Wie doet het?").select_option(label=str(sister))
    page.get_by_label("Uiterlijk klaar op").fill("2020-01-15")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_text("De actie is toegevoegd.")).to_be_visible()
    row = page.locator(f"#actie-{Action.objects.get().pk}")
    assert "te laat" in row.inner_text()
    expect(page.locator("#plan-summary").get_by_text("1 actie is te laat")).to_be_visible()
    axe(page)
    shot(page, "2-plan-with-overdue")

    # Status change through htmx: only the row and the counts change.
    row.get_by_label("Status van de actie").select_option(label="Afgerond")
    row.get_by_role("button", name="Opslaan").click()
    page.wait_for_function(
        "() => !document.querySelector('#plan-summary').textContent.includes('te laat.')"
    )
    assert Action.objects.get().status == ActionStatus.DONE
    assert "te laat" not in page.locator(f"#actie-{Action.objects.get().pk}").inner_text()
    assert "nu ‘Afgerond’" in page.locator("#plan-announcement").inner_text()
    axe(page)

    page.get_by_label("De inwoner is akkoord met dit plan").check()
    page.get_by_role("button", name="Plan vastleggen").click()
    expect(page.get_by_text("Het plan is vastgelegd.")).to_be_visible()
    axe(page)
    shot(page, "3-agreed")
    plan_case.refresh_from_db()
    assert plan_case.status == "lopend"

    response = page.request.get(f"/trajecten/{plan_case.pk}/plan/pdf/")
    assert response.headers["content-type"] == "application/pdf"
