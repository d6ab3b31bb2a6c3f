"""Forms for step 7 (afronding), stopping early and reopening."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from opkoers.cases.models import ResultKind, StopReason
from opkoers.cases.selectors_closing import ClosingPage
from opkoers.cases.services.closing import ClosingInput, GoalOutcomeInput
from opkoers.core.forms import StyledFormMixin, _css_class
from opkoers.core.models import LifeDomain, ParticipationRung, ZrmScore
from opkoers.core.submissions import SubmissionTokenField
from opkoers.plans.models import Goal, GoalOutcome


def _score_field(label: str, choices: Any, help_text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("– nog niet gescoord –")), *choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=help_text,
    )


class ClosingForm(StyledFormMixin, forms.Form):
    """One form for the whole closing page. The per-goal, per-result and per-domain
    fields are built from the case's own data, so a posted id that does not belong to
    the case is simply not a field."""

    ladder_at_closing = forms.TypedChoiceField(
        label=_("Participatieladder bij afronding"),
        choices=[("", _("– nog niet gekozen –")), *ParticipationRung.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    evaluation_resident = forms.CharField(
        label=_("Evaluatie door de inwoner"),
        help_text=_("In de woorden van de inwoner: wat heeft geholpen, wat kon beter?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    evaluation_resident_missing_reason = forms.CharField(
        label=_("Geen evaluatie van de inwoner? Licht toe waarom"),
        help_text=_("Bijvoorbeeld: de inwoner was niet meer bereikbaar."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    evaluation_team = forms.CharField(
        label=_("Evaluatie door het team"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    handover_to = forms.CharField(
        label=_("Warme overdracht aan"),
        help_text=_("Naam en organisatie, bijvoorbeeld de werkcoach."),
        max_length=200,
        required=False,
    )
    handover_agreements = forms.CharField(
        label=_("Wat is er bij de overdracht afgesproken?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    no_handover_needed = forms.BooleanField(label=_("Geen overdracht nodig"), required=False)
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, page: ClosingPage, ladder_at_intake: int | None, **kwargs: Any):
        self.page = page
        closure = page.closure
        initial = kwargs.setdefault("initial", {})
        if closure is not None:
            for name in (
                "evaluation_resident",
                "evaluation_resident_missing_reason",
                "evaluation_team",
                "handover_to",
                "handover_agreements",
                "no_handover_needed",
            ):
                initial.setdefault(name, getattr(closure, name))
        super().__init__(*args, **kwargs)
        for goal in page.goals:
            self.fields[f"goal_{goal.pk.hex}_outcome"] = forms.ChoiceField(
                label=_("Uitkomst"), choices=GoalOutcome.choices, initial=goal.outcome
            )
            self.fields[f"goal_{goal.pk.hex}_note"] = forms.CharField(
                label=_("Toelichting op de uitkomst"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=goal.outcome_note,
            )
        for kind in page.result_kinds:
            self.fields[f"result_{kind.pk.hex}"] = forms.BooleanField(
                label=kind.name,
                required=False,
                initial=kind.pk in page.chosen_results,
                help_text=LifeDomain(kind.domain).label if kind.domain else "",
            )
            self.fields[f"result_{kind.pk.hex}_note"] = forms.CharField(
                label=_("Toelichting bij ‘%(kind)s’") % {"kind": kind.name},
                max_length=300,
                required=False,
                initial=page.chosen_results.get(kind.pk, ""),
            )
        for row in page.zrm_rows:
            intake = (
                ZrmScore(row.intake_score).label
                if row.intake_score is not None
                else _("geen score")
            )
            self.fields[f"zrm_{row.domain}"] = _score_field(
                str(row.label),
                ZrmScore.choices,
                str(_("Bij intake: %(score)s") % {"score": intake}),
            )
            self.fields[f"zrm_{row.domain}"].initial = row.closing_score
        ladder = self.fields["ladder_at_closing"]
        ladder.help_text = _("Bij intake: %(rung)s") % {
            "rung": ParticipationRung(ladder_at_intake).label
            if ladder_at_intake is not None
            else _("niet ingevuld")
        }
        self._style_added_fields()

    def _style_added_fields(self) -> None:
        """StyledFormMixin styles the declared fields in __init__; the fields built above
        from the case's data come later and get the same classes and ARIA wiring here."""
        for name, field in self.fields.items():
            widget = field.widget
            if "class" not in widget.attrs:
                widget.attrs["class"] = _css_class(widget)
            if field.help_text and "aria-describedby" not in widget.attrs:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_helptext"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("no_handover_needed") and (data.get("handover_to") or "").strip():
            self.add_error(
                "handover_to",
                _("U vulde een overdracht in én ‘geen overdracht nodig’. Kies één van beide."),
            )
        return data

    # --- rows for the template ------------------------------------------------------

    def goal_rows(self) -> list[tuple[Goal, BoundField, BoundField]]:
        return [
            (g, self[f"goal_{g.pk.hex}_outcome"], self[f"goal_{g.pk.hex}_note"])
            for g in self.page.goals
        ]

    def result_rows(self) -> list[tuple[ResultKind, BoundField, BoundField]]:
        return [
            (k, self[f"result_{k.pk.hex}"], self[f"result_{k.pk.hex}_note"])
            for k in self.page.result_kinds
        ]

    def zrm_fields(self) -> list[BoundField]:
        return [self[f"zrm_{row.domain}"] for row in self.page.zrm_rows]

    def to_input(self) -> ClosingInput:
        d = self.cleaned_data
        return ClosingInput(
            goal_outcomes={
                g.pk: GoalOutcomeInput(
                    outcome=d[f"goal_{g.pk.hex}_outcome"], note=d[f"goal_{g.pk.hex}_note"]
                )
                for g in self.page.goals
            },
            results={
                k.pk: d[f"result_{k.pk.hex}_note"]
                for k in self.page.result_kinds
                if d[f"result_{k.pk.hex}"]
            },
            zrm_scores={row.domain: d[f"zrm_{row.domain}"] for row in self.page.zrm_rows},
            ladder_at_closing=d["ladder_at_closing"],
            evaluation_resident=d["evaluation_resident"],
            evaluation_resident_missing_reason=d["evaluation_resident_missing_reason"],
            evaluation_team=d["evaluation_team"],
            handover_to=d["handover_to"],
            handover_agreements=d["handover_agreements"],
            no_handover_needed=d["no_handover_needed"],
        )


class StopEarlyForm(StyledFormMixin, forms.Form):
    stop_reason = forms.ChoiceField(
        label=_("Waarom stopt het traject?"),
        choices=StopReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waarom het traject stopt.")},
    )
    stop_explanation = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Verplicht bij ‘Andere reden’."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    submission_token = SubmissionTokenField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("stop_reason") == StopReason.OTHER
            and not (data.get("stop_explanation") or "").strip()
        ):
            self.add_error("stop_explanation", _("Licht toe waarom het traject stopt."))
        return data


class ReopenForm(StyledFormMixin, forms.Form):
    reopen_reason = forms.CharField(
        label=_("Waarom wordt het traject heropend?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef een reden op om het traject te heropenen.")},
    )
    submission_token = SubmissionTokenField()

    def clean_reopen_reason(self) -> str:
        reason: str = self.cleaned_data["reopen_reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Geef een reden op om het traject te heropenen."))
        return reason


class PlainTokenForm(forms.Form):
    """For the buttons that only move the case (start closing, back to lopend)."""

    submission_token = SubmissionTokenField()
