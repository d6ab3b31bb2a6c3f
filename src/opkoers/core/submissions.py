"""Double-submit protection for forms that create things.

Usage in a view::

    form = ThingForm(request.POST)
    with once(request) as guard:
        if guard.already_done:
            return redirect(guard.result_url)
        thing = create_thing(...)
        guard.result_url = thing_url
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from opkoers.core.models import SubmissionToken

FIELD_NAME = "submission_token"


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
        super().__init__(required=False, initial=uuid.uuid4)


@dataclass
class Guard:
    already_done: bool
    result_url: str = ""


def _token_from(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD_NAME, ""))
    except ValueError:
        return None


@contextmanager
def once(request: HttpRequest) -> Iterator[Guard]:
    token = _token_from(request)
    if token is None:
        # Without a token (an old form, a script) there is nothing to guard.
        with transaction.atomic():
            yield Guard(already_done=False)
        return
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
