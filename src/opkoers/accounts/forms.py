from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Organisation, Role, Team, User
from opkoers.accounts.security import throttle
from opkoers.accounts.security.backends import client_address
from opkoers.accounts.services.mfa import locked_message
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


class LoginForm(StyledFormMixin, auth_forms.AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError:
            # Counted per typed name, so this says nothing about whether it exists; and
            # per address, against one password tried on many names.
            name = throttle.password_key(self.cleaned_data.get("username", ""))
            address = client_address(self.request)
            if throttle.locked_until(name) or (address and throttle.locked_until(address)):
                raise forms.ValidationError(locked_message(), code="locked") from None
            raise


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
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["active"]
        else:
            del self.fields["submission_token"]


MODE_GENERATE = "generate"
MODE_SET = "set"


def _password_mode_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Wachtwoord"),
        choices=[
            (MODE_GENERATE, _("Tijdelijk wachtwoord laten maken (wordt één keer getoond)")),
            (MODE_SET, _("Zelf een tijdelijk wachtwoord invullen")),
        ],
        initial=MODE_GENERATE,
        widget=forms.RadioSelect,
        help_text=_("De gebruiker moet bij de eerste keer inloggen een eigen wachtwoord kiezen."),
    )


def _password_field(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=help_text,
    )


def _password_help_now() -> str:
    return " ".join(str(t) for t in password_validation.password_validators_help_texts())


# Lazy: the validators translate their help text when asked, in the request's language.
_password_help = lazy(_password_help_now, str)


class _PasswordChoice:
    """An admin either has a temporary password generated or types one in."""

    add_error: Any
    cleaned_data: dict[str, Any]

    def check_password_choice(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get("password_mode") == MODE_SET:
            password = cleaned.get("password") or ""
            if not password:
                self.add_error("password", _("Vul een wachtwoord in."))
            elif password != cleaned.get("password_confirm"):
                self.add_error("password_confirm", _("De twee wachtwoorden zijn niet gelijk."))

    def chosen_password(self) -> str | None:
        if self.cleaned_data.get("password_mode") == MODE_SET:
            return str(self.cleaned_data["password"])
        return None


class AdminPasswordForm(StyledFormMixin, _PasswordChoice, forms.Form):
    password_mode = _password_mode_field()
    password = _password_field(_("Tijdelijk wachtwoord"), _password_help())
    password_confirm = _password_field(_("Herhaal het tijdelijke wachtwoord"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_password_choice(cleaned)
        return cleaned


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


class UserCreateForm(StyledFormMixin, _PasswordChoice, _UserFieldsMixin):
    password_mode = _password_mode_field()
    password = _password_field(_("Tijdelijk wachtwoord"), _password_help())
    password_confirm = _password_field(_("Herhaal het tijdelijke wachtwoord"))
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_password_choice(cleaned)
        return cleaned


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
