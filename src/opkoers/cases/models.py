"""The case (traject) and everything that defines where it stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Team
from opkoers.core.models import (
    BaseModel,
    FastChoiceDisplay,
    LifeDomain,
    ParticipationRung,
    ZrmScore,
)
from opkoers.residents.models import Resident

if TYPE_CHECKING:
    from opkoers.accounts.models import User


class CaseStatus(models.TextChoices):
    """The seven steps of Op Koers as states. Nabellen (step 5) and vervolggesprekken
    (step 6) recur while the plan runs, so they share the state `in_progress`."""

    REGISTERED = "aangemeld", _("Aangemeld")
    INTAKE = "intake", _("Intake")
    FIRST_CONVERSATION = "eerste_gesprek", _("Eerste gesprek")
    PLAN = "samen1plan", _("Samen1plan")
    IN_PROGRESS = "lopend", _("Lopend (nabellen en vervolggesprekken)")
    CLOSING = "afronding", _("Afronding en evaluatie")
    CLOSED = "afgesloten", _("Afgesloten")


OPEN_STATUSES = [s for s in CaseStatus if s != CaseStatus.CLOSED]


class Channel(models.TextChoices):
    RESIDENT = "inwoner", _("Inwoner zelf")
    SOCIAL_TEAM = "sociaal_team", _("Sociaal team")
    BENEFITS_AGENCY = "wil", _("WIL (werk en inkomen)")
    WERKTAFEL = "werktafel", _("Werktafel")
    GP = "huisarts", _("Huisarts / POH")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    MENTAL_HEALTH = "ggz", _("GGZ")
    UWV = "uwv", _("UWV")
    SCHOOL_ATTENDANCE = "leerplicht", _("Leerplicht / RMC")
    DEBT_BUDDY = "schuldhulpmaatje", _("SchuldHulpMaatje")
    OTHER = "overig", _("Anders")
    # The public form (portal.self_registration), by the resident or on their behalf.
    SELF = "zelf", _("Online aanmeldformulier")


class ReferrerKind(models.TextChoices):
    """Who filled in the public form for someone else."""

    RELATIVE = "naaste", _("Familie, vriend of buur")
    PROFESSIONAL = "professional", _("Professional")


class PreferredContact(models.TextChoices):
    PHONE = "telefoon", _("Bellen")
    EMAIL = "email", _("E-mail")


class Urgency(models.TextChoices):
    NORMAL = "normaal", _("Normaal")
    HIGH = "hoog", _("Hoog: binnen een week")
    CRISIS = "crisis", _("Crisis: direct")


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.exclude(status=CaseStatus.CLOSED)

    def closed(self) -> CaseQuerySet:
        return self.filter(status=CaseStatus.CLOSED)

    def visible_to(self, user: User) -> CaseQuerySet:
        """The one place that decides which cases a user may open: cases of the teams
        the user works in, for roles that work on cases."""
        if not user.is_authenticated or not user.works_on_cases:
            return self.none()
        return self.filter(team__memberships__user=user)


class Case(BaseModel):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    status = models.CharField(
        _("stap"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    # Registration (aanmelding)
    registered_at = models.DateTimeField(_("aangemeld op"))
    # Empty for a registration through the public form: no staff member registered it,
    # so nobody gets the registrar's referral-phase access (cases/access.py).
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    channel = models.CharField(_("aangemeld via"), max_length=20, choices=Channel.choices)
    referrer_name = models.CharField(_("naam aanmelder"), max_length=200, blank=True)
    referrer_organisation = models.CharField(_("organisatie aanmelder"), max_length=200, blank=True)
    referrer_contact = models.CharField(
        _("telefoon of e-mail aanmelder"), max_length=200, blank=True
    )
    reason_stuck = models.TextField(
        _("waarom lukt het niet via de gewone route?"),
    )
    # A registration on someone's behalf through the public form: who (the name and
    # contact are in referrer_*) and how the person agreed to it.
    referrer_kind = models.CharField(
        _("soort aanmelder"), max_length=20, choices=ReferrerKind.choices, blank=True
    )
    agreement_note = models.CharField(_("hoe de inwoner instemde"), max_length=500, blank=True)
    preferred_contact = models.CharField(
        _("liefst contact via"), max_length=10, choices=PreferredContact.choices, blank=True
    )
    urgency = models.CharField(
        _("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("mogelijk dubbel met"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Participatieladder at intake and at closing; the ZRM lives in DomainAssessment.
    ladder_at_intake = models.PositiveSmallIntegerField(
        _("participatieladder bij intake"), choices=ParticipationRung.choices, null=True
    )
    ladder_at_closing = models.PositiveSmallIntegerField(
        _("participatieladder bij afronding"), choices=ParticipationRung.choices, null=True
    )
    # Optimistic locking of the intake page as a whole (decision 0026): the page edits
    # many rows, the case row is the one its service locks.
    intake_version = models.PositiveIntegerField(default=1, editable=False)
    # Milestones, denormalised for lead-time reports (set by services, never by hand).
    intake_completed_at = models.DateTimeField(null=True, blank=True)
    first_conversation_at = models.DateTimeField(null=True, blank=True)
    plan_agreed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set once by the retention job (opkoers.retention); the case is read-only for good.
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        indexes = [
            models.Index(fields=["team", "status", "-registered_at"], name="case_team_status"),
            models.Index(fields=["team", "-registered_at"], name="case_team_registered"),
            models.Index(fields=["status", "closed_at"], name="case_status_closed"),
            # The case list's default page (open cases, newest first) and its sort by
            # reference; see cases/selectors_list.py.
            models.Index(
                fields=["team", "-registered_at"],
                condition=~Q(status="afgesloten"),
                name="case_team_open_registered",
            ),
            models.Index(fields=["team", "reference"], name="case_team_reference"),
            # The retention job's selection: closed, not yet anonymised, by closing date.
            models.Index(
                fields=["team", "closed_at"],
                condition=Q(status="afgesloten", anonymised_at__isnull=True),
                name="case_retention_due",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class CaseDomain(FastChoiceDisplay):
    """A life domain involved in the case (from registration on). A table rather than a
    list field so that 'cases with debts' is an indexed lookup."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("leefgebied"), max_length=32, choices=LifeDomain.choices)

    class Meta:
        verbose_name = _("leefgebied van traject")
        verbose_name_plural = _("leefgebieden van trajecten")
        constraints = [
            models.UniqueConstraint(fields=["case", "domain"], name="casedomain_unique"),
        ]
        indexes = [models.Index(fields=["domain", "case"], name="casedomain_domain")]

    def __str__(self) -> str:
        return str(self.get_domain_display())


class CaseTeamMember(BaseModel):
    """A professional at the table for this case, with a backup for when they are away."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_memberships"
    )
    role_on_case = models.CharField(
        _("rol in dit traject"),
        max_length=120,
        help_text=_("Bijvoorbeeld werkcoach of schuldhulpverlener."),
    )
    is_contact_person = models.BooleanField(_("contactpersoon"), default=False)
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vervanger"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_backups",
    )

    class Meta:
        ordering = ["-is_contact_person", "created_at"]
        verbose_name = _("lid van het casusteam")
        verbose_name_plural = _("casusteam")
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="caseteam_unique_user"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(is_contact_person=True), name="caseteam_one_contact"
            ),
            models.CheckConstraint(
                condition=~Q(backup=models.F("user")), name="caseteam_backup_not_self"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "case"], name="caseteam_user_case"),
            models.Index(
                fields=["user"], condition=Q(is_contact_person=True), name="caseteam_contact_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role_on_case})"


class CaseTransition(FastChoiceDisplay):
    """Status history: every step change, who made it and why. Feeds lead times."""

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    at = models.DateTimeField(auto_now_add=True)
    # Empty for the first step of a self-registration (no staff member acted).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="transition_case_at")]


class AssessmentMoment(models.TextChoices):
    INTAKE = "intake", _("Intake")
    CLOSING = "afronding", _("Afronding")


class DomainAssessment(BaseModel):
    """Per life domain: the resident's story in their own words, their priority and the
    ZRM score, at intake and again at closing."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    moment = models.CharField(max_length=12, choices=AssessmentMoment.choices)
    domain = models.CharField(_("leefgebied"), max_length=32, choices=LifeDomain.choices)
    story = models.TextField(_("in de woorden van de inwoner"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("prioriteit van de inwoner"),
        null=True,
        blank=True,
        help_text=_("1 = het belangrijkste voor de inwoner."),
    )
    zrm_score = models.PositiveSmallIntegerField(
        _("ZRM-score"), choices=ZrmScore.choices, null=True, blank=True
    )

    class Meta:
        ordering = ["moment", models.F("priority").asc(nulls_last=True), "domain"]
        verbose_name = _("beoordeling per leefgebied")
        verbose_name_plural = _("beoordelingen per leefgebied")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "moment", "domain"], name="assessment_unique_domain"
            ),
            models.CheckConstraint(
                condition=Q(zrm_score__isnull=True) | Q(zrm_score__gte=1, zrm_score__lte=5),
                name="assessment_zrm_range",
            ),
        ]


class ResultKind(BaseModel):
    """A kind of result the team reports on (the factsheet's list), configurable."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    domain = models.CharField(
        _("leefgebied"), max_length=32, choices=LifeDomain.choices, blank=True
    )
    active = models.BooleanField(_("actief"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("soort resultaat")
        verbose_name_plural = _("soorten resultaat")

    def __str__(self) -> str:
        return self.name


class CaseResult(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="results")
    kind = models.ForeignKey(ResultKind, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="caseresult_unique_kind"),
        ]
        indexes = [models.Index(fields=["kind", "case"], name="caseresult_kind")]


class StopReason(models.TextChoices):
    """Why a case stopped before a plan existed (Traject stoppen)."""

    NOT_SUITABLE = "niet_passend", _("Past niet bij Op Koers: de gewone route volstaat")
    RESIDENT_WITHDRAWS = "inwoner_ziet_af", _("De inwoner ziet af van het traject")
    NO_CONTACT = "geen_contact", _("Geen contact met de inwoner")
    MOVED = "verhuisd", _("De inwoner is verhuisd")
    OTHER = "anders", _("Andere reden")


class Closure(BaseModel):
    """Evaluation and warm handover, written at closing. Kept when a case is reopened
    and closed again (the latest text wins; history is in the audit log)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="closure")
    evaluation_resident = models.TextField(_("evaluatie door de inwoner"), blank=True)
    evaluation_team = models.TextField(_("evaluatie door het team"), blank=True)
    handover_to = models.CharField(
        _("warme overdracht aan"),
        max_length=200,
        blank=True,
        help_text=_("Naam en organisatie, bijvoorbeeld de werkcoach."),
    )
    handover_agreements = models.TextField(_("afspraken bij de overdracht"), blank=True)
    # Closing needs the resident's evaluation, or an explicit note why it is missing, and
    # a handover or the explicit statement that none is needed: silence is not an answer.
    evaluation_resident_missing_reason = models.TextField(
        _("waarom ontbreekt de evaluatie van de inwoner?"), blank=True
    )
    no_handover_needed = models.BooleanField(_("geen overdracht nodig"), default=False)
    stop_reason = models.CharField(
        _("reden van stoppen"), max_length=20, choices=StopReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("afronding")
        verbose_name_plural = _("afrondingen")
