"""Audit rows. No update or delete path exists in the application: the model refuses
both, and the admin is read-only."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.core.models import FastChoiceDisplay


class AuditAction(models.TextChoices):
    VIEW = "view", _("Ingezien")
    SEARCH = "search", _("Gezocht")
    EXPORT = "export", _("Geëxporteerd")
    CREATE = "create", _("Aangemaakt")
    UPDATE = "update", _("Gewijzigd")
    DELETE = "delete", _("Verwijderd")
    TRANSITION = "transition", _("Stap gewijzigd")
    LOGIN = "login", _("Ingelogd")
    BREAK_GLASS = "break_glass", _("Noodtoegang geopend")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("audit rows are append-only")

    def delete(self) -> NoReturn:
        raise PermissionError("audit rows are append-only")


class AuditEvent(FastChoiceDisplay):
    """One audited act. Case and resident are stored as plain ids, not foreign keys,
    so that the trail outlives anonymisation of the case it describes."""

    id = models.BigAutoField(primary_key=True)
    # Set by record() before hashing (auto_now_add would overwrite the hashed value).
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_organisation_id = models.UUIDField(null=True)
    actor_role = models.CharField(max_length=32, blank=True)
    action = models.CharField(_("handeling"), max_length=16, choices=AuditAction.choices)
    code = models.CharField(_("code"), max_length=64)
    case_id = models.UUIDField(null=True)
    resident_id = models.UUIDField(null=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(_("doel of grondslag"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True)
    detail = models.JSONField(default=dict, blank=True)
    # See audit/chain.py and audit/sequencer.py: record() inserts the row without a
    # place in the chain; the sequencer sets these four once, soon after it commits.
    seq = models.BigIntegerField(null=True, unique=True)
    key_id = models.CharField(max_length=16, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    row_hash = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        indexes = [
            models.Index(fields=["case_id", "at"], name="audit_case_at"),
            models.Index(fields=["resident_id", "at"], name="audit_resident_at"),
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
            # The privacy officer's log pages walk id descending (keyset) per filter.
            models.Index(fields=["at"], name="audit_at"),
            models.Index(fields=["actor", "id"], name="audit_actor_id"),
            models.Index(fields=["case_id", "id"], name="audit_case_id"),
            models.Index(fields=["resident_id", "id"], name="audit_resident_id"),
            models.Index(fields=["action", "id"], name="audit_action_id"),
            models.Index(fields=["code", "id"], name="audit_code_id"),
            # The sequencer's queue: only the rows still waiting for a seq are in it.
            models.Index(
                fields=["id"], condition=models.Q(seq__isnull=True), name="audit_unsequenced"
            ),
        ]

    @property
    def code_label(self) -> str:
        """What a person sees instead of the code (audit/codes.py)."""
        from opkoers.audit.codes import label_for

        return label_for(self.code)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("audit rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("audit rows are append-only")


class AuditSequencerState(models.Model):
    """The sequencer's own row: the end of the chain and the last checkpoint.

    Only the sequencer reads or locks it (SELECT ... FOR UPDATE, for the length of one
    batch), so two sequencers never assign the same seq. Requests never touch it:
    record() only INSERTs (docs/decisions/0016-audit-sequencer.md)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)
    checkpoint_seq = models.BigIntegerField(default=0)
    checkpoint_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("stand van de auditketen")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="audit_sequencer_single")
        ]


class AuditListing(models.Model):
    """One resident shown by a list, a search result or an export: the index that lets
    a resident's overview find every appearance. The audited event itself names the
    shown cases in its chained `detail["shown"]`, so these rows can be checked against
    the chain; like audit rows, they are never changed."""

    id = models.BigAutoField(primary_key=True)
    event = models.ForeignKey(
        AuditEvent, on_delete=models.PROTECT, related_name="listings", db_index=False
    )
    case_id = models.UUIDField()
    resident_id = models.UUIDField()

    class Meta:
        verbose_name = _("verschijning in een lijst")
        verbose_name_plural = _("verschijningen in lijsten")
        indexes = [
            # The resident's overview walks their appearances newest first.
            models.Index(fields=["resident_id", "event"], name="audit_listing_resident"),
            models.Index(fields=["event"], name="audit_listing_event"),
        ]
