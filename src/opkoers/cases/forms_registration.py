"""The Aanmelding form: the resident's basic data (shared rules, residents/forms.py)
plus what the team needs to pick the registration up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Team
from opkoers.cases.models import Channel, Urgency
from opkoers.core.models import LifeDomain
from opkoers.core.submissions import SubmissionTokenField
from opkoers.residents.forms import ResidentBasicsForm

if TYPE_CHECKING:
    from opkoers.accounts.models import User


class RegistrationForm(ResidentBasicsForm):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        empty_label=_("– kies een team –"),
        error_messages={
            "required": _("Kies voor welk team de aanmelding is."),
            "invalid_choice": _("Kies een team waarin u werkt."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Aangemeld via"),
        choices=[("", _("– kies –")), *Channel.choices],
        error_messages={"required": _("Kies via welk kanaal de aanmelding binnenkwam.")},
    )
    referrer_name = forms.CharField(
        label=_("Naam aanmelder"),
        max_length=200,
        required=False,
        help_text=_("Wie meldt aan? Leeg laten als de inwoner zichzelf aanmeldt."),
    )
    referrer_organisation = forms.CharField(
        label=_("Organisatie aanmelder"), max_length=200, required=False
    )
    referrer_contact = forms.CharField(
        label=_("Telefoon of e-mail aanmelder"), max_length=200, required=False
    )
    reason_stuck = forms.CharField(
        label=_("Waarom lukt het niet via de gewone route?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat is er al geprobeerd, en waar loopt het vast?"),
        error_messages={"required": _("Beschrijf waarom het via de gewone route niet lukt.")},
    )
    domains = forms.MultipleChoiceField(
        label=_("Leefgebieden"),
        choices=LifeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Op welke leefgebieden speelt er iets? Kies er minstens één."),
        error_messages={"required": _("Kies minstens één leefgebied.")},
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de urgentie.")},
    )
    submission_token = SubmissionTokenField()

    field_order = [
        "team",
        *ResidentBasicsForm.base_fields,
        "channel",
        "referrer_name",
        "referrer_organisation",
        "referrer_contact",
        "reason_stuck",
        "domains",
        "urgency",
    ]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = list(user.teams.filter(active=True).order_by("name"))
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Team.objects.filter(pk__in=[t.pk for t in teams])
        if len(teams) == 1:
            field.initial = teams[0].pk
        self.teams = teams

    def clean_reason_stuck(self) -> str:
        value: str = self.cleaned_data.get("reason_stuck", "").strip()
        if not value:
            raise forms.ValidationError(_("Beschrijf waarom het via de gewone route niet lukt."))
        return value

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            **self.resident_values(),
            "team": d["team"],
            "channel": d["channel"],
            "referrer_name": d["referrer_name"],
            "referrer_organisation": d["referrer_organisation"],
            "referrer_contact": d["referrer_contact"],
            "reason_stuck": d["reason_stuck"],
            "domains": d["domains"],
            "urgency": d["urgency"],
        }
