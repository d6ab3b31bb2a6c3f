from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.core.forms import StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField
from opkoers.privacy.models import Verdict
from opkoers.privacy.services import NOTE_MAX_LENGTH, REASON_MAX_LENGTH, clean_reason


class BreakGlassForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden voor noodtoegang"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX_LENGTH,
        strip=False,
        help_text=_(
            "Waarom heeft u nu, zonder toestemming, persoonsgegevens nodig? Beschrijf het "
            "in woorden (minstens 15 tekens). De reden wordt vastgelegd en beoordeeld door "
            "de projectleider of de privacyfunctionaris."
        ),
        error_messages={
            "required": _("Geef een reden op."),
            "max_length": _("De reden is te lang. Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    submission_token = SubmissionTokenField()

    def clean_reason(self) -> str:
        return clean_reason(self.cleaned_data["reason"])


class ReviewForm(StyledFormMixin, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Oordeel"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een oordeel.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als de noodtoegang niet terecht was."),
    )


class StartJobForm(forms.Form):
    """The one button that starts a chain check or a retention dry run; the token
    makes a double click start it once (docs/decisions/0004)."""

    submission_token = SubmissionTokenField()
