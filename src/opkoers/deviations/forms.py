"""Forms for the deviation register. They parse input; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.core.forms import BoundedDateField, DateInput, StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField
from opkoers.core.validation import MAX_TEXT
from opkoers.deviations.models import DEFAULT_MANDATE, DeviationStatus, Rule


class DeviationForm(StyledFormMixin, forms.Form):
    """A rule is picked from the catalogue, or typed in when it is not there yet."""

    rule = forms.ModelChoiceField(
        label=_("Van welke regel is afgeweken?"),
        queryset=Rule.objects.all(),
        required=False,
        empty_label=_("Staat er niet bij: vul hieronder een nieuwe regel in"),
        error_messages={"invalid_choice": _("Kies een regel uit de lijst.")},
    )
    new_rule_name = forms.CharField(
        label=_("Nieuwe regel of procedure"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld ‘Kostendelersnorm’ of ‘Wachttijd urgentieaanvraag’."),
    )
    new_rule_regulation = forms.CharField(
        label=_("Wet of regeling"), max_length=200, required=False
    )
    new_rule_article = forms.CharField(
        label=_("Artikel (als bekend)"), max_length=60, required=False
    )
    what_differently = forms.CharField(
        label=_("Wat is er anders gedaan dan de regel zegt?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf wat er anders is gedaan.")},
    )
    why_it_helps = forms.CharField(
        label=_("Waarom helpt dit de inwoner?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf waarom dit de inwoner helpt.")},
    )
    mandate = forms.CharField(
        label=_("Op welk mandaat rust dit?"),
        max_length=300,
        initial=DEFAULT_MANDATE,
        error_messages={"required": _("Vul het mandaat in.")},
    )
    decided_by = forms.CharField(
        label=_("Wie besloot?"),
        max_length=200,
        help_text=_("Naam en functie."),
        error_messages={"required": _("Vul in wie besloot.")},
    )
    decided_on = BoundedDateField(
        label=_("Besloten op"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de datum van het besluit in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2026."),
        },
    )
    share_as_example = forms.BooleanField(
        label=_("Mag als geanonimiseerd voorbeeld naar beleid"),
        required=False,
        help_text=_(
            "Beleidsmedewerkers zien dan de twee teksten hierboven en de maand, zonder naam, "
            "kenmerk of datum. Schrijf de teksten dan zonder namen, adressen of andere "
            "details waaraan iemand te herkennen is."
        ),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("decided_on", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("rule") and not (data.get("new_rule_name") or "").strip():
            self.add_error("rule", _("Kies een regel, of vul een nieuwe regel in."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    reason = forms.CharField(required=False, max_length=MAX_TEXT)


class RegisterFilterForm(StyledFormMixin, forms.Form):
    rule = forms.ModelChoiceField(
        label=_("Regel"), queryset=Rule.objects.all(), required=False, empty_label=_("Alle regels")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *DeviationStatus.choices],
    )
    date_from = BoundedDateField(label=_("Besloten vanaf"), required=False, widget=DateInput())
    date_to = BoundedDateField(label=_("Besloten tot en met"), required=False, widget=DateInput())


class PeriodForm(StyledFormMixin, forms.Form):
    date_from = BoundedDateField(label=_("Van"), required=False, widget=DateInput())
    date_to = BoundedDateField(label=_("Tot en met"), required=False, widget=DateInput())


class PolicyForm(StyledFormMixin, forms.Form):
    approval_required = forms.BooleanField(
        label=_("Afwijkingen vragen goedkeuring van de projectleider"), required=False
    )
