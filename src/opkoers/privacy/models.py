"""Break-glass: emergency access to one case's personal data, and its review."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def default_break_glass_expiry() -> Any:
    minutes = settings.OPKOERS.get("BREAK_GLASS_MINUTES", 30)
    return timezone.now() + timedelta(minutes=minutes)


class Verdict(models.TextChoices):
    JUSTIFIED = "terecht", _("Terecht")
    NOT_JUSTIFIED = "onterecht", _("Niet terecht")


class BreakGlassAccess(models.Model):
    """Read access to one case's personal data for one user, with a typed reason, for a
    limited time. It never allows a write (cases/access.py). Every use is reviewed
    afterwards by the team's project leader or the privacy officer."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        related_name="break_glass_accesses",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        related_name="break_glass_accesses",
    )
    reason = models.TextField(_("reden"))
    started_at = models.DateTimeField(_("geopend op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"), default=default_break_glass_expiry)
    verdict = models.CharField(_("oordeel"), max_length=12, choices=Verdict.choices, blank=True)
    review_note = models.TextField(_("toelichting bij het oordeel"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        # The table keeps the name it had when break-glass lived in the audit app.
        db_table = "audit_breakglassaccess"
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["user", "case", "expires_at"], name="breakglass_user_case"),
            models.Index(fields=["-started_at", "-id"], name="breakglass_started"),
            # The review queue: unreviewed uses, oldest first.
            models.Index(
                fields=["started_at"], condition=Q(verdict=""), name="breakglass_unreviewed"
            ),
            models.Index(fields=["case", "-started_at"], name="breakglass_case_started"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="") | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="breakglass_review_complete",
            ),
            models.CheckConstraint(
                condition=~Q(reviewed_by=models.F("user")), name="breakglass_not_own_review"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.case}"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()

    @property
    def is_reviewed(self) -> bool:
        return bool(self.verdict)


class VerificationStatus(models.TextChoices):
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Afgebroken")


class ChainVerification(models.Model):
    """One check of the audit chain started from the privacy officer's console; the
    background task (privacy/tasks.py) fills in the verdict. `problem` is a
    `audit.verify.Problem` code: the pages show its label, never the code."""

    id = models.BigAutoField(primary_key=True)
    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VerificationStatus.choices,
        default=VerificationStatus.RUNNING,
    )
    ok = models.BooleanField(_("keten intact"), null=True, blank=True)
    problem = models.CharField(_("gevonden probleem"), max_length=32, blank=True)
    checked = models.PositiveBigIntegerField(_("gecontroleerde regels"), default=0)
    broken_seq = models.BigIntegerField(_("volgnummer van de eerste foute regel"), null=True)
    unsequenced = models.PositiveIntegerField(_("regels nog niet in de keten"), default=0)
    stale_unsequenced = models.PositiveIntegerField(_("regels te lang buiten de keten"), default=0)
    checkpoint_seq = models.BigIntegerField(_("controlepunt: aantal regels"), null=True)
    checkpoint_head = models.CharField(_("controlepunt: eindwaarde"), max_length=128, blank=True)
    checkpoint_at = models.DateTimeField(_("controlepunt: tijdstip"), null=True)
    checkpoint_signature_valid = models.BooleanField(
        _("controlepunt: handtekening geldig"), null=True
    )

    class Meta:
        verbose_name = _("controle van de auditketen")
        verbose_name_plural = _("controles van de auditketen")
        ordering = ["-started_at", "-id"]
        constraints = [
            # Two racing starts cannot both run: the second insert fails.
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="running"),
                name="chain_verification_one_running",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def problem_label(self) -> str:
        from opkoers.audit.verify import Problem

        return str(Problem.LABELS.get(self.problem, _("Onbekend probleem")))
