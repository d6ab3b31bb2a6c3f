"""Recording, replacing and withdrawing consent and its signed scan. Every write is
audited in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opkoers.accounts.models import Organisation
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.consent.models import ConsentMethod, ConsentVersion

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.consent.case import ConsentCase

DEFAULT_MAX_SCAN_BYTES = 5 * 1024 * 1024
# Magic bytes: the extension and the browser's content type are whatever the sender says.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


DEFAULT_MAX_VALIDITY_DAYS = 730


def max_scan_bytes() -> int:
    return int(settings.OPKOERS.get("CONSENT_SCAN_MAX_BYTES", DEFAULT_MAX_SCAN_BYTES))


def max_validity_days() -> int:
    """How long one consent may run at most (OPKOERS["CONSENT_MAX_VALIDITY_DAYS"])."""
    return int(settings.OPKOERS.get("CONSENT_MAX_VALIDITY_DAYS", DEFAULT_MAX_VALIDITY_DAYS))


def _check_can_edit(case: ConsentCase) -> None:
    if case.is_closed:
        raise ValidationError(
            _("Dit traject is afgesloten; de toestemming kan niet meer veranderen."),
            code="case_closed",
        )


def record_consent(
    *,
    case: ConsentCase,
    by: User,
    organisations: Iterable[Organisation],
    purpose: str,
    method: str,
    given_on: datetime.date,
    valid_until: datetime.date,
    witness_name: str = "",
) -> ConsentVersion:
    """Records a new version of the resident's consent; the previous one becomes history."""
    _check_can_edit(case)
    organisations = list(organisations)
    errors: dict[str, ValidationError] = {}

    def error(field: str, message: str, code: str) -> None:
        errors[field] = ValidationError(message, code=code)

    if not organisations:
        error("organisations", _("Kies minstens één organisatie."), "organisations_required")
    if not purpose.strip():
        error("purpose", _("Beschrijf waarvoor de gegevens gedeeld worden."), "purpose_required")
    if method not in ConsentMethod.values:
        error("method", _("Kies hoe de toestemming is gegeven."), "method_invalid")
    if method == ConsentMethod.VERBAL and not witness_name.strip():
        error(
            "witness_name",
            _("Bij mondelinge toestemming is de naam van de getuige nodig."),
            "witness_required",
        )
    if given_on > timezone.localdate():
        error(
            "given_on",
            _("De datum van de toestemming kan niet in de toekomst liggen."),
            "given_in_future",
        )
    if valid_until < given_on:
        error(
            "valid_until",
            _("‘Geldig tot’ moet na de datum van de toestemming liggen."),
            "valid_before_given",
        )
    elif given_on <= timezone.localdate() and (valid_until - given_on).days > max_validity_days():
        latest = given_on + datetime.timedelta(days=max_validity_days())
        error(
            "valid_until",
            _(
                "Een toestemming geldt hoogstens %(days)s dagen: kies uiterlijk %(latest)s. "
                "Vraag daarna om nieuwe toestemming."
            )
            % {"days": max_validity_days(), "latest": date_format(latest, "j F Y")},
            "valid_too_long",
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        resident = case.resident
        # Lock the resident's versions so two simultaneous saves cannot both be current.
        previous = list(
            ConsentVersion.objects.select_for_update().filter(resident=resident, is_current=True)
        )
        last = ConsentVersion.objects.filter(resident=resident).aggregate(n=Max("number"))["n"]
        ConsentVersion.objects.filter(pk__in=[v.pk for v in previous]).update(is_current=False)
        version = ConsentVersion.objects.create(
            resident=resident,
            number=(last or 0) + 1,
            is_current=True,
            purpose=purpose.strip(),
            method=method,
            witness_name=witness_name.strip() if method == ConsentMethod.VERBAL else "",
            given_on=given_on,
            valid_until=valid_until,
            recorded_by=by,
        )
        version.organisations.set(organisations)
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="consent.record",
            case=case,
            obj=version,
            detail={
                "number": version.number,
                "organisations": [str(o.pk) for o in organisations],
            },
        )
    return version


def withdraw_consent(
    *, case: ConsentCase, by: User, withdrawn_by: str, withdrawn_on: datetime.date | None = None
) -> ConsentVersion:
    """Access stops at once: every check reads the current version on every request."""
    withdrawn_on = withdrawn_on or timezone.localdate()
    if not withdrawn_by.strip():
        raise ValidationError({"withdrawn_by": _("Vul in wie de toestemming intrekt.")})
    if withdrawn_on > timezone.localdate():
        raise ValidationError(
            {"withdrawn_on": _("De datum van intrekken kan niet in de toekomst liggen.")}
        )
    with transaction.atomic():
        version = (
            ConsentVersion.objects.select_for_update()
            .filter(resident_id=case.resident_id, is_current=True)
            .first()
        )
        if version is None or version.withdrawn_on is not None:
            raise ValidationError(_("Er is geen geldende toestemming om in te trekken."))
        version.withdrawn_on = withdrawn_on
        version.withdrawn_by = withdrawn_by.strip()
        version.withdrawal_recorded_by = by
        version.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_recorded_by"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="consent.withdraw",
            case=case,
            obj=version,
            detail={"number": version.number},
        )
    return version


def sniff_content_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def attach_scan(*, case: ConsentCase, by: User, upload: UploadedFile) -> ConsentVersion:
    """Stores the signed form with the current version, outside the web root."""
    if upload.size is None or upload.size > max_scan_bytes():
        raise ValidationError(
            {
                "scan": _("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.")
                % {"mb": max_scan_bytes() // (1024 * 1024)}
            }
        )
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ValidationError(
            {"scan": _("Dit bestand is geen PDF, JPEG of PNG. Scan het formulier opnieuw.")}
        )
    with transaction.atomic():
        version = (
            ConsentVersion.objects.select_for_update()
            .filter(resident_id=case.resident_id, is_current=True)
            .first()
        )
        if version is None:
            raise ValidationError(
                {"scan": _("Leg eerst de toestemming vast; daarna kunt u de scan toevoegen.")}
            )
        old_name = version.scan.name if version.scan else ""
        version.scan_content_type = content_type
        version.scan.save("scan", upload, save=False)
        version.save(update_fields=["scan", "scan_content_type"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="consent.scan_upload",
            case=case,
            obj=version,
            detail={"content_type": content_type, "size": upload.size},
        )
        if old_name and old_name != version.scan.name:
            transaction.on_commit(lambda: version.scan.storage.delete(old_name))
    return version
