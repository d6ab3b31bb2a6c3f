"""Users: created, edited and switched off by a functional admin; never deleted, so
that audit rows, case history and plans keep pointing at a real person."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opkoers.accounts.models import Invitation, Organisation, Role, Team, TeamMembership, User
from opkoers.accounts.services._common import apply_changes
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record


def _username_taken_error() -> ValidationError:
    return ValidationError(
        {"username": ValidationError(_("Deze gebruikersnaam is al in gebruik."), code="taken")}
    )


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc


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
    base_url: str = "",
) -> tuple[User, bool]:
    """Creates the user without a usable password and sends them an invitation by
    email (accounts.services.invitations); answers the user and whether the mail went
    out. The admin never chooses, sees or knows the person's password."""
    username = User.normalize_username(username.strip())
    if not username:
        raise ValidationError(
            {"username": ValidationError(_("Vul een gebruikersnaam in."), code="required")}
        )
    if role not in Role.values:
        raise ValidationError({"role": ValidationError(_("Kies een rol."), code="role")})
    if not email.strip():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("Vul een e-mailadres in voor de uitnodiging."), code="email"
                )
            }
        )
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=User.objects.normalize_email(email.strip()),
        organisation=organisation,
        role=role,
        job_title=job_title.strip(),
        phone=phone.strip(),
    )
    user.set_unusable_password()
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
            },
        )
    from opkoers.accounts.services import invitations

    sent = invitations.issue(by=by, user=user, kind=Invitation.Kind.INVITE, base_url=base_url)
    return user, sent


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
        raise ValidationError({"role": ValidationError(_("Kies een rol."), code="role")})
    if user.pk == by.pk:
        # The acting admin stays an active admin, so there is always at least one; and
        # nobody changes their own role (no raising oneself to privacy officer).
        errors = {}
        if not is_active:
            errors["is_active"] = ValidationError(
                _("U kunt uzelf niet deactiveren."), code="deactivate_self"
            )
        if role != by.role:
            errors["role"] = ValidationError(
                _("U kunt uw eigen rol niet wijzigen; vraag een andere beheerder."),
                code="own_role",
            )
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


def change_own_password(*, user: User, password: str) -> None:
    """The person themselves, after the form checked the old password."""
    _check_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record(actor=user, action=AuditAction.UPDATE, code="accounts.password.change", obj=user)


def record_login(*, user: User) -> None:
    """Who signed in when: part of the access log (NEN 7513)."""
    with transaction.atomic():
        record(actor=user, action=AuditAction.LOGIN, code="accounts.login", obj=user)
