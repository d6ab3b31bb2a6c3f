"""A legal basis as two people handle it in a real browser: the contact person requests
one on the consent page, the privacy officer approves it in the queue and then ends it;
axe-core on every page on the way."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.consent.models import LegalBasis, LegalBasisStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_approve_and_end(
    browser, live_server, page, axe, login_as, member, uncovered, case
):
    login_as(page, member)
    page.goto(f"/trajecten/{case.pk}/toestemming/")
    axe(page)
    page.get_by_role("combobox", name="Organisatie (verplicht)").select_option(
        label=uncovered.organisation.name
    )
    page.get_by_label("Wet gemeentelijke schuldhulpverlening: schuldhulp", exact=False).check()
    page.get_by_label("Motivering").fill("De schuldhulpverlener werkt mee aan het plan.")
    ends = timezone.localdate() + dt.timedelta(days=40)
    page.locator("#id_ends_on").fill(ends.isoformat())
    page.get_by_role("button", name="Grondslag aanvragen").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/toestemming/")
    assert "Hij telt pas als" in page.get_by_role("status").first.inner_text()
    assert (
        "Aangevraagd"
        in page.get_by_role(
            "table", name="Aangevraagde en vastgestelde grondslagen, ook de eerdere"
        ).inner_text()
    )
    axe(page)

    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    second = context.new_page()
    second.set_default_timeout(10_000)
    login_as(second, officer)
    second.goto("/grondslagen/")
    axe(second)
    # Chromium names it "Goedkeuren : …" (the hidden span is positioned absolutely).
    second.get_by_role("button", name=re.compile(rf"Goedkeuren\s*:\s*{case.reference}")).click()
    second.wait_for_url("**/grondslagen/")
    assert "is goedgekeurd" in second.get_by_role("status").first.inner_text()
    axe(second)
    basis = LegalBasis.objects.get(case=case)
    assert basis.status == LegalBasisStatus.APPROVED and basis.decided_by == officer

    second.locator("summary", has_text="Grondslag beëindigen").first.click()
    second.get_by_label("Reden").first.fill("De schuldhulp is afgerond.")
    second.get_by_role("button", name="Beëindigen").first.click()
    second.wait_for_url("**/grondslagen/")
    assert "is beëindigd" in second.get_by_role("status").first.inner_text()
    axe(second)
    context.close()
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.ENDED
