"""The dashboard in a real browser: the period form, charts with tables, suppression for
policy staff, the case's effect page; axe-core on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from opkoers.reports.tests.handbuilt import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _choose_2025(page):
    page.get_by_label("Vanaf").fill("2025-01-01")
    page.get_by_label("Tot en met").fill("2025-12-31")
    page.get_by_role("button", name="Cijfers tonen").click()
    page.wait_for_url("**/rapportage/?*date_from=2025-01-01*")


def test_dashboard_for_a_professional(page, axe, login_as, team, other_team, member):
    data = build(team, other_team, member)
    login_as(page, member)
    page.get_by_role("link", name="Rapportage", exact=True).click()
    page.wait_for_url("**/rapportage/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rapportage")
    axe(page)

    _choose_2025(page)
    channels = page.get_by_role("table", name="Aanmeldingen per kanaal (wie meldt aan)")
    expect(channels).to_be_visible()
    expect(channels.get_by_role("row", name="WIL (werk en inkomen)")).to_contain_text("25%")
    expect(page.locator("svg.ok-chart").first).to_be_visible()
    expect(page.get_by_text("Aanvragen maatwerkbudget").first).to_be_visible()
    axe(page)

    page.goto(f"/trajecten/{data.cases['A'].pk}/effectmeting/")
    expect(page.get_by_role("heading", name="Effectmeting van dit traject")).to_be_visible()
    axe(page)


def test_dashboard_for_policy_staff(page, axe, login_as, team, other_team, member, policy_staff):
    build(team, other_team, member)
    login_as(page, policy_staff)
    page.get_by_role("link", name="Rapportage", exact=True).click()
    page.wait_for_url("**/rapportage/")
    page.get_by_label("Team", exact=True).select_option(label=team.name)
    _choose_2025(page)
    expect(page.get_by_text("Kleine aantallen (minder dan 5)")).to_be_visible()
    channels = page.get_by_role("table", name="Aanmeldingen per kanaal (wie meldt aan)")
    expect(channels.get_by_role("row", name="WIL (werk en inkomen)")).to_contain_text("< 5")
    axe(page)
