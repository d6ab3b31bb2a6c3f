"""Step 7 as a professional does it: start closing, try to close too early, fill in,
close, and reopen; axe-core on every page on the way."""

import pytest

from opkoers.cases.models import CaseStatus, ResultKind
from opkoers.cases.tests.closing_helpers import prepare

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_closing_walk_through(page, axe, login_as, member, case):
    # A transactional test starts without the seeded data; add the kind we use.
    ResultKind.objects.get_or_create(name="Uitkering geregeld", defaults={"domain": "financien"})
    prepare(case, status=CaseStatus.IN_PROGRESS, goals=1, scored_domains=1, ladder_at_intake=2)
    login_as(page, member)
    page.goto(f"/trajecten/{case.pk}/")
    axe(page)
    page.get_by_role("button", name="Afronding starten").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/afronding/")
    axe(page)

    page.get_by_role("button", name="Traject afsluiten").click()
    alert = page.get_by_role("alert")
    assert "Het traject kan nog niet worden afgesloten" in alert.inner_text()
    axe(page)

    page.get_by_role("combobox", name="Uitkomst").select_option("bereikt")
    page.get_by_role("checkbox", name="Uitkering geregeld").check()
    page.get_by_label("Financiën").select_option("4")
    page.get_by_label("Participatieladder bij afronding").select_option("4")
    page.get_by_label("Evaluatie door de inwoner").fill("Ik heb weer overzicht.")
    page.get_by_label("Geen overdracht nodig").check()
    page.get_by_role("button", name="Traject afsluiten").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    assert "Het traject is afgesloten." in page.get_by_role("status").first.inner_text()
    assert page.get_by_role("button", name="Afronding starten").count() == 0
    axe(page)

    page.locator("summary", has_text="Traject heropenen").click()
    page.get_by_label("Waarom wordt het traject heropend?").fill("Nieuwe vraag over werk.")
    page.get_by_role("button", name="Traject heropenen").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    axe(page)
