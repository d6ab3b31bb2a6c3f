from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from opkoers.accounts import selectors, services
from opkoers.accounts.forms import AdminPasswordForm, UserCreateForm, UserEditForm, UserFilterForm
from opkoers.accounts.models import User
from opkoers.accounts.permissions import functional_admin_required
from opkoers.accounts.views._helpers import add_service_error, earlier_submission_url
from opkoers.core.held_search import hold_search, search_data
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once

# A generated password survives exactly one redirect: stored for the page that shows
# it (even after a double click, whose second response is the one the browser shows),
# and removed from the session as it is displayed.
_SHOWN_ONCE = "accounts_temporary_password"


def _keep_to_show_once(request: AuthenticatedRequest, user: User, password: str | None) -> None:
    if password:
        request.session[_SHOWN_ONCE] = {"user": user.pk, "password": password}


def _take_shown_once(request: AuthenticatedRequest, user: User) -> str | None:
    stored = request.session.get(_SHOWN_ONCE)
    if stored and stored.get("user") == user.pk:
        del request.session[_SHOWN_ONCE]
        return str(stored["password"])
    return None


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
                    user, password = services.create_user(
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
                        password=form.chosen_password(),
                    )
                    guard.result_url = reverse("accounts:user_edit", args=[user.pk])
            except ValidationError as error:
                add_service_error(form, error)
            else:
                _keep_to_show_once(request, user, password)
                messages.success(request, _("Gebruiker %(name)s is aangemaakt.") % {"name": user})
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
            "temporary_password": _take_shown_once(request, user),
        },
    )


@functional_admin_required
def user_password(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    if user.pk == request.user.pk:
        return redirect("accounts:password_change")
    form = AdminPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password = services.reset_password(
                by=request.user, user=user, password=form.chosen_password()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            _keep_to_show_once(request, user, password)
            messages.success(
                request,
                _("Het wachtwoord van %(name)s is opnieuw ingesteld.") % {"name": user},
            )
            return redirect("accounts:user_edit", user_id=user.pk)
    return render(request, "accounts/users/password.html", {"form": form, "person": user})
