"""Conversations and follow-up calls."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opkoers.cases.models import Case
from opkoers.core.concurrency import Versioned
from opkoers.core.models import BaseModel
from opkoers.residents.models import NetworkPerson


class ConversationKind(models.TextChoices):
    FIRST = "eerste", _("Eerste gesprek")
    FOLLOW_UP = "vervolg", _("Vervolggesprek")
    CLOSING = "afsluitend", _("Afsluitend gesprek")


class ConversationMode(models.TextChoices):
    PHYSICAL = "fysiek", _("Op locatie")
    DIGITAL = "digitaal", _("Digitaal (beeldbellen)")
    HOME_VISIT = "huisbezoek", _("Huisbezoek")


class ConversationStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    HELD = "gehouden", _("Gehouden")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class Conversation(Versioned, BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conversations")
    kind = models.CharField(_("soort gesprek"), max_length=12, choices=ConversationKind.choices)
    mode = models.CharField(_("vorm"), max_length=12, choices=ConversationMode.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ConversationStatus.choices,
        default=ConversationStatus.PLANNED,
    )
    scheduled_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(
        _("locatie of link"),
        max_length=300,
        blank=True,
        help_text=_("Adres, ruimte of de link voor het beeldgesprek."),
    )
    resident_agreed = models.BooleanField(_("de inwoner is akkoord met dit moment"), default=False)
    notes = models.TextField(_("verslag"), blank=True)
    decisions = models.TextField(_("besluiten en afspraken"), blank=True)
    held_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    cancel_reason = models.CharField(_("reden van annuleren"), max_length=300, blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["scheduled_at"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        indexes = [
            models.Index(fields=["case", "scheduled_at"], name="conversation_case"),
            models.Index(
                fields=["status", "scheduled_at"],
                name="conversation_planned",
                condition=Q(status="gepland"),
            ),
        ]


class ParticipantKind(models.TextChoices):
    RESIDENT = "inwoner", _("Inwoner")
    NETWORK = "netwerk", _("Netwerk")
    PROFESSIONAL = "professional", _("Professional")
    OTHER = "overig", _("Anders (bijv. tolk)")


class ConversationParticipant(BaseModel):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    kind = models.CharField(_("soort deelnemer"), max_length=16, choices=ParticipantKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    network_person = models.ForeignKey(
        NetworkPerson, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(
        _("naam"),
        max_length=200,
        blank=True,
        help_text=_("Voor wie geen account of netwerkpersoon is, zoals een tolk."),
    )

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"],
                condition=Q(user__isnull=False),
                name="participant_unique_user",
            ),
            models.UniqueConstraint(
                fields=["conversation", "network_person"],
                condition=Q(network_person__isnull=False),
                name="participant_unique_network",
            ),
            models.UniqueConstraint(
                fields=["conversation"],
                condition=Q(kind="inwoner"),
                name="participant_one_resident",
            ),
        ]


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Nog bellen")
    DONE = "gedaan", _("Gebeld")
    NOT_REACHED = "niet_bereikt", _("Niet bereikt")


class FollowUpCall(BaseModel):
    """Nabellen: a call a few working days after a conversation, by the contact person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_up_calls")
    conversation = models.OneToOneField(
        Conversation,
        on_delete=models.CASCADE,
        related_name="follow_up_call",
        null=True,
        blank=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("belt"),
        on_delete=models.PROTECT,
        related_name="follow_up_calls",
    )
    due_date = models.DateField(_("bellen op"))
    status = models.CharField(
        _("status"), max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    outcome = models.TextField(_("uitkomst"), blank=True)
    done_at = models.DateTimeField(_("gebeld op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("nabelafspraak")
        verbose_name_plural = _("nabelafspraken")
        indexes = [
            models.Index(
                fields=["assigned_to", "due_date"],
                name="followup_open_assignee",
                condition=Q(status="open"),
            ),
            models.Index(fields=["case", "due_date"], name="followup_case"),
        ]


class FollowUpAttempt(BaseModel):
    """One try at the follow-up call: reached or not, with what was said. A call that
    did not reach the resident stays open with a new date, so the attempts are the
    history of that call."""

    call = models.ForeignKey(FollowUpCall, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(_("tijdstip"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reached = models.BooleanField(_("bereikt"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["at"]
        verbose_name = _("belpoging")
        verbose_name_plural = _("belpogingen")
        indexes = [models.Index(fields=["call", "at"], name="followup_attempt_call")]


class ConversationSummary(BaseModel):
    """The plain-language summary (B1) of a held conversation, for the resident: kept
    apart from the professionals' report (`Conversation.notes`), shown to the team on
    the case pages and in the plan PDF, and later in the portal and in a notification.
    `version` goes up with every save; a form carries the version it was opened with,
    so that a second person's save is refused instead of silently overwritten."""

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="summary"
    )
    discussed = models.TextField(_("wat we hebben besproken"), blank=True)
    agreed = models.TextField(_("wat we hebben afgesproken"), blank=True)
    tasks = models.TextField(_("wie doet wat, en vóór wanneer"), blank=True)
    next_appointment = models.TextField(_("onze volgende afspraak"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(_("geschreven op"))
    version = models.PositiveIntegerField(default=1)
    # The resident's reaction, for the portal (not built yet): what they think of the
    # summary in their own words, and when.
    resident_reaction = models.TextField(_("reactie van de inwoner"), blank=True)
    resident_reacted_at = models.DateTimeField(_("reactie gegeven op"), null=True, blank=True)

    PARTS = ("discussed", "agreed", "tasks", "next_appointment")

    class Meta:
        verbose_name = _("samenvatting voor de inwoner")
        verbose_name_plural = _("samenvattingen voor de inwoner")

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, part).strip() for part in self.PARTS)
