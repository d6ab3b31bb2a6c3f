from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Organisation
from opkoers.consent import legal_bases
from opkoers.consent.legal_bases import StatutoryBasis
from opkoers.consent.models import ConsentMethod
from opkoers.core.forms import BoundedDateField, DateInput, StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField


def _max_validity_days() -> int:
    from opkoers.consent.services import max_validity_days

    return max_validity_days()


class ConsentForm(StyledFormMixin, forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaties die gegevens mogen delen"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één organisatie.")},
    )
    purpose = forms.CharField(
        label=_("Doel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarvoor delen de organisaties de gegevens? In woorden van de inwoner."),
        error_messages={"required": _("Beschrijf waarvoor de gegevens gedeeld worden.")},
    )
    method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
    witness_name = forms.CharField(
        label=_("Naam getuige"),
        required=False,
        max_length=200,
        help_text=_("Alleen nodig bij mondelinge toestemming."),
    )
    given_on = BoundedDateField(label=_("Gegeven op"), widget=DateInput(), not_in_future=True)
    valid_until = BoundedDateField(label=_("Geldig tot en met"), widget=DateInput())
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "given_on": timezone.localdate(),
                "valid_until": timezone.localdate()
                + datetime.timedelta(days=min(365, _max_validity_days())),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].help_text = _(
            "Hoogstens %(days)s dagen na de datum van de toestemming."
        ) % {"days": _max_validity_days()}
        field = self.fields["organisations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = organisations if organisations is not None else Organisation.objects.all()


class WithdrawForm(StyledFormMixin, forms.Form):
    withdrawn_by = forms.CharField(
        label=_("Wie trekt de toestemming in?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: de inwoner zelf, of de bewindvoerder."),
        error_messages={"required": _("Vul in wie de toestemming intrekt.")},
    )
    withdrawn_on = BoundedDateField(
        label=_("Ingetrokken op"), widget=DateInput(), not_in_future=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"withdrawn_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


def _basis_choices() -> list[tuple[str, str]]:
    return [
        (value, f"{label} ({legal_bases.article(value)})")
        for value, label in StatutoryBasis.choices
    ]


class LegalBasisForm(StyledFormMixin, forms.Form):
    """A request: only a statutory basis from the list, for an organisation at the
    table, with a motivation and an end date. The service checks the rules again."""

    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Kies de organisatie."),
            "invalid_choice": _("Kies een organisatie die aan tafel zit bij dit traject."),
        },
    )
    basis = forms.ChoiceField(
        label=_("Wettelijke grondslag"),
        choices=_basis_choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een wettelijke grondslag uit de lijst."),
            "invalid_choice": _("Kies een wettelijke grondslag uit de lijst."),
        },
    )
    motivation = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Waarom heeft deze organisatie de gegevens op grond van deze wet nodig?"),
        error_messages={
            "required": _(
                "Schrijf waarom deze organisatie de gegevens op grond van deze wet nodig heeft."
            )
        },
    )
    # The service holds the real window (today … LEGAL_BASIS_MAX_DAYS ahead); the
    # field's bounds keep absurd dates from reaching it.
    ends_on = BoundedDateField(
        label=_("Geldig tot en met"),
        widget=DateInput(),
        error_messages={"required": _("Vul een einddatum in.")},
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from opkoers.consent.services import legal_basis_max_days

        self.fields["ends_on"].help_text = _(
            "Hoogstens %(days)s dagen vooruit. Daarna vraagt u de grondslag opnieuw aan."
        ) % {"days": legal_basis_max_days()}
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations if organisations is not None else Organisation.objects.none()


class LegalBasisDecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Goedkeuren")), ("reject", _("Afwijzen"))],
        error_messages={
            "required": _("Kies goedkeuren of afwijzen."),
            "invalid_choice": _("Kies goedkeuren of afwijzen."),
        },
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=4000)


class LegalBasisEndForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=4000,
        error_messages={"required": _("Schrijf kort waarom de grondslag eindigt.")},
    )


class ScanForm(StyledFormMixin, forms.Form):
    scan = forms.FileField(
        label=_("Scan van het ondertekende formulier"),
        help_text=_("PDF, JPEG of PNG."),
        error_messages={"required": _("Kies een bestand.")},
    )
