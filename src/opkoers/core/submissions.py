"""Double-submit protection for forms that create things.

Usage in a view::

    form = ThingForm(request.POST)
    try:
        with once(request) as guard:
            if guard.already_done:
                return redirect(guard.result_url)
            thing = create_thing(...)
            guard.result_url = thing_url
    except ValidationError as exc:
        form.add_error(None, exc)

A POST without a token is refused (decision 0026): it would create a duplicate on every
repeat. `once` raises a ValidationError (code "no_token") that the view shows at the top
of the form like any service error; `SubmissionRefusedMiddleware` answers that page with
422, and the form is rendered with a fresh token so that sending it again works.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from opkoers.core.models import SubmissionToken

FIELD_NAME = "submission_token"
# Set on the request when `once` refused a POST without a token.
REFUSED_ATTR = "submission_refused"


class _TokenInput(forms.HiddenInput):
    """A hidden input without an id: no label points at it, and a page with several
    forms would otherwise repeat `id_submission_token` (invalid HTML)."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("id", None)
        return context


class SubmissionTokenField(forms.UUIDField):
    widget = _TokenInput

    def __init__(self) -> None:
        # Not required at field level: the refusal comes from `once`, after the form's
        # own errors, so that a person sees all of them at once.
        super().__init__(required=False, initial=uuid.uuid4)

    def bound_data(self, data: Any, initial: Any) -> Any:
        # A form sent without a token is shown again with a fresh one.
        return data or initial


@dataclass
class Guard:
    already_done: bool
    result_url: str = ""


def _token_from(request: HttpRequest) -> uuid.UUID | None:
    # A form with a prefix (the network and communication forms) sends "network-…".
    names = [FIELD_NAME, *(k for k in request.POST if k.endswith(f"-{FIELD_NAME}"))]
    for name in names:
        try:
            return uuid.UUID(request.POST.get(name, ""))
        except ValueError:
            continue
    return None


@contextmanager
def once(request: HttpRequest) -> Iterator[Guard]:
    token = _token_from(request)
    if token is None:
        # Without a token (an old form, a script) a repeat would create a duplicate.
        setattr(request, REFUSED_ATTR, True)
        raise ValidationError(
            _(
                "Dit formulier is verstuurd zonder verzendkenmerk, daardoor kunnen we "
                "een dubbele inzending niet herkennen. Er is niets opgeslagen. "
                "Controleer de gegevens en verstuur het formulier opnieuw."
            ),
            code="no_token",
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = SubmissionToken.objects.create(token=token)
        except IntegrityError:
            # Claimed before: a double click, the back button, or two racing requests.
            existing = SubmissionToken.objects.filter(pk=token).first()
            yield Guard(already_done=True, result_url=existing.result_url if existing else "")
            return
        guard = Guard(already_done=False)
        yield guard
        row.result_url = guard.result_url[:300]
        row.save(update_fields=["result_url"])


class SubmissionRefusedMiddleware:
    """The form page after a refused POST is no success: 422, as for a refused form
    elsewhere, so that scripts and tests see that nothing was created."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        if getattr(request, REFUSED_ATTR, False) and response.status_code == 200:
            response.status_code = 422
        return response
