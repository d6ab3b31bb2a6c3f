"""Motivated deviations from rules, and the catalogue of rules they deviate from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Team
from opkoers.cases.models import Case
from opkoers.core.models import BaseModel


class TeamDeviationPolicy(BaseModel):
    """Whether the team's project leader must approve each deviation. Without a row a
    team requires approval: the safe default for professionals who fear liability."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="deviation_policy")
    approval_required = models.BooleanField(
        _("afwijkingen vragen goedkeuring van de projectleider"), default=True
    )

    class Meta:
        verbose_name = _("afwijkingsinstelling van een team")
        verbose_name_plural = _("afwijkingsinstellingen van teams")

    def __str__(self) -> str:
        return f"{self.team}: {self.approval_required}"


class Rule(BaseModel):
    """A rule, law or procedure that blocked a resident. Shared by all teams so that the
    bottleneck overview counts the same rule once; rules hold no personal data."""

    name = models.CharField(_("regel of procedure"), max_length=200)
    regulation = models.CharField(
        _("wet of regeling"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld Participatiewet of Huisvestingsverordening."),
    )
    article = models.CharField(_("artikel"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["regulation", "name", "article"]
        verbose_name = _("regel")
        verbose_name_plural = _("regels")
        constraints = [
            models.UniqueConstraint(
                Lower("name"), Lower("regulation"), Lower("article"), name="rule_unique_ci"
            ),
        ]

    def __str__(self) -> str:
        parts = [self.name]
        if self.regulation:
            parts.append(self.regulation)
        if self.article:
            parts.append(f"art. {self.article}")
        return " – ".join(parts)


class DeviationStatus(models.TextChoices):
    PENDING = "ter_goedkeuring", _("Ter goedkeuring")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    REGISTERED = "geregistreerd", _("Geregistreerd (geen goedkeuring nodig)")
    REJECTED = "afgewezen", _("Afgewezen")


# Deviations that happened (or may happen): they count in the bottleneck overview.
COUNTED_STATUSES = [DeviationStatus.APPROVED, DeviationStatus.REGISTERED]

DEFAULT_MANDATE = "Mandaat college van B&W: gemotiveerd afwijken (Op Koers)"


class Deviation(BaseModel):
    # No indexes of their own: deviation_case, deviation_team_decided and
    # deviation_rule_team start with these columns.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="deviations", db_index=False
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="deviations", db_index=False
    )
    rule = models.ForeignKey(
        Rule,
        verbose_name=_("regel"),
        on_delete=models.PROTECT,
        related_name="deviations",
        db_index=False,
    )
    what_differently = models.TextField(_("wat is er anders gedaan?"))
    why_it_helps = models.TextField(_("waarom helpt dit de inwoner?"))
    mandate = models.CharField(_("mandaat"), max_length=300, default=DEFAULT_MANDATE)
    decided_by = models.CharField(
        _("wie besloot"),
        max_length=200,
        help_text=_("Naam en functie, bijvoorbeeld ‘projectleider’ of ‘wethouder’."),
    )
    decided_on = models.DateField(_("besloten op"))
    # The author says the texts are fit to show, anonymised, to policy staff.
    share_as_example = models.BooleanField(
        _("mag als geanonimiseerd voorbeeld naar beleid"), default=False
    )
    status = models.CharField(_("status"), max_length=16, choices=DeviationStatus.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deviations"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("afwijking")
        verbose_name_plural = _("afwijkingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("registered_by")),
                name="deviation_four_eyes",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "-decided_on"], name="deviation_case"),
            models.Index(fields=["team", "-decided_on"], name="deviation_team_decided"),
            models.Index(fields=["team", "status", "-decided_on"], name="deviation_team_status"),
            models.Index(fields=["rule", "team", "decided_on"], name="deviation_rule_team"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.decided_on})"
