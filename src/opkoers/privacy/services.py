"""Opening break-glass and reviewing it. Every change is audited in its transaction."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.privacy.models import BreakGlassAccess, Verdict
from opkoers.privacy.permissions import may_review

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.cases.models import Case

REASON_MIN_CHARACTERS = 15
REASON_MIN_LETTERS = 10
REASON_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000


def visible_characters(text: str) -> str:
    """What a reader sees: no spaces, line breaks, zero-width or other invisible
    characters (Unicode separators, control and format characters)."""
    return "".join(c for c in text if unicodedata.category(c)[0] not in {"Z", "C"})


def clean_reason(reason: str) -> str:
    """The reason as typed (only leading and trailing whitespace go), or a coded
    ValidationError. Invisible characters and punctuation runs are no reason."""
    text = (reason or "").strip()
    visible = visible_characters(text)
    letters = sum(1 for c in visible if c.isalpha())
    if len(visible) < REASON_MIN_CHARACTERS or letters < REASON_MIN_LETTERS:
        raise ValidationError(
            _(
                "Beschrijf in woorden waarom u noodtoegang nodig heeft: minstens "
                "%(n)d zichtbare tekens, waarvan %(letters)d letters."
            )
            % {"n": REASON_MIN_CHARACTERS, "letters": REASON_MIN_LETTERS},
            code="reason_too_short",
        )
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("De reden is te lang. Gebruik hoogstens %(max)d tekens.")
            % {"max": REASON_MAX_LENGTH},
            code="reason_too_long",
        )
    return text


def open_break_glass(*, user: User, case: Case, reason: str) -> BreakGlassAccess:
    """Open emergency read access to `case` for `user`, who works in the case's team.
    The reason is stored whole; the audit row points to it."""
    text = clean_reason(reason)
    if not user.works_on_cases or not user.teams.filter(pk=case.team_id).exists():
        raise ValidationError(
            _("Noodtoegang kan alleen voor een traject van uw eigen team."), code="not_team"
        )
    with transaction.atomic():
        access = BreakGlassAccess.objects.create(user=user, case=case, reason=text)
        record(
            actor=user,
            action=AuditAction.BREAK_GLASS,
            code="breakglass.open",
            case=case,
            obj=access,
            purpose="noodtoegang",
            detail={"expires_at": access.expires_at.isoformat()},
        )
    return access


def review_break_glass(
    *, access: BreakGlassAccess, by: User, verdict: str, note: str = ""
) -> BreakGlassAccess:
    """The project leader or the privacy officer judges one use: justified or not, with
    a note (required when not justified). Judged once; never by the user themself."""
    if verdict not in Verdict.values:
        raise ValidationError(_("Kies een oordeel."), code="verdict_missing")
    note = (note or "").strip()
    if verdict == Verdict.NOT_JUSTIFIED and not note:
        raise ValidationError(
            _("Licht toe waarom de noodtoegang niet terecht was."), code="note_required"
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("De toelichting is te lang. Gebruik hoogstens %(max)d tekens.")
            % {"max": NOTE_MAX_LENGTH},
            code="note_too_long",
        )
    with transaction.atomic():
        locked = (
            BreakGlassAccess.objects.select_for_update(of=("self",))
            .select_related("case")
            .get(pk=access.pk)
        )
        if not may_review(by, locked):
            raise PermissionDenied(_("U kunt deze noodtoegang niet beoordelen."))
        if locked.is_reviewed:
            raise ValidationError(_("Deze noodtoegang is al beoordeeld."), code="already_reviewed")
        locked.verdict = verdict
        locked.review_note = note
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["verdict", "review_note", "reviewed_by", "reviewed_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="breakglass.review",
            case=locked.case,
            obj=locked,
            detail={"verdict": verdict},
        )
    return locked
