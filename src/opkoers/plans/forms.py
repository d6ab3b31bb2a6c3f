"""Forms for goals and actions. They only parse input; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import User
from opkoers.cases.models import Case, CaseTeamMember
from opkoers.core.concurrency import VersionedFormMixin
from opkoers.core.forms import BoundedDateField, DateInput, StyledFormMixin
from opkoers.core.models import LifeDomain
from opkoers.core.submissions import SubmissionTokenField
from opkoers.plans.models import ActionStatus, Goal, GoalOutcome, OwnerKind
from opkoers.residents.models import NetworkPerson

MAX_TEXT = 2000
RESIDENT_OWNER = OwnerKind.RESIDENT.value


class GoalForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    domain = forms.ChoiceField(
        label=_("Leefgebied"),
        choices=[("", _("Kies een leefgebied")), *LifeDomain.choices],
        error_messages={"required": _("Kies een leefgebied.")},
    )
    description = forms.CharField(
        label=_("Wat wil de inwoner bereiken?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "In de woorden van de inwoner. Bijvoorbeeld: ‘Ik wil weer rust hebben over geld.’"
        ),
        error_messages={"required": _("Beschrijf het doel.")},
    )
    priority = forms.TypedChoiceField(
        label=_("Hoe belangrijk is dit doel voor de inwoner?"),
        coerce=int,
        help_text=_("1 is het belangrijkste. De andere doelen schuiven mee."),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, slots: int, show_priority: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not show_priority:
            del self.fields["priority"]
            return
        choices = []
        for number in range(1, slots + 1):
            if number == 1:
                label = _("%(n)d – het belangrijkste") % {"n": number}
            elif number == slots:
                label = _("%(n)d – als laatste") % {"n": number}
            else:
                label = str(number)
            choices.append((str(number), label))
        priority = self.fields["priority"]
        assert isinstance(priority, forms.TypedChoiceField)
        priority.choices = choices
        self.initial.setdefault("priority", slots)


class ActionForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """The owner is one choice among the resident, the resident's network and the case
    team, so that the form works as a single plain select without JavaScript."""

    description = forms.CharField(
        label=_("Wat moet er gebeuren?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en concreet, zodat de inwoner het ook begrijpt."),
        error_messages={"required": _("Beschrijf wat er moet gebeuren.")},
    )
    owner = forms.ChoiceField(
        label=_("Wie doet het?"),
        error_messages={
            "required": _("Kies wie de actie doet."),
            "invalid_choice": _("Kies iemand uit de lijst."),
        },
    )
    goal = forms.ChoiceField(
        label=_("Bij welk doel hoort de actie?"),
        required=False,
        error_messages={"invalid_choice": _("Kies een doel uit de lijst.")},
    )
    due_date = BoundedDateField(
        label=_("Uiterlijk klaar op"),
        required=False,
        widget=DateInput(),
        help_text=_("Niet verplicht, wel verstandig: dan ziet iedereen wanneer het te laat is."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2026.")},
    )
    submission_token = SubmissionTokenField()

    def __init__(
        self, *args: Any, case: Case, keep_goal: Goal | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._network = {
            str(p.pk): p for p in NetworkPerson.objects.filter(resident_id=case.resident_id)
        }
        members = CaseTeamMember.objects.filter(case=case).select_related(
            "user", "user__organisation"
        )
        self._users = {str(m.user_id): m.user for m in members}
        goals = [
            g
            for g in Goal.objects.filter(case=case).order_by("priority", "created_at")
            if g.outcome != GoalOutcome.DROPPED or (keep_goal and g.pk == keep_goal.pk)
        ]
        self._goals = {str(g.pk): g for g in goals}
        owner_choices: list[Any] = [
            ("", _("Kies wie het doet")),
            (RESIDENT_OWNER, _("%(name)s (de inwoner)") % {"name": case.resident.full_name}),
        ]
        if self._network:
            owner_choices.append(
                (
                    _("Iemand uit het netwerk"),
                    [(f"netwerk:{key}", str(p)) for key, p in self._network.items()],
                )
            )
        if self._users:
            owner_choices.append(
                (
                    _("Een professional uit het casusteam"),
                    [
                        (f"professional:{key}", _professional_label(u))
                        for key, u in self._users.items()
                    ],
                )
            )
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = owner_choices
        goal_field = self.fields["goal"]
        assert isinstance(goal_field, forms.ChoiceField)
        goal_field.choices = [
            ("", _("Geen doel: een losse actie")),
            *[
                (key, f"{g.priority}. {g.get_domain_display()}: {g.description[:60]}")
                for key, g in self._goals.items()
            ],
        ]

    def clean_owner(self) -> dict[str, Any]:
        value = self.cleaned_data["owner"]
        if value == RESIDENT_OWNER:
            return {"owner_kind": OwnerKind.RESIDENT}
        kind, _sep, key = value.partition(":")
        if kind == "netwerk" and key in self._network:
            return {"owner_kind": OwnerKind.NETWORK, "owner_network_person": self._network[key]}
        if kind == "professional" and key in self._users:
            return {"owner_kind": OwnerKind.PROFESSIONAL, "owner_user": self._users[key]}
        raise forms.ValidationError(_("Kies iemand uit de lijst."))

    def clean_goal(self) -> Goal | None:
        key = self.cleaned_data.get("goal") or ""
        return self._goals.get(key)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "description": data["description"],
            "goal": data["goal"],
            "due_date": data["due_date"],
            **data["owner"],
        }

    @staticmethod
    def owner_value(
        owner_kind: str, owner_user_id: object = None, owner_network_person_id: object = None
    ) -> str:
        if owner_kind == OwnerKind.NETWORK:
            return f"netwerk:{owner_network_person_id}"
        if owner_kind == OwnerKind.PROFESSIONAL:
            return f"professional:{owner_user_id}"
        return RESIDENT_OWNER


def _professional_label(user: User) -> str:
    if user.organisation:
        return f"{user} ({user.organisation.name})"
    return str(user)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )


class AgreePlanForm(StyledFormMixin, forms.Form):
    resident_agreed = forms.BooleanField(
        label=_("De inwoner is akkoord met dit plan"),
        error_messages={"required": _("Vink aan dat de inwoner akkoord is met het plan.")},
    )
