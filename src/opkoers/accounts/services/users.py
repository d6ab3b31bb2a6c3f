"""Users: created, edited and switched off by a functional admin; never deleted, so
that audit rows, case history and plans keep pointing at a real person."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opkoers.accounts.models import Organisation, Role, Team, TeamMembership, User
from opkoers.accounts.services._common import apply_changes
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record

# No 0/O, 1/l/I: the admin reads the temporary password out or writes it down.
_READABLE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def generate_temporary_password() -> str:
    """Four groups of four, e.g. ``kq7m-x3ha-p9tz-w2cd``: 80 bits, easy to pass on."""
    return "-".join("".join(secrets.choice(_READABLE_ALPHABET) for _ in range(4)) for _ in range(4))


def _username_taken_error() -> ValidationError:
    return ValidationError({"username": _("Deze gebruikersnaam is al in gebruik.")})


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc


def _password_for(user: User, password: str | None) -> tuple[str, bool]:
    """The password to set and whether it was generated here."""
    if password:
        _check_password(password, user)
        return password, False
    while True:
        generated = generate_temporary_password()
        try:
            validate_password(generated, user=user)
        except ValidationError:  # pragma: no cover - astronomically unlikely
            continue
        return generated, True


def create_user(
    *,
    by: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    organisation: Organisation | None,
    role: str,
    job_title: str = "",
    phone: str = "",
    teams: Iterable[Team] = (),
    password: str | None = None,
) -> tuple[User, str | None]:
    """Creates the user with the given password, or with a generated temporary one
    (returned, to be shown once). Either way the person must choose their own password
    at their first login: the admin never knows a live password."""
    username = User.normalize_username(username.strip())
    if not username:
        raise ValidationError({"username": _("Vul een gebruikersnaam in.")})
    if role not in Role.values:
        raise ValidationError({"role": _("Kies een rol.")})
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=User.objects.normalize_email(email.strip()),
        organisation=organisation,
        role=role,
        job_title=job_title.strip(),
        phone=phone.strip(),
        must_change_password=True,
    )
    raw_password, generated = _password_for(user, password)
    user.set_password(raw_password)
    teams = list(teams)
    with transaction.atomic():
        # Case-insensitive: "JJansen" and "jjansen" would be two people to the eye.
        if User.objects.filter(username__iexact=username).exists():
            raise _username_taken_error()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:  # a concurrent request won the race
            raise _username_taken_error() from exc
        TeamMembership.objects.bulk_create([TeamMembership(user=user, team=t) for t in teams])
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="accounts.user.create",
            obj=user,
            detail={
                "role": role,
                "teams": sorted(str(t.pk) for t in teams),
                "generated_password": generated,
            },
        )
    return user, raw_password if generated else None


def update_user(
    *,
    by: User,
    user: User,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation | None,
    role: str,
    job_title: str,
    phone: str,
    is_active: bool,
    teams: Iterable[Team] | None = None,
) -> User:
    """Edits a user; ``teams`` (when given) is the complete new set of teams."""
    if role not in Role.values:
        raise ValidationError({"role": _("Kies een rol.")})
    if user.pk == by.pk:
        # The acting admin stays an active admin, so there is always at least one.
        errors = {}
        if not is_active:
            errors["is_active"] = _("U kunt uzelf niet deactiveren.")
        if role != Role.FUNCTIONAL_ADMIN:
            errors["role"] = _("U kunt uw eigen rol van functioneel beheerder niet weghalen.")
        if errors:
            raise ValidationError(errors)
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        changed = apply_changes(
            current,
            {
                "first_name": first_name.strip(),
                "last_name": last_name.strip(),
                "email": User.objects.normalize_email(email.strip()),
                "organisation": organisation,
                "role": role,
                "job_title": job_title.strip(),
                "phone": phone.strip(),
                "is_active": is_active,
            },
        )
        added: list[str] = []
        removed: list[str] = []
        if teams is not None:
            wanted = {t.pk: t for t in teams}
            existing = set(current.memberships.values_list("team_id", flat=True))
            TeamMembership.objects.bulk_create(
                [TeamMembership(user=current, team=wanted[pk]) for pk in wanted.keys() - existing]
            )
            gone = existing - wanted.keys()
            if gone:
                TeamMembership.objects.filter(user=current, team_id__in=gone).delete()
            added = sorted(str(pk) for pk in wanted.keys() - existing)
            removed = sorted(str(pk) for pk in gone)
        if changed:
            current.save(update_fields=changed)
        if changed or added or removed:
            record(
                actor=by,
                action=AuditAction.UPDATE,
                code="accounts.user.update",
                obj=current,
                detail={"changed": changed, "teams_added": added, "teams_removed": removed},
            )
    return current


def reset_password(*, by: User, user: User, password: str | None = None) -> str | None:
    """An admin sets a new password, or has one generated (returned, to be shown once).
    The person must change it at their next login; their open sessions end because
    Django ties a session to the password hash."""
    if user.pk == by.pk:
        raise ValidationError(
            _("Wijzig uw eigen wachtwoord via 'Wachtwoord wijzigen'; dan weet alleen u het.")
        )
    raw_password, generated = _password_for(user, password)
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        current.set_password(raw_password)
        current.must_change_password = True
        current.save(update_fields=["password", "must_change_password"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="accounts.user.password_reset",
            obj=current,
            detail={"generated_password": generated},
        )
    return raw_password if generated else None


def change_own_password(*, user: User, password: str) -> None:
    """The person themselves, after the form checked the old password."""
    _check_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        record(actor=user, action=AuditAction.UPDATE, code="accounts.password.change", obj=user)


def record_login(*, user: User) -> None:
    """Who signed in when: part of the access log (NEN 7513)."""
    with transaction.atomic():
        record(actor=user, action=AuditAction.LOGIN, code="accounts.login", obj=user)
