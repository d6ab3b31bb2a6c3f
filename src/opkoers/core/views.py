"""Views that belong to no domain."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico where a page (a PDF, an error) names no icon.
    Resolved per request: the manifest's hashed name exists only after collectstatic."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
