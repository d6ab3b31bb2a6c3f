"""The record of each retention run: what it did (or, in a dry run, would do)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionTrigger(models.TextChoices):
    COMMAND = "command", _("Handmatig (beheercommando)")
    SCHEDULE = "schedule", _("Gepland (achtergrondtaak)")
    CONSOLE = "console", _("Privacyconsole (proefdraai)")


class RetentionRun(models.Model):
    id = models.BigAutoField(primary_key=True)
    started_at = models.DateTimeField(_("gestart op"))
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    dry_run = models.BooleanField(_("proefdraai"), default=False)
    trigger = models.CharField(_("aanleiding"), max_length=16, choices=RetentionTrigger.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # {team_id: {"team": name, "months": n, "cutoff": iso, "cases": n, "residents": n}};
    # names of teams only, never of residents.
    counts = models.JSONField(_("aantallen per team"), default=dict, blank=True)
    cases_total = models.PositiveIntegerField(_("trajecten"), default=0)
    residents_total = models.PositiveIntegerField(_("inwoners"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("bewaartermijnrun")
        verbose_name_plural = _("bewaartermijnruns")

    def __str__(self) -> str:
        kind = _("proefdraai") if self.dry_run else _("uitvoering")
        return f"{self.started_at:%Y-%m-%d %H:%M} ({kind}): {self.cases_total}"
