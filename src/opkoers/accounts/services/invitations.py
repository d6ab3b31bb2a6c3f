"""One-time links by email instead of passwords chosen by an admin.

A functional admin creates a user without a password (accounts.services.users) and the
person receives an invitation; later the admin can send a new invitation or a reset
link. The link holds a random token; only its SHA-256 is stored. It works once, for
settings.INVITATION_VALID_HOURS, and a newer link replaces every older one. The admin
never sees the token (it is only in the email) and never chooses or sees a password."""

from __future__ import annotations

import hashlib
import logging
import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.accounts.models import Invitation, User
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record

log = logging.getLogger(__name__)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_for(token: str, *, base_url: str) -> str:
    root = (settings.OPKOERS_BASE_URL or base_url).rstrip("/")
    return root + reverse("accounts:invitation", args=[token])


def kind_for(user: User) -> str:
    """An invitation while the person has no password yet, else a reset link."""
    return Invitation.Kind.RESET if user.has_usable_password() else Invitation.Kind.INVITE


def issue(*, by: User, user: User, kind: str, base_url: str) -> bool:
    """Creates a link, sends it, and answers whether the mail went out. Inside one
    transaction: older open links of this person end, the new one is stored and audited.
    The mail is sent after that, so a mail server that is down loses no data; the admin
    sees that it failed and sends again."""
    if kind not in Invitation.Kind.values:
        raise ValueError(kind)
    if by.pk == user.pk:
        raise ValidationError(
            _("Wijzig uw eigen wachtwoord via 'Wachtwoord wijzigen'."), code="own_account"
        )
    if not user.is_active:
        raise ValidationError(
            _("Deze gebruiker is niet actief; zet de gebruiker eerst weer op actief."),
            code="inactive",
        )
    if not user.email:
        raise ValidationError(
            {"email": _("Vul eerst een e-mailadres in: daar komt de link binnen.")},
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
        invitation = Invitation.objects.create(
            user=user,
            kind=kind,
            token_hash=_hash(token),
            created_by=by,
            expires_at=now + timedelta(hours=settings.INVITATION_VALID_HOURS),
        )
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="accounts.invitation.create",
            obj=user,
            detail={"kind": kind, "invitation": str(invitation.pk)},
        )
    return _send(invitation, link_for(token, base_url=base_url))


def _send(invitation: Invitation, link: str) -> bool:
    context = {
        "person": invitation.user,
        "link": link,
        "hours": settings.INVITATION_VALID_HOURS,
        "invite": invitation.kind == Invitation.Kind.INVITE,
    }
    subject = (
        _("Uitnodiging voor Op Koers")
        if invitation.kind == Invitation.Kind.INVITE
        else _("Nieuw wachtwoord kiezen voor Op Koers")
    )
    try:
        send_mail(
            subject,
            render_to_string("accounts/email/invitation.txt", context),
            None,
            [invitation.user.email],
        )
    except (smtplib.SMTPException, OSError):
        # No address or name in the log line: the id is enough to find it.
        log.warning("invitation %s could not be sent", invitation.pk)
        return False
    return True


def open_invitation(token: str) -> Invitation | None:
    """The link's invitation while it can still be used, else None."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("user")
        .filter(
            token_hash=_hash(token),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )


def accept(*, token: str, password: str) -> User:
    """Sets the person's own password and uses the link up. Their second factor is set
    up right after, at login (MfaRequiredMiddleware leads there)."""
    with transaction.atomic():
        invitation = open_invitation(token)
        if invitation is not None:
            invitation = (
                Invitation.objects.select_for_update()
                .select_related("user")
                .filter(pk=invitation.pk, used_at__isnull=True)
                .first()
            )
        if invitation is None:
            raise ValidationError(
                _("Deze link is verlopen of al gebruikt. Vraag de beheerder om een nieuwe."),
                code="invalid_link",
            )
        user = invitation.user
        try:
            validate_password(password, user=user)
        except ValidationError as exc:
            raise ValidationError({"new_password1": exc.error_list}) from exc
        user.set_password(password)
        user.save(update_fields=["password"])
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at", "updated_at"])
        record(
            actor=user,
            action=AuditAction.UPDATE,
            code="accounts.invitation.accept",
            obj=user,
            detail={"kind": invitation.kind, "invitation": str(invitation.pk)},
        )
    return user
