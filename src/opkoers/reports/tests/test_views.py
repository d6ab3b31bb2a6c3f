"""The dashboard and its exports: who may see what, the period form, the audit row."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.reports.figures import Kind
from opkoers.reports.tests.handbuilt import END, START

pytestmark = pytest.mark.django_db

URL = "/rapportage/"
PERIOD = {"date_from": START.isoformat(), "date_to": END.isoformat()}


def test_member_sees_exact_figures_of_own_team(client_for, member, handbuilt):
    response = client_for(member).get(URL, {**PERIOD, "team": str(handbuilt.team.pk)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Aanmeldingen per kanaal" in body
    report = response.context["report"]
    assert not report.suppressed
    assert report.headline[0][1].value == 4
    assert "&lt; 5" not in body


def test_default_period_is_this_calendar_year(client_for, member, handbuilt):
    report = client_for(member).get(URL).context["report"]
    assert report.start.month == 1 and report.start.day == 1
    assert report.end.month == 12 and report.end.day == 31


def test_project_leader_sees_reports(client_for, project_leader, handbuilt):
    assert client_for(project_leader).get(URL, PERIOD).status_code == 200


@pytest.mark.security
def test_policy_staff_see_suppressed_aggregates(client_for, policy_staff, handbuilt):
    response = client_for(policy_staff).get(URL, {**PERIOD, "team": str(handbuilt.team.pk)})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.suppressed
    registered = report.headline[0][1]
    assert registered.suppressed and registered.value is None  # 4 registrations
    assert "&lt; 5" in response.content.decode()
    # No small count, nor a figure over a small number, anywhere the page got.
    for section in report.sections:
        cells = [c for _l, c in section.figures] + [
            c for t in section.tables for row in t.rows for c in row
        ]
        for cell in cells:
            if cell.kind is Kind.COUNT:
                assert cell.suppressed or cell.value == 0 or cell.value >= 5
            if cell.kind is Kind.DAYS and cell.value is not None:
                assert cell.basis >= 5


@pytest.mark.security
@pytest.mark.parametrize("role", [Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER])
def test_roles_without_reports_get_403(client_for, role, handbuilt):
    user = UserFactory(role=role)
    assert client_for(user).get(URL).status_code == 403
    assert client_for(user).get(URL + "factsheet.csv").status_code == 403


@pytest.mark.security
def test_outsider_cannot_see_other_teams_figures(client_for, outsider, handbuilt):
    team = str(handbuilt.team.pk)
    for path in ["", "factsheet.pdf", "factsheet.csv", "factsheet.xlsx"]:
        assert client_for(outsider).get(URL + path, {"team": team}).status_code == 404
    # Without a team the outsider gets their own team only: case X, none of A–E.
    report = client_for(outsider).get(URL, PERIOD).context["report"]
    assert report.headline[0][1].value == 1


@pytest.mark.security
def test_garbage_team_is_404(client_for, member, handbuilt):
    assert client_for(member).get(URL, {"team": "not-a-uuid"}).status_code == 404


@pytest.mark.security
def test_anonymous_is_sent_to_login(client, handbuilt):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_bad_period_keeps_input_and_explains(client_for, member, handbuilt):
    response = client_for(member).get(URL, {"date_from": "2025-12-01", "date_to": "2025-01-01"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "De einddatum ligt vóór de begindatum." in body
    assert 'value="2025-12-01"' in body
    assert not response.context["report"].sections
    response = client_for(member).get(URL, {"date_from": "gisteren"})
    assert response.status_code == 200
    assert 'value="gisteren"' in response.content.decode()


@pytest.mark.security
def test_viewing_and_exporting_are_audited(client_for, member, handbuilt):
    client = client_for(member)
    client.get(URL, PERIOD)
    client.get(URL + "factsheet.csv", PERIOD)
    view, export = AuditEvent.objects.order_by("id").filter(code__startswith="reports.")
    assert view.action == AuditAction.VIEW and view.code == "reports.factsheet"
    assert view.detail == {"team": "alle", "from": "2025-01-01", "to": "2025-12-31"}
    assert export.action == AuditAction.EXPORT and export.detail["format"] == "csv"
    assert view.case_id is None and view.resident_id is None


def test_csv_export(client_for, member, handbuilt):
    response = client_for(member).get(URL + "factsheet.csv", PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "Aangemeld in de periode;4" in text
    assert "Uitkering geregeld;2" in text


@pytest.mark.security
def test_csv_neutralises_formulas(client_for, member, handbuilt):
    from opkoers.accounts.models import Organisation

    Organisation.objects.filter(name="WIL Lekstroom").update(name="=HYPERLINK(1)")
    text = client_for(member).get(URL + "factsheet.csv", PERIOD).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    book = load_workbook(io.BytesIO(client_for(member).get(URL + "factsheet.xlsx", PERIOD).content))
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "'=HYPERLINK(1)" in values
    assert "=HYPERLINK(1)" not in values


def test_xlsx_export(client_for, member, handbuilt):
    response = client_for(member).get(URL + "factsheet.xlsx", PERIOD)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    first = book.worksheets[0]
    assert first["A2"].value == "Aangemeld in de periode"
    assert first["B2"].value == 4


def test_pdf_factsheet_has_headline_figures(client_for, member, handbuilt):
    response = client_for(member).get(URL + "factsheet.pdf", PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Factsheet Op Koers" in text
    assert "Aangemeld in de periode" in text
    assert "Uitkering geregeld" in text
    assert "90,0" in text  # median lead time to closing


@pytest.mark.security
def test_pdf_for_policy_staff_is_suppressed(client_for, policy_staff, handbuilt):
    response = client_for(policy_staff).get(URL + "factsheet.pdf", PERIOD)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "< 5" in text
    assert "90,0" not in text  # a median over two cases would point at them


def test_navigation_shows_rapportage_to_who_may_see_it(
    client_for, member, policy_staff, functional_admin
):
    assert 'href="/rapportage/"' in client_for(member).get("/").content.decode()
    assert 'href="/rapportage/"' in client_for(policy_staff).get("/").content.decode()
    assert (
        'href="/rapportage/"'
        not in client_for(functional_admin).get("/account/beheer/").content.decode()
    )


@pytest.mark.security
def test_threshold_comes_from_settings(client_for, policy_staff, handbuilt, settings):
    settings.REPORTS_SUPPRESSION_THRESHOLD = 3
    response = client_for(policy_staff).get(URL, {**PERIOD, "team": str(handbuilt.team.pk)})
    report = response.context["report"]
    assert report.headline[0][1].value == 4  # 4 registrations, not below 3
    assert "minder dan 3" in response.content.decode()
