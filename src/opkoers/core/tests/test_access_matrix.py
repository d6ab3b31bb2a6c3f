"""The access matrix: every URL of the project, tried by every kind of user.

Case URLs are judged by the rule table (`cases/access.py`): what each actor gets follows
from the rule the URL declares in `CASE_RULES` and the actor's facts, and the view must
ask that rule. Other URLs have a row naming what each actor gets (columns in
`access_world.ACTORS`) for a GET and for a POST without data:
  ok   allowed (200, a redirect that is not the login page, or 422 for a refused form)
  R    the restricted view of a case (403, no personal data)
  403  forbidden          404  not found (the case does not exist for them)
  405  method not allowed login  sent to the login page
A URL added to the project without a rule or a row fails `test_every_url_has_a_rule`."""

from __future__ import annotations

import itertools
from dataclasses import fields
from functools import cache
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from opkoers.cases import access
from opkoers.cases.access import RULES, CaseAccess, Facts, PersonalDataRestricted, To
from opkoers.core.tests.access_matrix_rows import CASE_RULES, EXCLUDED, MATRIX
from opkoers.core.tests.access_world import ACTORS, World, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.security]


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def url_names() -> dict[str, list[str]]:
    """Every named URL of the project with the names of its arguments."""
    found: dict[str, list[str]] = {}

    def walk(resolver: URLResolver, namespace: str | None, args: list[str]) -> None:
        for entry in resolver.url_patterns:
            own = list(entry.pattern.regex.groupindex)
            if isinstance(entry, URLResolver):
                walk(entry, entry.namespace or namespace, args + own)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                if not name.startswith(EXCLUDED):
                    found[name] = args + own

    walk(get_resolver(), None, [])
    return found


URLS = url_names()


class _Rollback(Exception):
    pass


def outcome(world: World, actor: str, method: str, url: str) -> str:
    """What `actor` gets; whatever the request changed is rolled back."""
    result = ""
    try:
        with transaction.atomic():
            client = world.client(actor)
            response = client.get(url) if method == "GET" else client.post(url, {})
            result = classify(response)
            if result != "ok":
                assert world.secret.encode() not in response.content, (actor, url)
            raise _Rollback
    except _Rollback:
        pass
    return result


def classify(response: Any) -> str:
    status = response.status_code
    assert status < 500, f"server error {status}"
    if status in (301, 302, 303):
        return "login" if "/account/inloggen/" in response["Location"] else "ok"
    if status == 403:
        return "R" if b"beperkte weergave" in response.content else "403"
    if status in (404, 405):
        return str(status)
    assert status in (200, 422), f"unexpected status {status}"
    return "ok"


def test_every_url_has_a_rule() -> None:
    case_urls = {name for name, args in URLS.items() if "case_id" in args}
    missing = sorted(case_urls - set(CASE_RULES)) + sorted(set(URLS) - case_urls - set(MATRIX))
    stale = sorted(set(CASE_RULES) - case_urls) + sorted(set(MATRIX) - (set(URLS) - case_urls))
    assert not missing, f"URLs without a rule (CASE_RULES) or a row (MATRIX): {missing}"
    assert not stale, f"rules or rows for URLs that are not (or no longer) of that kind: {stale}"


def _url(world: World, name: str) -> str:
    unknown = [arg for arg in URLS.get(name, []) if arg not in world.kwargs]
    assert not unknown, f"access_world.build_world has no object for {unknown}"
    return reverse(name, kwargs={arg: world.kwargs[arg] for arg in URLS[name]})


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(name: str) -> None:
    world = build_world()
    url = _url(world, name)
    got: dict[str, list[str]] = {}
    for method, row in zip(("GET", "POST"), MATRIX[name], strict=True):
        expected = row.split()
        assert len(expected) == len(ACTORS), f"{name} {method}: one code per actor"
        got[method] = [outcome(world, actor, method, url) for actor in ACTORS]
    observed = tuple(" ".join(got[m]) for m in ("GET", "POST"))
    assert observed == MATRIX[name], (
        f"{name}\n  columns:  {' '.join(ACTORS)}\n  expected: {MATRIX[name]}\n"
        f"  observed: {observed}"
    )


def expected_by_rule(world: World, actor: str, rule: To | None) -> str:
    """What `actor` must get from a case URL that asks `rule`, by the rule table alone."""
    user = world.users[actor]
    if user is None:
        return "login"
    if rule is None:
        return "405"
    try:
        access.case_access(user, world.kwargs["case_id"]).require(rule)
    except Http404:
        return "404"
    except PersonalDataRestricted:
        return "R"
    except PermissionDenied:
        return "403"
    return "ok"


@cache
def implies(strong: To, weak: To) -> bool:
    """Whoever may do `strong` may do `weak`, for every combination of facts."""
    names = [f.name for f in fields(Facts)]
    for values in itertools.product((False, True), repeat=len(names)):
        facts = Facts(**dict(zip(names, values, strict=True)))
        if RULES[strong](facts) and not RULES[weak](facts):
            return False
    return True


@pytest.mark.parametrize("name", sorted(CASE_RULES))
def test_case_url_follows_its_rule(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The row of a case URL is generated: the rule it declares, applied to each actor's
    facts. The member (who may do everything here) shows which rules the view asks:
    the declared one, and nothing it does not imply."""
    asked: list[To] = []
    original = CaseAccess.require

    def spy(self: CaseAccess, to: To | str) -> None:
        asked.append(To(to))
        original(self, to)

    monkeypatch.setattr(CaseAccess, "require", spy)
    world = build_world()
    url = _url(world, name)
    for method, rule in zip(("GET", "POST"), CASE_RULES[name], strict=True):
        asked.clear()
        outcome(world, "member", method, url)
        if rule is None:
            assert asked == [], f"{name} {method}: not allowed, yet the view asked {asked}"
        else:
            assert rule in asked, f"{name} {method}: declared {rule}, the view asked {asked}"
            stronger = [to for to in asked if not implies(rule, to)]
            assert not stronger, f"{name} {method}: asks {stronger} beyond declared {rule}"
        expected = [expected_by_rule(world, actor, rule) for actor in ACTORS]
        observed = [outcome(world, actor, method, url) for actor in ACTORS]
        assert observed == expected, (
            f"{name} {method} (rule {rule})\n  columns:  {' '.join(ACTORS)}\n"
            f"  by rule:  {' '.join(expected)}\n  observed: {' '.join(observed)}"
        )


def test_django_admin_is_for_staff_only() -> None:
    """The Django admin (excluded above) answers with its own login to everyone here."""
    world = build_world()
    for actor in ACTORS:
        response = world.client(actor).get(reverse("admin:index"))
        assert response.status_code == 302, actor
        assert "/django-admin/login/" in response["Location"], actor


# Case URLs that show no personal data and so need no read row.
NO_PERSONAL_DATA = {
    "privacy:break_glass": "the request form shows only the reference; opening writes a row",
}
CASE_PAGES = sorted(
    name
    for name, (get_rule, _post) in CASE_RULES.items()
    if get_rule is not None and name not in NO_PERSONAL_DATA
)


@pytest.mark.parametrize("name", CASE_PAGES)
def test_every_case_page_writes_exactly_one_audit_row(name: str) -> None:
    """Completeness, for every case URL that answers GET: one read, one audit row for
    this case, attributed to the reader. A new case page without an audit row fails."""
    from opkoers.audit.models import AuditEvent

    world = build_world()
    url = reverse(name, kwargs={arg: world.kwargs[arg] for arg in URLS[name]})
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    status = world.client("member").get(url).status_code
    rows = list(AuditEvent.objects.filter(id__gt=before))
    if status == 302:
        # Not available in this step: sent elsewhere, nothing shown, nothing to record.
        assert rows == [], name
        return
    assert status == 200
    assert len(rows) == 1, (name, [row.code for row in rows])
    assert rows[0].case_id == world.kwargs["case_id"]
    assert rows[0].actor == world.users["member"]
