from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from opkoers.accounts import selectors, services
from opkoers.accounts.forms import UserCreateForm, UserEditForm, UserFilterForm
from opkoers.accounts.models import User
from opkoers.accounts.permissions import functional_admin_required
from opkoers.accounts.services import invitations
from opkoers.accounts.views._helpers import add_service_error, earlier_submission_url
from opkoers.core.held_search import hold_search, search_data
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


def _invitation_message(request: AuthenticatedRequest, user: User, sent: bool) -> None:
    if sent:
        messages.success(
            request,
            _("Er is een e-mail met een eenmalige link gestuurd naar %(email)s.")
            % {"email": user.email},
        )
    else:
        messages.error(
            request,
            _(
                "De e-mail aan %(email)s kon niet worden verstuurd. Controleer het adres en "
                "stuur de link opnieuw."
            )
            % {"email": user.email},
        )


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), 10_000))
    except ValueError:
        return 1


@functional_admin_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":  # names never in a URL (core/held_search.py)
        return hold_search(request, url=reverse("accounts:users"))
    filters = UserFilterForm(search_data(request) or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    page = selectors.users_page(
        q=criteria.get("q", ""),
        role=criteria.get("role", ""),
        organisation=criteria.get("organisation"),
        team=criteria.get("team"),
        page=_page_number(request.GET.get("page")),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/users/list.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


@functional_admin_required
def user_add(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        earlier = earlier_submission_url(request)
        if earlier is not None:
            messages.info(request, _("Deze gebruiker was al aangemaakt."))
            return redirect(earlier or reverse("accounts:users"))
        form = UserCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with once(request) as guard:
                    if guard.already_done:
                        return redirect(guard.result_url or reverse("accounts:users"))
                    user, sent = services.create_user(
                        by=request.user,
                        username=data["username"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        email=data["email"],
                        organisation=data["organisation"],
                        role=data["role"],
                        job_title=data["job_title"],
                        phone=data["phone"],
                        teams=data["teams"],
                        base_url=request.build_absolute_uri("/"),
                    )
                    guard.result_url = reverse("accounts:user_edit", args=[user.pk])
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Gebruiker %(name)s is aangemaakt.") % {"name": user})
                _invitation_message(request, user, sent)
                return redirect(guard.result_url)
    else:
        form = UserCreateForm()
    return render(request, "accounts/users/add.html", {"form": form})


@never_cache
@functional_admin_required
def user_edit(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User.objects.select_related("organisation"), pk=user_id)
    was_active = user.is_active
    person_name = str(user)  # the form writes typed values onto the instance
    form = UserEditForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            updated = services.update_user(
                by=request.user,
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                organisation=data["organisation"],
                role=data["role"],
                job_title=data["job_title"],
                phone=data["phone"],
                is_active=data["is_active"],
                teams=data["teams"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": updated}
            )
            if was_active and not updated.is_active:
                count = selectors.open_cases_as_contact_person(updated)
                if count:
                    messages.warning(
                        request,
                        ngettext(
                            "Let op: %(name)s is nog contactpersoon in %(count)d lopend "
                            "traject. Vraag de projectleider een nieuwe contactpersoon aan "
                            "te wijzen.",
                            "Let op: %(name)s is nog contactpersoon in %(count)d lopende "
                            "trajecten. Vraag de projectleider een nieuwe contactpersoon aan "
                            "te wijzen.",
                            count,
                        )
                        % {"name": updated, "count": count},
                    )
            return redirect("accounts:user_edit", user_id=user.pk)
    return render(
        request,
        "accounts/users/edit.html",
        {
            "form": form,
            "person": user,
            "person_name": person_name,
            "is_self": user.pk == request.user.pk,
            "has_password": user.has_usable_password(),
        },
    )


@functional_admin_required
@require_POST
def user_send_link(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    """A new invitation (no password yet) or a reset link (forgotten password): the
    person chooses the password; the admin never does."""
    user = get_object_or_404(User, pk=user_id)
    try:
        sent = invitations.issue(
            by=request.user,
            user=user,
            kind=invitations.kind_for(user),
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        _invitation_message(request, user, sent)
    return redirect("accounts:user_edit", user_id=user.pk)
