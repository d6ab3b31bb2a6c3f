"""Forms for the case team page. Choices are built from lists the page already loaded,
so a page with many members does not run a query per form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.core.forms import StyledFormMixin, _css_class
from opkoers.core.submissions import SubmissionTokenField

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.cases.models import CaseTeamMember


def person_label(user: User) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.organisation.name})" if user.organisation else name


class _UserChoiceField(forms.ChoiceField):
    """A choice among users the page already has in memory; cleans to the User."""

    def __init__(self, *, users: list[User], empty_label: str, **kwargs: Any) -> None:
        self.users = {str(u.pk): u for u in users}
        super().__init__(
            choices=[("", empty_label), *[(str(u.pk), person_label(u)) for u in users]],
            **kwargs,
        )

    def clean(self, value: Any) -> User | None:
        key = super().clean(value)
        return self.users.get(key) if key else None


ROLE_HELP = _("Bijvoorbeeld werkcoach, schuldhulpverlener of consulent sociaal team.")


class AddMemberForm(StyledFormMixin, forms.Form):
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, addable: list[User], candidates: list[User], **kwargs: Any):
        kwargs.setdefault("prefix", "add")
        super().__init__(*args, **kwargs)
        self.fields["user"] = _UserChoiceField(
            users=addable,
            empty_label=str(_("– kies een professional –")),
            label=_("Professional"),
            error_messages={
                "required": _("Kies wie er bij het casusteam komt."),
                "invalid_choice": _("Kies een professional uit het team."),
            },
        )
        self.fields["role_on_case"] = forms.CharField(
            label=_("Rol in dit traject"),
            max_length=120,
            help_text=ROLE_HELP,
            error_messages={"required": _("Vul de rol in dit traject in.")},
        )
        self.fields["backup"] = _UserChoiceField(
            users=candidates,
            empty_label=str(_("– geen vervanger –")),
            label=_("Vervanger"),
            required=False,
            error_messages={"invalid_choice": _("Kies een vervanger uit het team.")},
        )
        self.fields["make_contact"] = forms.BooleanField(
            label=_("Wordt de contactpersoon van de inwoner"), required=False
        )
        self.order_fields(["user", "role_on_case", "backup", "make_contact", "submission_token"])
        _restyle(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user, backup = data.get("user"), data.get("backup")
        if user is not None and backup is not None and user.pk == backup.pk:
            self.add_error("backup", _("Iemand kan niet zijn of haar eigen vervanger zijn."))
        return data


class MemberForm(StyledFormMixin, forms.Form):
    """Role and backup of one member; prefixed per member so ids stay unique."""

    def __init__(self, *args: Any, member: CaseTeamMember, candidates: list[User], **kwargs: Any):
        kwargs.setdefault("prefix", f"m{member.pk.hex}")
        kwargs.setdefault(
            "initial",
            {"role_on_case": member.role_on_case, "backup": member.backup_id or ""},
        )
        super().__init__(*args, **kwargs)
        self.member = member
        self.fields["role_on_case"] = forms.CharField(
            label=_("Rol in dit traject"),
            max_length=120,
            error_messages={"required": _("Vul de rol in dit traject in.")},
        )
        self.fields["backup"] = _UserChoiceField(
            users=[u for u in candidates if u.pk != member.user_id],
            empty_label=str(_("– geen vervanger –")),
            label=_("Vervanger"),
            required=False,
            error_messages={
                "invalid_choice": _("Kies een ander lid van het team als vervanger."),
            },
        )
        _restyle(self)


class RemoveMemberForm(StyledFormMixin, forms.Form):
    """Removing the contact person needs a new one, named in the same step."""

    def __init__(
        self, *args: Any, member: CaseTeamMember, others: list[CaseTeamMember], **kwargs: Any
    ):
        kwargs.setdefault("prefix", f"r{member.pk.hex}")
        super().__init__(*args, **kwargs)
        self.member = member
        self.others = {str(m.pk): m for m in others}
        if member.is_contact_person:
            self.fields["new_contact"] = forms.ChoiceField(
                label=_("Nieuwe contactpersoon"),
                choices=[
                    ("", _("– kies de nieuwe contactpersoon –")),
                    *[(str(m.pk), person_label(m.user)) for m in others],
                ],
                error_messages={
                    "required": _("Kies wie de nieuwe contactpersoon wordt."),
                    "invalid_choice": _("Kies een ander lid van het casusteam."),
                },
            )
            _restyle(self)

    @property
    def new_contact(self) -> CaseTeamMember | None:
        key = self.cleaned_data.get("new_contact") if hasattr(self, "cleaned_data") else None
        return self.others.get(key) if key else None


def _restyle(form: forms.Form) -> None:
    """Fields added after StyledFormMixin.__init__ get its classes and ARIA wiring here."""
    for name, field in form.fields.items():
        widget = field.widget
        if "class" not in widget.attrs:
            widget.attrs["class"] = _css_class(widget)
        if field.help_text and "aria-describedby" not in widget.attrs:
            widget.attrs["aria-describedby"] = f"id_{form.add_prefix(name)}_helptext"
