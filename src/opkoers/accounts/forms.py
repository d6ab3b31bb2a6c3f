from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Organisation, Role, Team, User
from opkoers.cases.models import ResultKind
from opkoers.core.forms import BoundedIntegerField, StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField

WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
]


def locked_message() -> str:
    """django-axes' lockout, in words (security/lockout.py shows it on the login page)."""
    from opkoers.accounts.security.lockout import cool_off_minutes

    return gettext(
        "Te veel mislukte pogingen. Om uw account te beschermen kunt u het over "
        "%(minutes)d minuten opnieuw proberen."
    ) % {"minutes": cool_off_minutes()}


class LoginForm(StyledFormMixin, auth_forms.AuthenticationForm):
    """Failures are counted by django-axes (AxesStandaloneBackend and LockoutHandler).
    `locked`: the lockout page's copy, which shows the message without authenticating
    (and so without counting) once more."""

    def __init__(self, request: Any = None, *args: Any, locked: bool = False, **kwargs: Any):
        self.locked = locked
        super().__init__(request, *args, **kwargs)

    def clean(self) -> dict[str, Any]:
        if self.locked:
            raise forms.ValidationError(locked_message(), code="locked")
        return super().clean()


class MfaCodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code uit de authenticator-app"),
        help_text=_("Zes cijfers. Een nieuwe code verschijnt elke 30 seconden."),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class PasswordChangeForm(StyledFormMixin, auth_forms.PasswordChangeForm):
    pass


class InvitationPasswordForm(StyledFormMixin, auth_forms.SetPasswordForm):
    """The invited person chooses their own password (Django's validators apply)."""


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    submission_token = SubmissionTokenField()

    class Meta:
        model = Organisation
        fields = ["name", "kind", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["active"]
        else:
            del self.fields["submission_token"]


class TeamForm(StyledFormMixin, forms.ModelForm):
    overleg_weekday = forms.TypedChoiceField(
        label=_("Dag van het teamoverleg"), choices=WEEKDAYS, coerce=int, initial=1
    )
    follow_up_working_days = BoundedIntegerField(
        label=_("Nabellen na (werkdagen)"),
        min_value=1,
        max_value=20,
        initial=3,
        help_text=Team._meta.get_field("follow_up_working_days").help_text,
    )
    next_conversation_days = BoundedIntegerField(
        label=_("Vervolggesprek na (dagen)"),
        min_value=1,
        max_value=90,
        initial=14,
        help_text=Team._meta.get_field("next_conversation_days").help_text,
    )
    retention_months_after_closing = BoundedIntegerField(
        label=_("Bewaartermijn na afsluiten (maanden)"),
        min_value=1,
        max_value=120,
        initial=24,
        help_text=Team._meta.get_field("retention_months_after_closing").help_text,
    )
    submission_token = SubmissionTokenField()

    class Meta:
        model = Team
        fields = [
            "name",
            "municipality",
            "follow_up_working_days",
            "next_conversation_days",
            "overleg_weekday",
            "retention_months_after_closing",
            "accepts_self_registration",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["active"]
        else:
            del self.fields["submission_token"]


class _UserFieldsMixin(forms.ModelForm):
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def _limit_choices(self, user: User | None) -> None:
        """Only active organisations and teams, plus whatever this user already has."""
        org_filter = Q(active=True)
        team_filter = Q(active=True)
        if user is not None:
            if user.organisation_id:
                org_filter |= Q(pk=user.organisation_id)
            team_filter |= Q(memberships__user=user)
        self.fields["organisation"].queryset = Organisation.objects.filter(org_filter)  # type: ignore[attr-defined]
        self.fields["teams"].queryset = Team.objects.filter(team_filter).distinct()  # type: ignore[attr-defined]
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["organisation"].required = True


class UserCreateForm(StyledFormMixin, _UserFieldsMixin):
    """No password: the person gets an invitation by email and chooses their own."""

    submission_token = SubmissionTokenField()

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "organisation",
            "role",
            "job_title",
            "phone",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_choices(None)
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "Hier komt de uitnodiging binnen waarmee de gebruiker een eigen wachtwoord kiest."
        )


class UserEditForm(StyledFormMixin, _UserFieldsMixin):
    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "email",
            "organisation",
            "role",
            "job_title",
            "phone",
            "is_active",
        ]
        labels = {"is_active": _("Actief (kan inloggen)")}
        help_texts = {
            "is_active": _(
                "Zet dit uit wanneer iemand vertrekt. Gegevens en geschiedenis blijven bewaard."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_choices(self.instance)
        if not self.is_bound:
            self.initial["teams"] = list(
                self.instance.memberships.values_list("team_id", flat=True)
            )


class UserFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Naam of gebruikersnaam"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Rol"), required=False, choices=[("", _("Alle rollen")), *Role.choices]
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        required=False,
        queryset=Organisation.objects.only("id", "name"),
        empty_label=_("Alle organisaties"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        required=False,
        queryset=Team.objects.only("id", "name"),
        empty_label=_("Alle teams"),
    )


class MemberSearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Zoek op naam of gebruikersnaam"), required=False, max_length=100)


class ResultKindForm(StyledFormMixin, forms.ModelForm):
    order = BoundedIntegerField(
        label=_("Volgorde"),
        min_value=0,
        max_value=999,
        initial=0,
        help_text=_("Lager getal staat hoger in de lijst."),
    )
    submission_token = SubmissionTokenField()

    class Meta:
        model = ResultKind
        fields = ["name", "domain", "order", "active"]
        help_texts = {"order": _("Lager getal staat hoger in de lijst.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["active"]
        else:
            del self.fields["submission_token"]
