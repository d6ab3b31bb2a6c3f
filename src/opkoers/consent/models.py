"""Consent versions and legal bases."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Organisation
from opkoers.consent import legal_bases
from opkoers.consent.legal_bases import StatutoryBasis
from opkoers.consent.storage import private_storage
from opkoers.core.models import BaseModel
from opkoers.residents.models import Resident


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "formulier", _("Ondertekend formulier")
    DIGITAL = "digitaal", _("Digitaal gegeven")
    VERBAL = "mondeling", _("Mondeling, met getuige")


class ConsentVersionQuerySet(models.QuerySet["ConsentVersion"]):
    def current(self) -> ConsentVersionQuerySet:
        return self.filter(is_current=True)

    def valid_on(self, day: datetime.date) -> ConsentVersionQuerySet:
        """Current, not withdrawn, already given and not yet expired."""
        return self.filter(
            is_current=True, withdrawn_on__isnull=True, given_on__lte=day, valid_until__gte=day
        )


def scan_path(instance: ConsentVersion, filename: str) -> str:
    # The name the user gave the file never reaches the disk (no path tricks, no names).
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.scan_content_type, "bin"
    )
    return f"toestemming/{instance.resident_id}/{instance.pk}.{extension}"


class ConsentVersion(BaseModel):
    """One version of a resident's consent. Exactly one version per resident is current
    (the latest); older versions are history and never change again, except that a
    withdrawal is written on the current version."""

    # No index of its own: the unique (resident, number) constraint starts with it.
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="consent_versions", db_index=False
    )
    number = models.PositiveIntegerField(_("versie"))
    is_current = models.BooleanField(default=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisaties"), related_name="consent_versions"
    )
    purpose = models.TextField(_("doel"))
    method = models.CharField(_("hoe gegeven"), max_length=16, choices=ConsentMethod.choices)
    witness_name = models.CharField(_("naam getuige"), max_length=200, blank=True)
    given_on = models.DateField(_("gegeven op"))
    valid_until = models.DateField(_("geldig tot en met"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.CharField(_("ingetrokken door"), max_length=200, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    scan = models.FileField(
        _("ondertekend formulier"), storage=private_storage, upload_to=scan_path, blank=True
    )
    scan_content_type = models.CharField(max_length=40, blank=True)

    objects = ConsentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["resident", "-number"]
        verbose_name = _("toestemming (versie)")
        verbose_name_plural = _("toestemmingen (versies)")
        constraints = [
            models.UniqueConstraint(fields=["resident", "number"], name="consent_version_unique"),
            models.UniqueConstraint(
                fields=["resident"], condition=Q(is_current=True), name="consent_one_current"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("given_on")), name="consent_valid_after_given"
            ),
        ]
        # The access check looks up the current version of a resident on every case page.
        indexes = [
            models.Index(fields=["resident"], condition=Q(is_current=True), name="consent_current"),
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} v{self.number}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def is_valid_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (
            self.is_current
            and self.withdrawn_on is None
            and self.given_on <= day <= self.valid_until
        )


class LegalBasisStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Aangevraagd")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    REJECTED = "afgewezen", _("Afgewezen")
    ENDED = "beeindigd", _("Beëindigd")


# A request that is still open or a basis that may still count: at most one per
# organisation on a case.
OPEN_STATUSES = (LegalBasisStatus.REQUESTED, LegalBasisStatus.APPROVED)


class LegalBasisQuerySet(models.QuerySet["LegalBasis"]):
    def in_force(self, on: datetime.date | None = None) -> LegalBasisQuerySet:
        """Only these count for access: approved, and `on` within the period. An ended
        basis has status ENDED, so it never counts again."""
        day = on or timezone.localdate()
        return self.filter(status=LegalBasisStatus.APPROVED, starts_on__lte=day, ends_on__gte=day)

    def pending(self) -> LegalBasisQuerySet:
        return self.filter(status=LegalBasisStatus.REQUESTED)


class LegalBasis(BaseModel):
    """A request for, and once approved a decision on, a statutory basis (other than
    consent) on which one organisation may process this case's data. Requested by one
    person at the table, approved or rejected by a second (project leader or privacy
    officer), with an end date; never deleted, so the history stays."""

    # A lazy reference: consent does not import cases (cases depends on consent).
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="legal_bases", db_index=False
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    # Blank only on rows migrated from the old free-text field (never in force).
    basis = models.CharField(
        _("wettelijke grondslag"), max_length=32, choices=StatutoryBasis.choices, blank=True
    )
    motivation = models.TextField(_("motivering"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=LegalBasisStatus.choices,
        default=LegalBasisStatus.REQUESTED,
    )
    starts_on = models.DateField(_("geldig vanaf"))
    ends_on = models.DateField(_("geldig tot en met"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("aangevraagd op"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The role at the time of the decision: a role can change later, the decision not.
    decided_by_role = models.CharField(max_length=32, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(_("reden van beëindigen"), blank=True)

    objects = LegalBasisQuerySet.as_manager()

    class Meta:
        ordering = ["case", "organisation__name", "-requested_on"]
        verbose_name = _("wettelijke grondslag")
        verbose_name_plural = _("wettelijke grondslagen")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(status__in=OPEN_STATUSES),
                name="legalbasis_one_open",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="legalbasis_ends_after_start"
            ),
        ]
        indexes = [
            # The access check on every case page (is a basis in force here?) and the
            # case's history; few rows per case, so no partial index is needed.
            models.Index(fields=["case", "organisation"], name="legalbasis_case_org"),
            # The approvers' queue.
            models.Index(
                fields=["status", "ends_on"],
                condition=Q(status__in=OPEN_STATUSES),
                name="legalbasis_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_basis_display() or '-'} ({self.get_status_display()})"

    @property
    def article(self) -> str:
        return legal_bases.article(self.basis)

    def is_in_force(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.status == LegalBasisStatus.APPROVED and self.starts_on <= day <= self.ends_on

    def is_expired(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.status == LegalBasisStatus.APPROVED and self.ends_on < day
