from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.cases.tests.factories import CaseTeamMemberFactory
from opkoers.consent.models import ConsentVersion, LegalBasis
from opkoers.consent.pdf import render_form_html
from opkoers.consent.tests.factories import give_team_consent

pytestmark = pytest.mark.django_db


def url(name, case, *args):
    return reverse(f"consent:{name}", args=[case.pk, *args])


def consent_post(member, **extra):
    data = {
        "organisations": [str(member.organisation_id)],
        "purpose": "Samen werken aan het plan.",
        "method": "formulier",
        "witness_name": "",
        "given_on": "2026-01-05",
        "valid_until": "2027-01-04",
        "submission_token": "7f1e3a52-8f0b-4c1e-9a53-0d6f2b1c9e11",
    }
    data.update(extra)
    return data


def test_consent_page_shows_current_and_history(client_for, member, case):
    give_team_consent(case, purpose="Tweede versie van het doel.")
    response = client_for(member).get(url("case", case))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tweede versie van het doel." in html and "Eerdere versies" in html
    assert AuditEvent.objects.filter(code="consent.view", actor=member).count() == 1


def test_case_page_shows_consent_section(client_for, member, case):
    html = client_for(member).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert url("case", case) in html and "geldig tot en met" in html


def test_record_consent_through_the_form_once(client_for, member, case):
    client = client_for(member)
    first = client.post(url("record", case), consent_post(member))
    second = client.post(url("record", case), consent_post(member))
    assert first.status_code == 302 and second.status_code == 302
    assert ConsentVersion.objects.filter(resident=case.resident).count() == 2


def test_bad_consent_form_keeps_input_and_says_why(client_for, member, case):
    data = consent_post(member, method="mondeling", purpose="Mijn eigen woorden")
    response = client_for(member).post(url("record", case), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "getuige" in html and "Mijn eigen woorden" in html
    assert ConsentVersion.objects.filter(resident=case.resident).count() == 1


def test_withdraw_via_the_page(client_for, member, case):
    response = client_for(member).post(
        url("withdraw", case), {"withdrawn_by": "de inwoner", "withdrawn_on": "2026-01-06"}
    )
    assert response.status_code == 302
    assert ConsentVersion.objects.get(resident=case.resident).withdrawn_by == "de inwoner"


def test_legal_basis_is_requested_via_the_page(client_for, member, case):
    from opkoers.consent.models import LegalBasisStatus

    response = client_for(member).post(
        url("legal_basis", case),
        {
            "organisation": str(member.organisation_id),
            "basis": "wgs_schuldhulp",
            "motivation": "Schuldhulp loopt.",
            "ends_on": "2099-01-01",
        },
    )
    # Too far ahead: refused, what was typed stays.
    assert response.status_code == 422
    assert "Schuldhulp loopt." in response.content.decode()
    assert not LegalBasis.objects.filter(case=case).exists()
    ends = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    response = client_for(member).post(
        url("legal_basis", case),
        {
            "organisation": str(member.organisation_id),
            "basis": "wgs_schuldhulp",
            "motivation": "Schuldhulp loopt.",
            "ends_on": ends,
            "submission_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    basis = LegalBasis.objects.get(case=case)
    assert basis.status == LegalBasisStatus.REQUESTED and basis.requested_by == member


def test_consent_form_refuses_too_long_validity_and_keeps_input(client_for, member, case):
    data = consent_post(
        member,
        purpose="Mijn eigen woorden",
        given_on=timezone.localdate().isoformat(),
        valid_until=(timezone.localdate() + datetime.timedelta(days=800)).isoformat(),
    )
    response = client_for(member).post(url("record", case), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "hoogstens 730 dagen" in html and "Mijn eigen woorden" in html
    assert ConsentVersion.objects.filter(resident=case.resident).count() == 1


@pytest.mark.security
def test_colleague_not_on_case_team_may_not_record(client_for, colleague, case):
    client = client_for(colleague)
    assert client.get(url("case", case)).status_code == 200
    assert client.post(url("record", case), consent_post(colleague)).status_code == 403
    assert client.post(url("withdraw", case), {"withdrawn_by": "x"}).status_code == 403


@pytest.mark.security
def test_uncovered_case_member_may_view_consent_page_but_not_record(client_for, uncovered, case):
    client = client_for(uncovered)
    response = client.get(url("case", case))
    html = response.content.decode()
    assert response.status_code == 200
    assert case.resident.last_name not in html and case.resident.first_name not in html
    assert "Umar Zonder" in html  # named in the "not covered" warning
    assert client.post(url("record", case), consent_post(uncovered)).status_code == 403


@pytest.mark.security
@pytest.mark.parametrize("name", ["case", "form_pdf"])
def test_outsider_gets_404_on_consent_pages(client_for, outsider, case, name):
    assert client_for(outsider).get(url(name, case)).status_code == 404


@pytest.mark.security
@pytest.mark.parametrize("name", ["record", "withdraw", "legal_basis", "upload"])
def test_outsider_gets_404_on_consent_posts(client_for, outsider, case, name):
    assert client_for(outsider).post(url(name, case), {}).status_code == 404


@pytest.mark.security
def test_upload_rejects_renamed_exe_in_dutch(client_for, member, case):
    exe = SimpleUploadedFile("formulier.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf")
    response = client_for(member).post(url("upload", case), {"scan": exe})
    assert response.status_code == 200
    assert "geen PDF, JPEG of PNG" in response.content.decode()
    assert not ConsentVersion.objects.get(resident=case.resident).scan


@pytest.mark.security
def test_upload_rejects_oversized_file_in_dutch(settings, client_for, member, case):
    settings.OPKOERS = {**settings.OPKOERS, "CONSENT_SCAN_MAX_BYTES": 1024 * 1024}
    big = SimpleUploadedFile("f.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1), "application/pdf")
    response = client_for(member).post(url("upload", case), {"scan": big})
    assert response.status_code == 200
    assert "te groot" in response.content.decode()


@pytest.mark.security
def test_scan_download_checks_permission_and_audits(client_for, member, uncovered, outsider, case):
    scan = SimpleUploadedFile("f.jpg", b"\xff\xd8\xff\xe0" + b"1" * 64, "image/jpeg")
    assert client_for(member).post(url("upload", case), {"scan": scan}).status_code == 302
    version = ConsentVersion.objects.get(resident=case.resident)
    download = url("scan", case, version.pk)

    response = client_for(member).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment" in response["Content-Disposition"]
    row = AuditEvent.objects.get(code="consent.scan_download")
    assert row.actor == member and row.action == AuditAction.EXPORT and row.case_id == case.pk

    assert client_for(uncovered).get(download).status_code == 403
    assert client_for(outsider).get(download).status_code == 404
    assert AuditEvent.objects.filter(code="consent.scan_download").count() == 1


def test_form_pdf_names_the_team_organisations(client_for, member, team, case):
    UserFactory(teams=[team], organisation=OrganisationFactory(name="Kredietbank Voorbeeld"))
    html = render_form_html(case)
    assert "Kredietbank Voorbeeld" in html and member.organisation.name in html
    assert case.resident.last_name not in html
    response = client_for(member).get(url("form_pdf", case))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(code="consent.form_pdf").exists()


@pytest.mark.parametrize("size", [1, 10])
def test_consent_page_query_count_does_not_grow(
    client_for, member, team, case, size, django_assert_max_num_queries
):
    for _ in range(size):
        CaseTeamMemberFactory(case=case)
        give_team_consent(case)
    client = client_for(member)
    with django_assert_max_num_queries(16):
        assert client.get(url("case", case)).status_code == 200
