"""Organisations, teams and users.

A user belongs to one organisation (their employer: the social team, the benefits
agency, the housing corporation, ...) and works in one or more Op Koers teams. Every
case belongs to exactly one team; that is the unit of visibility."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

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


class User(FastChoiceDisplay, AbstractUser):
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
    # Set when a functional admin chose or generated the password: the person must pick
    # their own before doing anything else, so the admin never knows a live password.
    must_change_password = models.BooleanField(_("moet wachtwoord wijzigen"), default=False)
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


class MfaDevice(BaseModel):
    """A person's TOTP authenticator. The secret is sealed (see security/secretbox.py);
    it is never shown again after enrolment and never logged."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="mfa_device")
    sealed_secret = models.TextField()
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    # The highest time step accepted so far: a code can be used only once.
    last_used_step = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps")

    def __str__(self) -> str:
        return f"MFA {self.user_id}"


class LoginThrottle(models.Model):
    """Failed attempts per key ("pw:<username>" or "mfa:<user id>"), in the database
    so that every app server process sees the same count. Keyed on the typed username,
    not on a user, so a lockout says nothing about whether that username exists."""

    key = models.CharField(max_length=200, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inlogblokkade")
        verbose_name_plural = _("inlogblokkades")

    def __str__(self) -> str:
        return self.key
