"""Two-step login with an authenticator app (TOTP). Required for everyone who can see
personal data (settings.MFA_REQUIRED, off only in demo mode); the functional admin
resets it when someone loses their phone."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.accounts.models import MfaDevice, User
from opkoers.accounts.security import throttle, totp
from opkoers.accounts.security.backends import record_lockout
from opkoers.accounts.security.secretbox import open_box, seal
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record

# Session keys. "pending": this login still needs a code; "verified": it got one.
MFA_VERIFIED = "mfa_verified"
MFA_PENDING = "mfa_pending"
ISSUER = "Op Koers"


def locked_message() -> str:
    return _(
        "Te veel mislukte pogingen. Om uw account te beschermen kunt u het over "
        "%(minutes)d minuten opnieuw proberen."
    ) % {"minutes": int(getattr(settings, "OPKOERS_LOCKOUT", {}).get("LOCK_MINUTES", 15))}


def requires_mfa(user: User) -> bool:
    return bool(settings.MFA_REQUIRED) and user.role not in settings.MFA_EXEMPT_ROLES


def confirmed_device(user: User) -> MfaDevice | None:
    return MfaDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def pending_secret(*, user: User) -> str:
    """The secret to enrol with; made once and kept until confirmed, so reloading the
    page does not invalidate what the app already scanned."""
    with transaction.atomic():
        device, _created = MfaDevice.objects.select_for_update().get_or_create(
            user=user, defaults={"sealed_secret": seal(totp.generate_secret())}
        )
        if device.confirmed_at is not None:
            raise ValidationError(_("Tweestapsverificatie is al ingesteld."))
    return open_box(device.sealed_secret)


def _check_throttle(user: User) -> None:
    if throttle.locked_until(throttle.mfa_key(user.pk)):
        raise ValidationError(locked_message(), code="locked")


def _refuse(user: User) -> ValidationError:
    if throttle.register_failure(throttle.mfa_key(user.pk)):
        record_lockout(user=user, stage="mfa")
        return ValidationError(locked_message(), code="locked")
    return ValidationError(
        _(
            "Deze code klopt niet of is al gebruikt. Wacht op de volgende code en "
            "probeer het opnieuw."
        ),
        code="invalid",
    )


def confirm_enrolment(*, user: User, code: str) -> None:
    _check_throttle(user)
    with transaction.atomic():
        device = MfaDevice.objects.select_for_update().filter(user=user).first()
        if device is None or device.confirmed_at is not None:
            raise ValidationError(_("Start het instellen opnieuw."))
        step = totp.matching_step(open_box(device.sealed_secret), code)
        if step is not None:
            device.confirmed_at = timezone.now()
            device.last_used_step = step
            device.save(update_fields=["confirmed_at", "last_used_step", "updated_at"])
            record(actor=user, action=AuditAction.UPDATE, code="accounts.mfa.enrolled", obj=user)
    if step is None:
        raise _refuse(user)
    throttle.reset(throttle.mfa_key(user.pk))


def verify(*, user: User, code: str) -> None:
    """Accepts a fresh code or raises ValidationError (wrong, reused or locked)."""
    _check_throttle(user)
    with transaction.atomic():
        device = (
            MfaDevice.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=False)
            .first()
        )
        if device is None:
            raise ValidationError(_("Stel eerst tweestapsverificatie in."))
        step = totp.matching_step(
            open_box(device.sealed_secret), code, after_step=device.last_used_step
        )
        if step is not None:
            device.last_used_step = step
            device.save(update_fields=["last_used_step", "updated_at"])
            record(actor=user, action=AuditAction.LOGIN, code="accounts.mfa.verified", obj=user)
    if step is None:
        raise _refuse(user)
    throttle.reset(throttle.mfa_key(user.pk))


def reset(*, by: User, user: User) -> None:
    """The person enrols a new app at their next login."""
    if by.pk == user.pk:
        raise ValidationError(
            _("U kunt uw eigen tweestapsverificatie niet herstellen; vraag een andere beheerder.")
        )
    with transaction.atomic():
        MfaDevice.objects.filter(user=user).delete()
        throttle.reset(throttle.mfa_key(user.pk))
        record(actor=by, action=AuditAction.UPDATE, code="accounts.mfa.reset", obj=user)
