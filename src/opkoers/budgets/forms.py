"""Forms for budget requests, decisions, payments and team settings. They parse input;
the rules live in services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.budgets.services import MAX_TEXT, money
from opkoers.cases.models import Case
from opkoers.core.concurrency import VersionedFormMixin
from opkoers.core.forms import BoundedDateField, BoundedIntegerField, DateInput, StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField
from opkoers.core.validation import MAX_MONEY, MAX_POT
from opkoers.plans.models import Goal, GoalOutcome


class MoneyField(forms.CharField):
    """Euros as typed by a Dutch user (250,00 or 250.00), exact to the cent."""

    def __init__(self, *, max_value: Decimal = MAX_MONEY, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.max_value = max_value
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            amount = money(text, allow_zero=getattr(self, "allow_zero", False))
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        if amount > self.max_value:
            raise ValidationError(
                _("Vul een bedrag in van hoogstens %(max)s euro.")
                % {"max": f"{self.max_value:,.0f}".replace(",", ".")},
                code="too_big",
            )
        return amount


class ZeroMoneyField(MoneyField):
    allow_zero = True


class BudgetRequestForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    goal = forms.ModelChoiceField(
        label=_("Bij welk doel van het Samen1plan hoort dit?"),
        queryset=Goal.objects.none(),
        empty_label=_("Kies een doel"),
        error_messages={
            "required": _("Kies het doel waar het budget bij hoort."),
            "invalid_choice": _("Kies een doel uit de lijst."),
        },
    )
    amount = MoneyField(
        label=_("Bedrag in euro's"),
        help_text=_("Met centen, bijvoorbeeld 249,95."),
        error_messages={"required": _("Vul het bedrag in.")},
    )
    purpose = forms.CharField(
        label=_("Waarvoor is het geld?"),
        max_length=300,
        error_messages={"required": _("Vul in waarvoor het geld is.")},
    )
    payee = forms.CharField(
        label=_("Aan wie wordt betaald?"),
        max_length=200,
        help_text=_("Bijvoorbeeld de verhuurder, de school of de winkel."),
        error_messages={"required": _("Vul in aan wie betaald wordt.")},
    )
    breakthrough = forms.CharField(
        label=_("Welke doorbraak geeft dit voor de inwoner?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Maatwerkbudget is er alleen voor kosten die een doorbraak geven. Beschrijf wat er "
            "daardoor wél kan."
        ),
        error_messages={"required": _("Beschrijf welke doorbraak dit voor de inwoner geeft.")},
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ModelChoiceField)
        goal.queryset = Goal.objects.filter(case=case).exclude(outcome=GoalOutcome.DROPPED)


class DecisionForm(forms.Form):
    DECISIONS = [("approve", "approve"), ("reject", "reject"), ("more_info", "more_info")]
    decision = forms.ChoiceField(choices=DECISIONS)
    note = forms.CharField(required=False, max_length=MAX_TEXT)


class PaymentForm(StyledFormMixin, forms.Form):
    paid_on = BoundedDateField(
        label=_("Betaald op"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de betaaldatum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2026."),
        },
    )
    reference = forms.CharField(
        label=_("Betalingskenmerk"),
        max_length=100,
        help_text=_("Het kenmerk van de financiële administratie of de bank."),
        error_messages={"required": _("Vul het betalingskenmerk in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("paid_on", timezone.localdate())


class CancelApprovalForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: de verhuurder heeft de achterstand kwijtgescholden."),
        error_messages={"required": _("Geef een reden voor het intrekken.")},
    )


class PotForm(StyledFormMixin, forms.Form):
    year = BoundedIntegerField(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("Vul het jaar in.")},
    )
    amount = ZeroMoneyField(
        label=_("Budget voor dat jaar in euro's"),
        max_value=MAX_POT,
        error_messages={"required": _("Vul het bedrag in.")},
    )


class CapForm(StyledFormMixin, forms.Form):
    cap = ZeroMoneyField(
        label=_("Maximum per inwoner in euro's"),
        help_text=_("Standaard € 2.500. Daarboven alleen met motivering van de projectleider."),
        error_messages={"required": _("Vul het maximum in.")},
    )
