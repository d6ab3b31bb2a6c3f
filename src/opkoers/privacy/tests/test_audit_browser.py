"""The privacy officer's pages in a browser, with axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from playwright.sync_api import expect

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record

pytestmark = [pytest.mark.browser]


def test_privacy_officer_filters_the_log_and_opens_an_overview(
    page: Any, axe: Any, login_as: Any, member: Any, case: Any
) -> None:
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    with transaction.atomic():
        record(actor=member, action=AuditAction.VIEW, code="case.view", case=case)
    login_as(page, officer)
    page.wait_for_url("**/privacy/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Auditlog").click()
    page.wait_for_url("**/audit/")
    axe(page)
    page.get_by_label("Kenmerk traject").fill(case.reference)
    page.get_by_role("button", name="Filteren").click()
    # expect() waits for the filtered page; count() would read the page still loading.
    expect(page.get_by_role("cell", name="Traject ingezien").first).to_be_visible()
    page.get_by_role("link", name="Inzageverzoek").click()
    page.get_by_label("Kenmerk van een traject van de inwoner").fill(case.reference)
    page.get_by_role("button", name="Overzicht tonen").click()
    page.get_by_role("link", name="Exporteren als CSV").wait_for()
    axe(page)
