"""The maatwerkbudget: a team's yearly pot, its per-resident cap, and budget requests."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Team
from opkoers.cases.models import Case
from opkoers.core.concurrency import Versioned
from opkoers.core.models import BaseModel

DEFAULT_CAP = Decimal("2500.00")


class TeamBudgetPolicy(BaseModel):
    """Team-level budget settings. Kept here rather than on accounts.Team so that the
    budget app owns its migrations. A team without a row uses the defaults."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="budget_policy")
    per_resident_cap = models.DecimalField(
        _("maximum per inwoner"),
        default=DEFAULT_CAP,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Zonder expliciete motivering van de projectleider niet te overschrijden."),
        max_digits=12,
        decimal_places=2,
    )

    class Meta:
        verbose_name = _("budgetinstelling van een team")
        verbose_name_plural = _("budgetinstellingen van teams")
        constraints = [
            models.CheckConstraint(condition=Q(per_resident_cap__gte=0), name="policy_cap_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.per_resident_cap}"


class BudgetPot(BaseModel):
    """The money a team may commit in one calendar year. Approvals lock this row."""

    # No index of its own: the unique (team, year) constraint starts with it.
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="budget_pots", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(
        _("budget voor dit jaar"),
        validators=[MinValueValidator(Decimal("0.00"))],
        max_digits=12,
        decimal_places=2,
    )

    class Meta:
        ordering = ["team", "-year"]
        verbose_name = _("budgetpot")
        verbose_name_plural = _("budgetpotten")
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="budgetpot_team_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetpot_amount_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.year}"


class RequestStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Aangevraagd")
    MORE_INFO = "meer_info", _("Meer informatie gevraagd")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    REJECTED = "afgewezen", _("Afgewezen")
    PAID = "betaald", _("Betaald")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
    # Approved, then the expense did not go ahead: the money goes back to the pot.
    CANCELLED = "vervallen", _("Goedkeuring ingetrokken")


# Money the team has promised: counts against the pot and the resident's cap.
COMMITTED_STATUSES = [RequestStatus.APPROVED, RequestStatus.PAID]
OPEN_STATUSES = [RequestStatus.REQUESTED, RequestStatus.MORE_INFO]


class BudgetRequest(Versioned, BaseModel):
    # case, team and requested_by have no index of their own: budgetreq_case,
    # budgetreq_team_year and budgetreq_requester start with them.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="budget_requests", db_index=False
    )
    # Denormalised from the case so the ledger and the pot sums are one indexed filter.
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="budget_requests", db_index=False
    )
    goal = models.ForeignKey(
        "plans.Goal",
        verbose_name=_("doel in het Samen1plan"),
        on_delete=models.PROTECT,
        related_name="budget_requests",
    )
    amount = models.DecimalField(
        _("bedrag"),
        validators=[MinValueValidator(Decimal("0.01"))],
        max_digits=12,
        decimal_places=2,
    )
    purpose = models.CharField(_("waarvoor"), max_length=300)
    payee = models.CharField(_("te betalen aan"), max_length=200)
    breakthrough = models.TextField(_("welke doorbraak geeft dit?"))
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="budget_requests",
        db_index=False,
    )
    requested_at = models.DateTimeField(_("aangevraagd op"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_decisions",
    )
    decided_at = models.DateTimeField(_("besluit op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), blank=True)
    # The year whose pot the approval counts against (the year of approval).
    pot_year = models.PositiveSmallIntegerField(_("budgetjaar"), null=True, blank=True)
    cap_override = models.BooleanField(_("boven het maximum per inwoner"), default=False)
    override_motivation = models.TextField(_("motivering overschrijding"), blank=True)
    paid_on = models.DateField(_("betaald op"), null=True, blank=True)
    payment_reference = models.CharField(_("betalingskenmerk"), max_length=100, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("goedkeuring ingetrokken op"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancellation_reason = models.TextField(_("reden van intrekken"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("budgetaanvraag")
        verbose_name_plural = _("budgetaanvragen")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budgetrequest_amount_gt_0"),
            models.CheckConstraint(
                condition=~Q(status__in=["goedgekeurd", "betaald"]) | Q(pot_year__isnull=False),
                name="budgetrequest_committed_has_year",
            ),
            models.CheckConstraint(
                condition=~Q(status="betaald") | Q(paid_on__isnull=False),
                name="budgetrequest_paid_has_date",
            ),
            # Four eyes, also in the database.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="budgetrequest_four_eyes",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "-requested_at"], name="budgetreq_case"),
            # Pot sums (team, year, committed) and the ledger per team and year.
            models.Index(fields=["team", "pot_year", "status"], name="budgetreq_team_year"),
            # The approval queue.
            models.Index(
                fields=["team", "requested_at"],
                condition=Q(status__in=["aangevraagd", "meer_info"]),
                name="budgetreq_open_queue",
            ),
            # The requester's decisions on the worklist.
            models.Index(fields=["requested_by", "-decided_at"], name="budgetreq_requester"),
            # Period reports (factsheet): requested / decided / paid in a period.
            models.Index(fields=["team", "requested_at"], name="budgetreq_team_requested"),
            models.Index(fields=["team", "decided_at"], name="budgetreq_team_decided"),
            models.Index(fields=["team", "paid_on"], name="budgetreq_team_paid"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose[:60]} ({self.amount})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
