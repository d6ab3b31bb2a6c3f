"""Two-step login with an authenticator app, on django-otp: its TOTP (django_otp.oath),
its device base classes with back-off on wrong codes (accounts.models.TotpDevice), and
its session marker (django_otp.login; request.user.is_verified() via OTPMiddleware).

Required for every role (settings.MFA_REQUIRED, off only in demo mode and tests); the
functional admin resets it when someone loses their phone."""

from __future__ import annotations

import math
import secrets
from base64 import b32encode
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opkoers.accounts.models import TotpDevice, User
from opkoers.accounts.security.crypto import encrypt
from opkoers.accounts.services import login_events
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record

# Session key: this login still needs a code (set at login for whoever has an app).
MFA_PENDING = "mfa_pending"
ISSUER = "Op Koers"
# Wrong codes in a row after which the back-off counts as a lockout in the audit log.
AUDITED_LOCKOUT_AT = 5


def requires_mfa(user: User) -> bool:
    """Every staff role, policy staff included (their reports are aggregates, but the
    account is still a way into the system)."""
    return bool(settings.MFA_REQUIRED)


def confirmed_device(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user, confirmed=True).first()


def _secret_base32(key: bytes) -> str:
    return b32encode(key).decode("ascii").rstrip("=")


def pending_secret(*, user: User) -> str:
    """The base32 secret to enrol with; made once and kept until confirmed, so reloading
    the page does not invalidate what the app already scanned."""
    with transaction.atomic():
        device, _created = TotpDevice.objects.select_for_update().get_or_create(
            user=user,
            defaults={
                "name": "Authenticator-app",
                "confirmed": False,
                # 160 random bits, as RFC 4226 recommends.
                "encrypted_key": encrypt(secrets.token_bytes(20)),
            },
        )
        if device.confirmed:
            raise ValidationError(_("Tweestapsverificatie is al ingesteld."), code="enrolled")
    return _secret_base32(device.bin_key)


def provisioning_uri(secret: str, *, account: str) -> str:
    """The otpauth:// URI authenticator apps understand (Key Uri Format)."""
    label = quote(f"{ISSUER}:{account}", safe=":@")
    query = urlencode(
        {
            "secret": secret,
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": TotpDevice.DIGITS,
            "period": TotpDevice.STEP,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def grouped(secret: str) -> str:
    """ABCD EFGH ...: easier to type over from the screen."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def locked_message(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Te veel mislukte pogingen. Probeer het over %(minutes)d minuut opnieuw.",
        "Te veel mislukte pogingen. Probeer het over %(minutes)d minuten opnieuw.",
        minutes,
    ) % {"minutes": minutes}


def _invalid() -> ValidationError:
    return ValidationError(
        _(
            "Deze code klopt niet of is al gebruikt. Wacht op de volgende code en "
            "probeer het opnieuw."
        ),
        code="invalid",
    )


def _check(*, user: User, code: str, confirmed: bool) -> TotpDevice:
    """django-otp's back-off first, then the code, under a row lock so that one code
    cannot pass twice in a race. Failures are audited and committed before the refusal
    is raised: a wrong code's back-off must not be rolled back."""
    code = "".join(code.split())
    if len(code) != TotpDevice.DIGITS or not code.isdigit():
        # A typing slip, not a guess: no back-off, no audit row.
        raise ValidationError(_("Vul de zes cijfers uit de app in."), code="format")
    refusal: ValidationError | None = None
    with transaction.atomic():
        device = (
            TotpDevice.objects.select_for_update()
            .select_related("user")
            .filter(user=user, confirmed=confirmed)
            .first()
        )
        if device is None:
            if confirmed:
                raise ValidationError(_("Stel eerst tweestapsverificatie in."), code="no_device")
            raise ValidationError(_("Start het instellen opnieuw."), code="no_pending_device")
        allowed, data = device.verify_is_allowed()
        if not allowed:
            until = (data or {}).get("locked_until") or timezone.now()
            login_events.record_code_failure(user=user, locked=True)
            refusal = ValidationError(
                locked_message((until - timezone.now()).total_seconds()), code="locked"
            )
        elif device.verify_token(code):
            if confirmed:
                record(actor=user, action=AuditAction.LOGIN, code="accounts.mfa.verified", obj=user)
            else:
                record(
                    actor=user, action=AuditAction.UPDATE, code="accounts.mfa.enrolled", obj=user
                )
        else:
            login_events.record_code_failure(user=user, locked=False)
            if device.throttling_failure_count == AUDITED_LOCKOUT_AT:
                login_events.record_code_lockout(user=user)
            refusal = _invalid()
    if refusal is not None:
        raise refusal
    return device


def confirm_enrolment(*, user: User, code: str) -> TotpDevice:
    """Confirms the pending app with its first code."""
    return _check(user=user, code=code, confirmed=False)


def verify(*, user: User, code: str) -> TotpDevice:
    """Accepts a fresh code or raises ValidationError (wrong, reused or locked)."""
    return _check(user=user, code=code, confirmed=True)


def reset(*, by: User, user: User) -> None:
    """The person enrols a new app at their next login."""
    if by.pk == user.pk:
        raise ValidationError(
            _("U kunt uw eigen tweestapsverificatie niet herstellen; vraag een andere beheerder."),
            code="own_device",
        )
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        record(actor=by, action=AuditAction.UPDATE, code="accounts.mfa.reset", obj=user)
