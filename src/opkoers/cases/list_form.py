"""The filter form of the case list: a plain GET form (works without JavaScript) whose
choices come from the user's own teams, so nobody can filter on another team's people."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Role, TeamMembership
from opkoers.cases.models import CaseStatus
from opkoers.cases.selectors_list import CaseListQuery, Scope, Sort
from opkoers.core.forms import StyledFormMixin
from opkoers.core.models import LifeDomain

if TYPE_CHECKING:
    from opkoers.accounts.models import Team, User

MAX_PAGE = 10_000


@dataclass
class FilterChoices:
    teams: list[Team]
    people: list[User]


def filter_choices(user: User) -> FilterChoices:
    """The user's teams and everyone who works on cases in them, in one query."""
    teams: dict[uuid.UUID, Team] = {}
    people: dict[int, User] = {}
    memberships = (
        TeamMembership.objects.filter(team__memberships__user=user)
        .select_related("team", "user")
        .order_by("team__name", "user__first_name", "user__last_name")
    )
    for membership in memberships:
        teams.setdefault(membership.team_id, membership.team)
        if membership.user.is_active and membership.user.role in {
            Role.PROFESSIONAL,
            Role.PROJECT_LEADER,
        }:
            people.setdefault(membership.user_id, membership.user)
    return FilterChoices(
        teams=list(teams.values()),
        people=sorted(people.values(), key=lambda u: (u.first_name, u.last_name, u.pk)),
    )


def page_number(raw: str | None) -> int:
    """A bad or missing page number means the first page, never an error."""
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


class CaseListFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Naam of kenmerk"),
        help_text=_("Zoek op (een deel van) de naam van de inwoner of het kenmerk."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(
        label=_("Stap"),
        required=False,
        choices=[("", _("Alle stappen")), *CaseStatus.choices],
    )
    domain = forms.ChoiceField(
        label=_("Leefgebied"),
        required=False,
        choices=[("", _("Alle leefgebieden")), *LifeDomain.choices],
    )
    contact_person = forms.TypedChoiceField(
        label=_("Contactpersoon"), required=False, coerce=int, empty_value=None
    )
    team = forms.TypedChoiceField(
        label=_("Team"), required=False, coerce=uuid.UUID, empty_value=None
    )
    scope = forms.ChoiceField(
        label=_("Lopend of afgesloten"),
        required=False,
        choices=[
            (Scope.OPEN, _("Lopende trajecten")),
            (Scope.CLOSED, _("Afgesloten trajecten")),
            (Scope.ALL, _("Alle trajecten")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[
            (Sort.NEWEST, _("Nieuwste aanmelding eerst")),
            (Sort.REFERENCE, _("Kenmerk")),
        ],
    )
    mine = forms.BooleanField(label=_("Alleen mijn trajecten"), required=False)

    def __init__(
        self,
        *args: Any,
        teams: Sequence[Team],
        people: Sequence[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].choices = [  # type: ignore[attr-defined]
            ("", _("Iedereen")),
            *((str(p.pk), str(p)) for p in people),
        ]
        if len(teams) > 1:
            self.fields["team"].choices = [  # type: ignore[attr-defined]
                ("", _("Al mijn teams")),
                *((str(t.pk), t.name) for t in teams),
            ]
        else:
            del self.fields["team"]

    @property
    def has_team_filter(self) -> bool:
        return "team" in self.fields

    def to_query(self, *, page: int) -> CaseListQuery:
        """The valid part of the input: an invalid field is reported and ignored, so
        the rest of what the person asked for still applies."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CaseListQuery(
            q=" ".join((data.get("q") or "").split()),
            status=data.get("status") or "",
            domain=data.get("domain") or "",
            contact_person_id=data.get("contact_person"),
            team_id=data.get("team"),
            mine=bool(data.get("mine")),
            scope=data.get("scope") or Scope.OPEN,
            sort=data.get("sort") or Sort.NEWEST,
            page=page,
        )
