from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.consent import services
from opkoers.consent.models import ConsentMethod, ConsentVersion

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def record(case, by, **overrides):
    data = {
        "case": case,
        "by": by,
        "organisations": [by.organisation],
        "purpose": "Samen werken aan het plan.",
        "method": ConsentMethod.SIGNED_FORM,
        "given_on": TODAY(),
        "valid_until": TODAY() + datetime.timedelta(days=180),
    }
    data.update(overrides)
    return services.record_consent(**data)


def test_new_version_keeps_history(member, case):
    first = ConsentVersion.objects.get(resident=case.resident)
    second = record(case, member)
    third = record(case, member, purpose="Nieuw doel.")
    versions = list(ConsentVersion.objects.filter(resident=case.resident).order_by("number"))
    assert [v.number for v in versions] == [first.number, second.number, third.number]
    assert [v.is_current for v in versions] == [False, False, True]
    assert versions[0].purpose == first.purpose
    assert AuditEvent.objects.filter(code="consent.record", case_id=case.pk).count() == 2


def test_verbal_consent_needs_a_witness(member, case):
    with pytest.raises(ValidationError) as exc:
        record(case, member, method=ConsentMethod.VERBAL, witness_name=" ")
    assert "getuige" in str(exc.value)
    version = record(case, member, method=ConsentMethod.VERBAL, witness_name="Jan Getuige")
    assert version.witness_name == "Jan Getuige"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"organisations": []}, "organisations", "organisations_required"),
        ({"purpose": "  "}, "purpose", "purpose_required"),
        ({"given_on": TODAY() + datetime.timedelta(days=1)}, "given_on", "given_in_future"),
        (
            {"valid_until": TODAY() - datetime.timedelta(days=1)},
            "valid_until",
            "valid_before_given",
        ),
        ({"valid_until": TODAY() + datetime.timedelta(days=731)}, "valid_until", "valid_too_long"),
    ],
)
def test_refused_consent(member, case, overrides, field, code):
    before = ConsentVersion.objects.count()
    with pytest.raises(ValidationError) as exc:
        record(case, member, **overrides)
    assert [e.code for e in exc.value.error_dict[field]] == [code]
    assert ConsentVersion.objects.count() == before


def test_maximum_validity_is_inclusive_and_configurable(settings, member, case):
    given = TODAY() - datetime.timedelta(days=10)
    version = record(case, member, given_on=given, valid_until=given + datetime.timedelta(730))
    assert version.valid_until == given + datetime.timedelta(days=730)
    settings.OPKOERS = {**settings.OPKOERS, "CONSENT_MAX_VALIDITY_DAYS": 100}
    with pytest.raises(ValidationError) as exc:
        record(case, member, given_on=given, valid_until=given + datetime.timedelta(101))
    assert exc.value.error_dict["valid_until"][0].code == "valid_too_long"


def test_closed_case_refuses_new_consent(member, case):
    # Set directly on the in-memory object: how a case closes is the state machine's
    # business, tested in cases; here only the refusal matters.
    case.status = "afgesloten"
    with pytest.raises(ValidationError):
        record(case, member)


def test_withdraw_records_who_and_audits(member, case):
    version = services.withdraw_consent(case=case, by=member, withdrawn_by="de inwoner")
    assert version.withdrawn_on == TODAY()
    assert version.withdrawn_by == "de inwoner" and version.withdrawal_recorded_by == member
    assert AuditEvent.objects.filter(code="consent.withdraw", case_id=case.pk).exists()
    with pytest.raises(ValidationError):
        services.withdraw_consent(case=case, by=member, withdrawn_by="de inwoner")


def test_withdraw_needs_a_name_and_no_future_date(member, case):
    with pytest.raises(ValidationError):
        services.withdraw_consent(case=case, by=member, withdrawn_by="")
    with pytest.raises(ValidationError):
        services.withdraw_consent(
            case=case,
            by=member,
            withdrawn_by="de inwoner",
            withdrawn_on=TODAY() + datetime.timedelta(days=2),
        )
    assert ConsentVersion.objects.get(resident=case.resident).withdrawn_on is None


def test_scan_magic_bytes_decide_not_the_name(member, case):
    exe = SimpleUploadedFile("formulier.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.attach_scan(case=case, by=member, upload=exe)
    assert "geen PDF, JPEG of PNG" in str(exc.value)
    png = SimpleUploadedFile("x.exe", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "application/x-msdos")
    version = services.attach_scan(case=case, by=member, upload=png)
    assert version.scan_content_type == "image/png"
    assert version.scan.name.endswith(".png") and "x.exe" not in version.scan.name


def test_scan_size_limit(settings, member, case):
    settings.OPKOERS = {**settings.OPKOERS, "CONSENT_SCAN_MAX_BYTES": 1024 * 1024}
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.attach_scan(case=case, by=member, upload=big)
    assert "te groot" in str(exc.value)
    assert not ConsentVersion.objects.get(resident=case.resident).scan


def test_scan_is_stored_outside_static_and_has_no_url(settings, private_media, member, case):
    pdf = SimpleUploadedFile("f.pdf", b"%PDF-1.4\n%%EOF", "application/pdf")
    version = services.attach_scan(case=case, by=member, upload=pdf)
    path = version.scan.path
    assert path.startswith(str(private_media))
    assert not path.startswith(str(settings.STATIC_ROOT))
    with pytest.raises(ValueError):
        version.scan.url  # noqa: B018
