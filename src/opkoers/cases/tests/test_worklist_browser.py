"""The werkvoorraad and the case list in a real browser: accessible (axe-core), and the
case list updating as you type through htmx."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opkoers.cases.tests.worklist_data import make_action, make_call, make_case
from opkoers.residents.tests.factories import CommunicationNeedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worklist_and_case_list(page, axe, login_as, member, team):
    today = timezone.localdate()
    amira = make_case(team, contact=member, first_name="Amira", last_name="El Idrissi")
    make_case(team, contact=member, first_name="Kees", last_name="de Boer")
    make_action(amira, member, due=today - dt.timedelta(days=2))
    make_call(amira, member, due=today)
    CommunicationNeedFactory(resident=amira.resident, detail="Arabisch")

    login_as(page, member)
    page.goto("/")
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    actions = page.get_by_role("table", name="Mijn open acties, de eerste uiterste datum bovenaan")
    assert "te laat" in actions.inner_text()
    axe(page)

    # The overleg agenda has its own page, reached from the werkvoorraad and the menu.
    page.get_by_role("link", name="Naar de agenda voor het teamoverleg").click()
    page.wait_for_url("**/overleg/")
    expect(page.get_by_role("heading", name="Agenda teamoverleg", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Acties over tijd", level=3)).to_be_visible()
    expect(page.get_by_role("link", name=amira.reference).first).to_be_visible()
    expect(page.get_by_role("link", name="Teamoverleg", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    axe(page)

    page.get_by_role("link", name="Trajecten", exact=True).click()
    page.wait_for_url("**/trajecten/")
    expect(page.get_by_role("link", name=amira.reference)).to_be_visible()
    page.get_by_role("searchbox", name="Naam of kenmerk").fill("boer")
    # htmx swaps the results in place and pushes the URL; no full page load. The name
    # travels by POST and never appears in the address (core/held_search.py).
    page.wait_for_url("**/trajecten/?*zoek=*")
    assert "boer" not in page.url
    page.get_by_role("link", name=amira.reference).wait_for(state="detached")
    assert page.get_by_role("status").inner_text().startswith("Trajecten 1 tot en met 1")
    assert (
        page.get_by_role("searchbox", name="Naam of kenmerk").input_value() == "boer"
    )  # focus and text stay
    axe(page)

    # Leaving the search box does not run the same search again (a second request and
    # audit row, racing the click on a result); changing a filter searches at once.
    searches: list[str] = []
    page.on("request", lambda r: searches.append(r.url) if "/trajecten/?" in r.url else None)
    page.get_by_role("searchbox", name="Naam of kenmerk").press("Tab")
    page.wait_for_timeout(500)
    assert searches == []
    page.get_by_role("combobox", name="Lopend of afgesloten").select_option("alle")
    page.wait_for_url("**/trajecten/?*scope=alle*")
    assert len(searches) == 1
