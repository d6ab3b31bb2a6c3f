"""Searches for names travel by POST and wait in the session, never in a URL.

A name in a query string ends up in the web server's access log, the browser's history
and the Referer of the next request. So a search form posts; the view hands the
personal fields (`q`) to `hold_search`, which keeps them in the session under a short
random key and redirects to the same page with that key (`?zoek=…`) and the filters
that are not personal data (status, team, page) still in the URL, so they can be shared
and paginated. `search_data` puts the held fields back for the GET. The key means
nothing outside this session. Works without JavaScript; htmx follows the redirect
(docs/decisions/0020-input-bounds-and-headers.md)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponseRedirect, QueryDict

PARAM = "zoek"
SESSION_KEY = "held_searches"
# The most recent searches a session keeps; older keys fall back to no search.
KEEP = 20
MAX_VALUE = 200


def hold_search(
    request: HttpRequest, *, url: str, personal: Iterable[str] = ("q",)
) -> HttpResponseRedirect:
    """The redirect after a search POST: personal fields into the session, the rest
    into the URL."""
    data = request.POST.copy()
    data.pop("csrfmiddlewaretoken", None)
    data.pop(PARAM, None)
    data.pop("page", None)  # a new search starts on the first page
    held: dict[str, list[str]] = {}
    for name in personal:
        values = [v[:MAX_VALUE] for v in data.getlist(name) if v.strip()]
        data.pop(name, None)
        if values:
            held[name] = values
    if held:
        searches = dict(request.session.get(SESSION_KEY) or {})
        key = secrets.token_urlsafe(6)
        searches[key] = held
        request.session[SESSION_KEY] = dict(list(searches.items())[-KEEP:])
        data[PARAM] = key
    query = data.urlencode()
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


def search_data(request: HttpRequest) -> QueryDict:
    """The GET parameters with the held search of `?zoek=` put back."""
    data = request.GET.copy()
    key = data.get(PARAM, "")
    held = (request.session.get(SESSION_KEY) or {}).get(key) if key else None
    if isinstance(held, dict):
        for name, values in held.items():
            data.setlist(name, list(values))
    return data
