"""Optimistic locking for edit forms (decision 0026).

Every row an edit form changes carries an integer `version`. The form is rendered with
the version it showed; the service re-reads the row under a lock (the case lock, or the
row's own `select_for_update`), compares, and raises `EditConflict` when someone else
saved in between. The view then shows the form again with both versions side by side
(`VersionedFormMixin.show_conflict`), never a silent overwrite.

Usage in a service::

    with transaction.atomic():
        locked = lock_case(...)                        # or select_for_update()
        goal = Goal.objects.get(pk=goal.pk, case=locked)
        check_version(goal, expected_version)
        goal.description = text
        save_versioned(goal, ["description"])
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "version"


class Versioned(models.Model):
    """Mix into a model whose rows an edit form changes."""

    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone else saved `current` after the form was rendered. `case_id` or
    `resident_id` narrows the look-up of who did (the audit log's indexes)."""

    def __init__(
        self,
        current: models.Model,
        *,
        version: int,
        case_id: Any = None,
        resident_id: Any = None,
    ) -> None:
        super().__init__(f"{type(current).__name__} {current.pk} changed")
        self.current = current
        self.version = version
        self.case_id = case_id
        self.resident_id = resident_id


def check_version(
    current: models.Model,
    expected: int | None,
    *,
    field: str = VERSION_FIELD,
    case_id: Any = None,
    resident_id: Any = None,
) -> None:
    """Call under the lock, on the row just re-read. `expected=None` means the caller
    shows no form (a command, the API without a version): there is nothing to compare.
    `field` names another version column where one row carries several forms (the
    case's `intake_version`)."""
    version = getattr(current, field)
    if expected is not None and version != expected:
        raise EditConflict(current, version=version, case_id=case_id, resident_id=resident_id)


def save_versioned(obj: Versioned, fields: Iterable[str]) -> None:
    """Saves only `fields` (the ones the form shows) and moves the version on."""
    obj.version += 1
    names = [*fields, VERSION_FIELD]
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        names.append("updated_at")
    obj.save(update_fields=names)


@dataclass
class ConflictRow:
    label: str
    yours: str
    theirs: str
    differs: bool


@dataclass
class Conflict:
    rows: list[ConflictRow] = field(default_factory=list)
    when: datetime.datetime | None = None
    who: str = ""

    @property
    def differing(self) -> list[ConflictRow]:
        return [row for row in self.rows if row.differs]


def _display(bound: forms.BoundField, value: Any) -> str:
    """What a person reads for `value` in this field: the choice label, not the key."""
    form_field = bound.field
    if value in (None, "", [], ()):
        return str(_("(leeg)"))
    if isinstance(value, list | tuple):
        return ", ".join(_display(bound, item) for item in value)
    if isinstance(form_field, forms.ChoiceField):
        flat: dict[str, Any] = {}
        choices: Any = form_field.choices
        for key, label in choices:
            if isinstance(label, list | tuple):
                flat.update({str(k): v for k, v in label})
            else:
                flat[str(key)] = label
        return str(flat.get(str(value), value))
    if isinstance(form_field, forms.BooleanField):
        return str(_("ja") if value else _("nee"))
    if isinstance(value, datetime.datetime):
        shown = timezone.localtime(value) if timezone.is_aware(value) else value
        return shown.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _last_editor(conflict: EditConflict) -> str:
    from opkoers.audit.models import AuditAction, AuditEvent

    scope: dict[str, Any] = {}
    if conflict.case_id is not None:
        scope["case_id"] = conflict.case_id
    elif conflict.resident_id is not None:
        scope["resident_id"] = conflict.resident_id
    else:
        return ""
    event = (
        AuditEvent.objects.filter(
            **scope, object_id=str(conflict.current.pk), action=AuditAction.UPDATE
        )
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    return str(event.actor) if event and event.actor else ""


class VersionedFormMixin:
    """Mix into an edit form (before forms.Form). Adds the hidden `version` field; after
    a conflict `show_conflict` fills `form.conflict` for core/_edit_conflict.html and
    moves the hidden version on, so that saving again overwrites knowingly."""

    fields: dict[str, forms.Field]
    conflict: Conflict | None = None

    def __init__(self, *args: Any, version: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = forms.IntegerField(
            required=False, min_value=0, widget=forms.HiddenInput
        )
        if version is not None:
            self.initial[VERSION_FIELD] = version  # type: ignore[attr-defined]

    @property
    def expected_version(self) -> int | None:
        value = self.cleaned_data.get(VERSION_FIELD)  # type: ignore[attr-defined]
        return int(value) if value is not None else None

    def show_conflict(
        self,
        exc: EditConflict,
        *,
        saved: dict[str, Any],
        labels: dict[str, str] | None = None,
    ) -> Conflict:
        """`saved` holds the current row as this form's initial values (the same dict the
        view builds for a GET); `labels` names fields whose own label repeats. The typed
        values stay in the form."""
        rows = []
        for name, saved_value in saved.items():
            if name not in self.fields:
                continue
            bound = self[name]  # type: ignore[index]
            typed = bound.data
            form_field = bound.field
            differs = form_field.has_changed(saved_value, typed)
            typed_value = self.cleaned_data.get(name, typed)  # type: ignore[attr-defined]
            if isinstance(form_field, forms.ChoiceField) or isinstance(typed_value, dict):
                typed_value = typed
            rows.append(
                ConflictRow(
                    label=(labels or {}).get(name) or str(form_field.label or name),
                    yours=_display(bound, typed_value),
                    theirs=_display(bound, saved_value),
                    differs=differs,
                )
            )
        data: Any = getattr(self, "data").copy()  # noqa: B009 (mixin: the form has it)
        data[self.add_prefix(VERSION_FIELD)] = str(exc.version)  # type: ignore[attr-defined]
        self.data = data
        self.conflict = Conflict(
            rows=rows,
            when=getattr(exc.current, "updated_at", None),
            who=_last_editor(exc),
        )
        return self.conflict

    def nothing_differs(self, saved: dict[str, Any]) -> bool:
        """Back + resubmit of the very values already saved is no conflict: the save
        already happened (by this person or another) and nothing would change."""
        for name, saved_value in saved.items():
            if name in self.fields and self.fields[name].has_changed(
                saved_value,
                self[name].data,  # type: ignore[index]
            ):
                return False
        return True
