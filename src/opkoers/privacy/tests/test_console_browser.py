"""The privacy officer's console in a browser, with axe: the landing page, the chain
check (polled by htmx until done), failed logins, the retention dry run and the two
downloads."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from playwright.sync_api import expect

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.privacy.models import ChainVerification
from opkoers.privacy.tasks import verify_chain_task
from opkoers.retention.models import RetentionRun
from opkoers.retention.tasks import dry_run_task

pytestmark = [pytest.mark.browser]


def test_privacy_officer_checks_the_chain_from_the_console(
    page: Any, axe: Any, login_as: Any
) -> None:
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    login_as(page, officer)
    page.wait_for_url("**/privacy/")
    expect(page.get_by_role("heading", name="Privacyconsole", level=1)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Auditketen controleren").click()
    page.get_by_role("button", name="Controle starten").click()
    expect(page.get_by_text("Bezig…")).to_be_visible()
    axe(page)
    # The worker (here: the test) runs the queued check; htmx polls the status in.
    verify_chain_task.call(ChainVerification.objects.get().pk)
    expect(page.get_by_text("De auditketen is intact.")).to_be_visible(timeout=10_000)
    axe(page)


def test_privacy_officer_sees_logins_and_runs_a_retention_dry_run(
    page: Any, axe: Any, login_as: Any, team: Any
) -> None:
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    login_as(page, officer)
    page.wait_for_url("**/privacy/")
    page.get_by_role("link", name="Inlogpogingen bekijken").click()
    expect(page.get_by_role("heading", name="Blokkades die nu gelden")).to_be_visible()
    axe(page)
    page.goto("/privacy/")
    page.get_by_role("link", name="Proefdraai en verslagen").click()
    page.get_by_role("button", name="Proefdraai starten").click()
    expect(page.get_by_text("De proefdraai is gestart.")).to_be_visible()
    dry_run_task.call(RetentionRun.objects.get().pk)
    page.get_by_role("link", name="Pagina vernieuwen").click()
    expect(page.get_by_role("rowheader", name=team.name).first).to_be_visible()
    axe(page)


def test_privacy_officer_downloads_the_log_and_the_overview(
    page: Any, axe: Any, login_as: Any, member: Any, case: Any
) -> None:
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    with transaction.atomic():
        record(actor=member, action=AuditAction.VIEW, code="case.view", case=case)
    login_as(page, officer)
    page.wait_for_url("**/privacy/")
    page.get_by_role("link", name="Auditlog doorzoeken").click()
    page.get_by_label("Kenmerk traject").fill(case.reference)
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("cell", name="Traject ingezien").first).to_be_visible()
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Exporteren als CSV").click()
    assert csv_download.value.suggested_filename == "auditlog.csv"
    page.goto("/audit/inzage/")
    page.get_by_label("Kenmerk van een traject van de inwoner").fill(case.reference)
    page.get_by_role("button", name="Overzicht tonen").click()
    expect(page.get_by_role("link", name="Downloaden als pdf")).to_be_visible()
    axe(page)
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Downloaden als pdf").click()
    assert pdf_download.value.suggested_filename == "inzage-auditlog.pdf"
