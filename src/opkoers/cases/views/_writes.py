"""What the intake, case team and resident views share for their writes."""

from __future__ import annotations

import uuid

from django.http import QueryDict

from opkoers.core.http import AuthenticatedRequest
from opkoers.core.models import SubmissionToken
from opkoers.core.submissions import FIELD_NAME


def fresh_token(data: QueryDict) -> QueryDict:
    """A re-rendered form after a write that did happen (the token is spent) needs a new
    token, or its next submit would be taken for a double click."""
    copy = data.copy()
    copy[FIELD_NAME] = str(uuid.uuid4())
    return copy


def error_text(messages: list[str]) -> str:
    return " ".join(str(m) for m in messages)


def claimed_url(request: AuthenticatedRequest) -> str | None:
    """Where an earlier submit of this very form ended up, if there was one: the second
    click of a button that moved the case on should land where the first one did."""
    try:
        token = uuid.UUID(request.POST.get(FIELD_NAME, ""))
    except ValueError:
        return None
    claimed = SubmissionToken.objects.filter(pk=token).first()
    return (claimed.result_url or None) if claimed else None
