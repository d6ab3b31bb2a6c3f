"""Consent versions and legal bases."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Organisation
from opkoers.cases.models import Case
from opkoers.consent.storage import private_storage
from opkoers.core.models import BaseModel
from opkoers.residents.models import Resident


class DataCategory(models.TextChoices):
    INCOME = "inkomen", _("Inkomen en uitkering")
    DEBTS = "schulden", _("Schulden")
    HOUSING = "wonen", _("Wonen")
    HEALTH = "gezondheid", _("Gezondheid")
    FAMILY = "gezin", _("Gezin en relaties")
    WORK = "werk", _("Werk en opleiding")
    JUSTICE = "justitie", _("Justitie")
    DAYTIME = "dagbesteding", _("Dagbesteding")


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
    categories = models.JSONField(_("soorten gegevens"), default=list)
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

    def get_categories_display(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels.get(c, c)) for c in self.categories]


class LegalBasis(BaseModel):
    """A legal ground, other than consent, on which one organisation may process this
    case's data (for example a statutory duty to provide debt relief)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_bases")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    law = models.CharField(
        _("wet en artikel"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Wet gemeentelijke schuldhulpverlening, artikel 5."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField(_("vastgelegd op"))

    class Meta:
        ordering = ["case", "organisation__name"]
        verbose_name = _("wettelijke grondslag")
        verbose_name_plural = _("wettelijke grondslagen")
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="legalbasis_unique"),
        ]

    def __str__(self) -> str:
        return self.law
