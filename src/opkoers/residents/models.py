"""Residents, their network and their communication needs.

A resident belongs to one team (the team that registered them): that keeps every row
scoped to a team, as a multi-team deployment needs."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Team
from opkoers.core.concurrency import Versioned
from opkoers.core.models import BaseModel


class Resident(Versioned, BaseModel):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="residents")
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    has_no_address = models.BooleanField(
        _("geen vast adres"),
        default=False,
        help_text=_("Bijvoorbeeld dakloos, slaapt bij familie of vrienden, of in de opvang."),
    )
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    address_note = models.CharField(
        _("verblijf / postadres"),
        max_length=300,
        blank=True,
        help_text=_("Waar de inwoner verblijft of post ontvangt als er geen vast adres is."),
    )
    # Search is on names; a lowercase copy keeps the index usable on every database.
    search_name = models.CharField(max_length=260, editable=False, db_index=True)

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        indexes = [
            models.Index(
                Lower("last_name"),
                Lower("first_name"),
                "date_of_birth",
                name="resident_duplicate_lookup",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class NetworkPerson(BaseModel):
    """Someone from the resident's own network: family, a friend, a debt buddy."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(_("naam"), max_length=200)
    relation = models.CharField(_("relatie tot de inwoner"), max_length=100)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerkpersoon")
        verbose_name_plural = _("netwerkpersonen")

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"


class CommunicationNeedKind(models.TextChoices):
    DEAF = "doof", _("Doof of slechthorend")
    SIGN_LANGUAGE = "gebarentaal", _("Gebarentolk nodig")
    INTERPRETER = "tolk", _("Tolk nodig")
    LANGUAGE = "taal", _("Spreekt (nog) weinig Nederlands")
    READING = "lezen", _("Moeite met lezen of schrijven")
    VISUAL = "visueel", _("Blind of slechtziend")
    OTHER = "overig", _("Anders")


class CommunicationNeed(BaseModel):
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="communication_needs"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=CommunicationNeedKind.choices)
    detail = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld welke taal, of wat wel werkt (schrijven, beeldbellen)."),
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("communicatiebehoefte")
        verbose_name_plural = _("communicatiebehoeften")
        constraints = [
            models.UniqueConstraint(fields=["resident", "kind"], name="commneed_unique_kind"),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label}: {self.detail}" if self.detail else str(label)
