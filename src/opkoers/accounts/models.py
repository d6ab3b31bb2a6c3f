"""Organisations, teams and users.

A user belongs to one organisation (their employer: the social team, the benefits
agency, the housing corporation, ...) and works in one or more Op Koers teams. Every
case belongs to exactly one team; that is the unit of visibility."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin
from django_otp.oath import TOTP

from opkoers.core.models import BaseModel, FastChoiceDisplay


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Gemeente")
    SOCIAL_TEAM = "sociaal_team", _("Sociaal team")
    BENEFITS_AGENCY = "uitkeringsinstantie", _("Sociale dienst / uitkeringsinstantie")
    WORK = "werk", _("Werkcoach / re-integratie")
    DEBT_SUPPORT = "schuldhulp", _("Schuldhulpverlening")
    WELFARE = "welzijn", _("Welzijn")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    MENTAL_HEALTH = "ggz", _("GGZ")
    GENERAL_PRACTICE = "huisarts", _("Huisartsenpraktijk")
    YOUTH = "jongeren", _("Jongerenwerk / RMC")
    OTHER = "overig", _("Overig")


class Organisation(BaseModel):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Team(BaseModel):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    municipality = models.CharField(_("gemeente"), max_length=200)
    follow_up_working_days = models.PositiveSmallIntegerField(
        _("nabellen na (werkdagen)"),
        default=3,
        help_text=_("Hoeveel werkdagen na een gesprek de contactpersoon nabelt."),
    )
    next_conversation_days = models.PositiveSmallIntegerField(
        _("vervolggesprek na (dagen)"),
        default=14,
        help_text=_("Standaard termijn voor het volgende gesprek."),
    )
    overleg_weekday = models.PositiveSmallIntegerField(
        _("dag van het teamoverleg"),
        default=1,
        help_text=_("0 = maandag … 4 = vrijdag."),
    )
    # AVG: closed cases are anonymised this many months after closing (see retention/).
    retention_months_after_closing = models.PositiveSmallIntegerField(
        _("bewaartermijn na afsluiten (maanden)"),
        default=24,
        help_text=_(
            "Hoeveel maanden na het afsluiten een traject wordt geanonimiseerd. "
            "De cijfers voor rapportages blijven bewaard."
        ),
    )
    active = models.BooleanField(_("actief"), default=True)
    # Off by default: a team opens its public form only once it can answer within the
    # promised time (docs/decisions/0023-public-self-registration.md).
    accepts_self_registration = models.BooleanField(
        _("neemt zelfaanmeldingen aan"),
        default=False,
        help_text=_("Inwoners kunnen dit team kiezen op het openbare aanmeldformulier."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    PROJECT_LEADER = "projectleider", _("Projectleider")
    FUNCTIONAL_ADMIN = "beheerder", _("Functioneel beheerder")
    POLICY_STAFF = "beleid", _("Beleidsmedewerker")
    PRIVACY_OFFICER = "privacy", _("Privacyfunctionaris")


class User(FastChoiceDisplay, AbstractUser):  # type: ignore[django-manager-missing]
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField(
        _("rol"), max_length=32, choices=Role.choices, default=Role.PROFESSIONAL
    )
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    teams: models.ManyToManyField[Team, TeamMembership] = models.ManyToManyField(
        Team, verbose_name=_("teams"), through="TeamMembership", related_name="members"
    )

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        # The management list sorts by name and filters by role.
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="user_name"),
            models.Index(fields=["role", "last_name", "first_name", "id"], name="user_role_name"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def works_on_cases(self) -> bool:
        return self.role in {Role.PROFESSIONAL, Role.PROJECT_LEADER}

    @property
    def is_project_leader(self) -> bool:
        return self.role == Role.PROJECT_LEADER

    @property
    def is_functional_admin(self) -> bool:
        return self.role == Role.FUNCTIONAL_ADMIN

    @property
    def is_policy_staff(self) -> bool:
        return self.role == Role.POLICY_STAFF


class TeamMembership(BaseModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="membership_unique"),
        ]
        indexes = [models.Index(fields=["team", "user"], name="membership_team_user")]

    def __str__(self) -> str:
        return f"{self.user} – {self.team}"


class TotpDevice(ThrottlingMixin, Device):
    """A person's authenticator app, on django-otp's device machinery (Device: user,
    name, confirmed; ThrottlingMixin: exponential back-off on wrong codes) and its TOTP
    (RFC 6238). The key is encrypted at rest (security/crypto.py) instead of kept as hex
    like django-otp's own TOTPDevice; it is shown only during enrolment, never logged."""

    STEP = 30
    DIGITS = 6
    # One step either side: a phone clock a little off, or a code typed as it rolled over.
    TOLERANCE = 1

    # django-otp ships no type stubs, so its base classes are Any to mypy: hence the
    # explicit field types here.
    encrypted_key: models.TextField[str, str] = models.TextField()
    # The last time step accepted: a code (or an older one) can be used only once.
    last_t: models.BigIntegerField[int, int] = models.BigIntegerField(default=-1)
    confirmed_at: models.DateTimeField[Any, Any] = models.DateTimeField(
        _("bevestigd op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps")
        constraints = [models.UniqueConstraint(fields=["user"], name="totpdevice_one_per_user")]

    def __str__(self) -> str:
        return f"TOTP {self.user_id}"

    @property
    def bin_key(self) -> bytes:
        from opkoers.accounts.security.crypto import decrypt

        return decrypt(self.encrypted_key)

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OPKOERS_MFA_THROTTLE_FACTOR", 2))

    def _totp(self) -> TOTP:
        totp = TOTP(self.bin_key, step=self.STEP, digits=self.DIGITS)
        totp.time = time.time()
        return totp

    def verify_token(self, token: object) -> bool:
        """django-otp's contract: True when `token` is a fresh code of this app. Wrong
        codes raise the back-off; callers check verify_is_allowed() first."""
        allowed, _data = self.verify_is_allowed()
        if not allowed:
            return False
        code = "".join(str(token).split())
        if len(code) != self.DIGITS or not code.isdigit():
            verified = False
            totp = None
        else:
            totp = self._totp()
            verified = totp.verify(int(code), tolerance=self.TOLERANCE, min_t=self.last_t + 1)
        if verified and totp is not None:
            self.last_t = totp.t()
            if self.confirmed_at is None:
                self.confirmed_at = timezone.now()
            self.confirmed = True
            self.throttle_reset(commit=False)
            self.save()
        else:
            self.throttle_increment(commit=True)
        return verified


class Invitation(BaseModel):
    """A one-time link by email: to a new user to choose a password (then set up their
    app), or to an existing one to choose a new password. Only a hash of the token is
    stored, so a copy of the database opens no account."""

    class Kind(models.TextChoices):
        INVITE = "invite", _("uitnodiging")
        RESET = "reset", _("herstellink")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="invitations_sent"
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        indexes = [models.Index(fields=["user", "used_at"], name="invitation_user_open")]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id}"
