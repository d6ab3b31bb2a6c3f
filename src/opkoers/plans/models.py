"""The Samen1plan: goals and actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opkoers.cases.models import Case
from opkoers.core.concurrency import Versioned
from opkoers.core.models import BaseModel, LifeDomain
from opkoers.residents.models import NetworkPerson


class GoalOutcome(models.TextChoices):
    OPEN = "open", _("Nog niet beoordeeld")
    REACHED = "bereikt", _("Bereikt")
    PARTLY = "deels", _("Deels bereikt")
    NOT_REACHED = "niet_bereikt", pgettext_lazy("goal outcome", "Niet bereikt")
    DROPPED = "vervallen", _("Vervallen")


class Goal(Versioned, BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("leefgebied"), max_length=32, choices=LifeDomain.choices)
    description = models.TextField(_("doel"), help_text=_("In de woorden van de inwoner."))
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), help_text=_("1 = het belangrijkste voor de inwoner.")
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=16, choices=GoalOutcome.choices, default=GoalOutcome.OPEN
    )
    outcome_note = models.TextField(_("toelichting op de uitkomst"), blank=True)

    class Meta:
        ordering = ["priority", "created_at"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        indexes = [models.Index(fields=["case", "priority"], name="goal_case_priority")]

    def __str__(self) -> str:
        return self.description[:80]


class ActionStatus(models.TextChoices):
    TODO = "te_doen", _("Te doen")
    DOING = "mee_bezig", _("Mee bezig")
    DONE = "afgerond", _("Afgerond")
    CANCELLED = "vervallen", _("Vervallen")


OPEN_ACTION_STATUSES = [ActionStatus.TODO, ActionStatus.DOING]


class OwnerKind(models.TextChoices):
    RESIDENT = "inwoner", _("De inwoner")
    NETWORK = "netwerk", _("Iemand uit het netwerk")
    PROFESSIONAL = "professional", _("Een professional")


class Action(Versioned, BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    description = models.TextField(_("actie"))
    owner_kind = models.CharField(_("wie doet het"), max_length=16, choices=OwnerKind.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    owner_network_person = models.ForeignKey(
        NetworkPerson,
        verbose_name=_("netwerkpersoon"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    due_date = models.DateField(_("uiterlijk klaar op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.TODO
    )
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "created_at"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        owner_kind="inwoner",
                        owner_user__isnull=True,
                        owner_network_person__isnull=True,
                    )
                    | Q(
                        owner_kind="netwerk",
                        owner_user__isnull=True,
                        owner_network_person__isnull=False,
                    )
                    | Q(
                        owner_kind="professional",
                        owner_user__isnull=False,
                        owner_network_person__isnull=True,
                    )
                ),
                name="action_owner_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "status", "due_date"], name="action_case_status"),
            models.Index(
                fields=["owner_user", "due_date"],
                name="action_open_owner",
                condition=Q(status__in=["te_doen", "mee_bezig"]),
            ),
            models.Index(
                fields=["due_date"],
                name="action_open_due",
                condition=Q(status__in=["te_doen", "mee_bezig"]),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]
