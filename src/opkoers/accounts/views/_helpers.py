from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from opkoers.accounts.models import User
from opkoers.core.models import SubmissionToken
from opkoers.core.submissions import FIELD_NAME


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Puts a service's refusal next to the field it is about, or on top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def home_url_for(user: User) -> str:
    if user.is_functional_admin:
        return reverse("accounts:manage")
    return reverse("cases:worklist")


def earlier_submission_url(request: HttpRequest) -> str | None:
    """Where the first POST of this same form led, when it already succeeded. Checked
    before validating, so that a double click lands on the result instead of on a
    "this name already exists" error caused by the first click."""
    try:
        token = uuid.UUID(request.POST.get(FIELD_NAME, ""))
    except ValueError:
        return None
    row = SubmissionToken.objects.filter(pk=token).only("result_url").first()
    if row is None:
        return None
    return row.result_url or ""
