"""The price list and the two timelines of a case."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opkoers.cases.models import Case
from opkoers.core.concurrency import Versioned
from opkoers.core.models import BaseModel


class Payer(models.TextChoices):
    """Who bears a cost. Stored on the price item as the usual payer and copied onto
    each entry, where the team may choose another."""

    MUNICIPALITY = "gemeente", _("Gemeente")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    HEALTH_INSURER = "zorgverzekeraar", _("Zorgverzekeraar")
    UWV = "uwv", _("UWV")
    STATE = "rijk", _("Rijk")
    EMPLOYER = "werkgever", _("Werkgever")
    RESIDENT = "inwoner", _("Inwoner zelf")
    OTHER = "overig", _("Overig")


class Timeline(models.TextChoices):
    INTERVENTION = "interventie", _("Met Op Koers")
    REFERENCE = "referentie", _("Zonder Op Koers (referentie)")


class PriceItem(BaseModel):
    """One priced kind of event or support. Data, not code: the functional admin keeps
    the list; the default set (migration 0002) is indicative only."""

    name = models.CharField(_("naam"), max_length=160, unique=True)
    unit = models.CharField(
        _("eenheid"), max_length=40, help_text=_("Bijvoorbeeld ‘per uur’, ‘per keer’, ‘per maand’.")
    )
    price = models.DecimalField(_("prijs"), max_digits=12, decimal_places=2)
    payer = models.CharField(
        _("wie draagt de kosten"), max_length=20, choices=Payer.choices, default=Payer.MUNICIPALITY
    )
    source = models.CharField(
        _("bron"),
        max_length=300,
        help_text=_("Waar komt deze prijs vandaan? Noem de publicatie of het lokale tarief."),
    )
    source_url = models.URLField(_("link naar de bron"), blank=True)
    year = models.PositiveSmallIntegerField(_("peiljaar"))
    explanation = models.TextField(
        _("toelichting"), blank=True, help_text=_("Wat valt eronder, welke aanname zit erin?")
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("prijs")
        verbose_name_plural = _("prijslijst")
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="priceitem_price_not_negative"),
        ]
        indexes = [models.Index(fields=["active", "name"], name="priceitem_active_name")]

    def __str__(self) -> str:
        return self.name


class TimelineEntry(Versioned, BaseModel):
    """One priced line on one of a case's two timelines. The unit price and payer are
    copied from the price list when the entry is made, so a later price change does
    not rewrite past estimates (docs/decisions/0013-effects-calculator.md)."""

    # No index of its own: effect_case_timeline starts with it.
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="effect_entries", db_index=False
    )
    timeline = models.CharField(_("tijdlijn"), max_length=12, choices=Timeline.choices)
    price_item = models.ForeignKey(
        PriceItem, verbose_name=_("post"), on_delete=models.PROTECT, related_name="entries"
    )
    quantity = models.DecimalField(_("aantal"), max_digits=9, decimal_places=2)
    unit_price = models.DecimalField(_("prijs per eenheid"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    payer = models.CharField(_("wie draagt de kosten"), max_length=20, choices=Payer.choices)
    occurred_on = models.DateField(_("datum"), null=True, blank=True)
    description = models.CharField(_("toelichting"), max_length=300, blank=True)
    # Set on team time proposed from a held conversation, so that proposing again adds
    # only conversations not yet counted.
    conversation = models.ForeignKey(
        "meetings.Conversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="effect_entries",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = [models.F("occurred_on").asc(nulls_last=True), "created_at"]
        verbose_name = _("post op de tijdlijn")
        verbose_name_plural = _("posten op de tijdlijn")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="timelineentry_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(timeline__in=["interventie", "referentie"]),
                name="timelineentry_timeline_valid",
            ),
            models.UniqueConstraint(
                fields=["conversation"],
                condition=Q(conversation__isnull=False),
                name="timelineentry_one_per_conversation",
            ),
        ]
        indexes = [
            # The case page and the aggregate (joined on closed cases of a period, which
            # Case's case_status_closed index selects) both enter through the case.
            models.Index(fields=["case", "timeline", "payer"], name="effect_case_timeline"),
        ]

    def __str__(self) -> str:
        return f"{self.price_item} × {self.quantity}"


ZERO = Decimal("0.00")
