"""Odd input into every form and filter of the app never gives a server error.

The forms are found as a person finds them: every page of the access world is fetched by
the first actor that may see it, and each `<form>` on it is read with html.parser (its
action, method, inputs, selects, textareas and submit buttons). Then the forms are sent
back with what the page filled in, but some fields replaced by odd values: huge and
negative numbers, far and malformed dates, very long strings, unicode, NUL bytes, empty.
Every request runs in a transaction that is rolled back, so the world stays the same.

First a sweep changes one field at a time (so that no other invalid field hides the
error), with odd values that fit the kind of input; then hypothesis mixes them, several
fields at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opkoers.core.tests.access_matrix_rows import MATRIX
from opkoers.core.tests.access_world import ACTORS, World, build_world
from opkoers.core.tests.test_access_matrix import URLS

pytestmark = [pytest.mark.django_db, pytest.mark.security, pytest.mark.slow]

# Forms that end the session or only switch the language: nothing to find there, and
# logging out would only make the next request of the same client a login redirect.
SKIP_ACTIONS = ("/account/uitloggen/",)

HUGE = [
    "99999999999999999999999999999",
    "-99999999999999999999999999999",
    "1e999999",
    "-1e999999",
    "NaN",
    "Infinity",
    "-1",
    "0",
    "-0",
    "1.000.000.000,00",
    "9" * 400,
    "١٢٣",
]
DATES = [
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "2026-02-30",
    "31-12-9999",
    "1899-12-31",
    "2999-01-01",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "9999-12-31 23:59:59",
    "2026-13-45",
]
TEXTS = [
    "",
    " ",
    "\x00",
    "naam\x00met nul",
    "x" * 5000,
    "😀" * 300,
    "Zoë Ünal‮gnirts",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00",
    "\u200b\u200b",
    "\r\n\t",
]
IDS = ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "1", "-1", "9" * 30]
ALL_ODD = HUGE + DATES + TEXTS + IDS


@dataclass
class FormSpec:
    actor: str
    page: str
    method: str
    action: str
    # (name, kind, default value): kind is the input type, "select" or "textarea".
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)
    multipart: bool = False

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.method, self.action, tuple(sorted({f[0] for f in self.fields})))


class FormParser(HTMLParser):
    def __init__(self, actor: str, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.actor, self.page = actor, page
        self.forms: list[FormSpec] = []
        self.current: FormSpec | None = None
        self.select: list[str] | None = None  # [name, first value, selected value]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            self.current = FormSpec(
                actor=self.actor,
                page=self.page,
                method=(a.get("method") or "get").lower(),
                action=urlsplit(action).path,
                multipart="multipart" in a.get("enctype", ""),
            )
            return
        form = self.current
        if form is None or (not a.get("name") and tag != "option"):
            return
        name = a.get("name", "")
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "image"}:
                form.buttons.append((name, a.get("value", "")))
            elif kind in {"checkbox", "radio"}:
                if "checked" in a or kind == "radio":
                    form.fields.append((name, kind, a.get("value", "on")))
            elif kind not in {"button", "reset", "file"}:
                form.fields.append((name, kind, a.get("value", "")))
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            form.buttons.append((name, a.get("value", "")))
        elif tag == "textarea":
            form.fields.append((name, "textarea", ""))
        elif tag == "select":
            self.select = [name, "", ""]
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if not self.select[1]:
                self.select[1] = value
            if "selected" in a:
                self.select[2] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None and self.current is not None:
            name, first, selected = self.select
            self.current.fields.append((name, "select", selected or first))
            self.select = None
        elif tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


class _Rollback(Exception):
    pass


def discover(world: World) -> list[FormSpec]:
    specs: dict[Any, FormSpec] = {}
    for name in sorted(MATRIX):
        codes = MATRIX[name][0].split()
        actors = [a for a, code in zip(ACTORS, codes, strict=True) if code == "ok"]
        if not actors or actors[0] == "anonymous":
            continue
        url = reverse(name, kwargs={arg: world.kwargs[arg] for arg in URLS[name]})
        response = send(world, actors[0], "get", url, {})
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser(actors[0], url)
        parser.feed(response.content.decode())
        for spec in parser.forms:
            if spec.action.startswith(SKIP_ACTIONS) or not spec.action.startswith("/"):
                continue
            specs.setdefault(spec.key, spec)
    return list(specs.values())


# One logged-in client per actor for the whole test (logging in outside the rolled-back
# transactions, so that the session survives them).
CLIENTS: dict[str, Client] = {}


def send(world: World, actor: str, method: str, url: str, data: dict[str, Any]) -> Any:
    response: Any = None
    if actor not in CLIENTS:
        CLIENTS[actor] = world.client(actor)
    client = CLIENTS[actor]
    # A request may rotate the session key (rolled back with the rest): keep the old one.
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    try:
        with transaction.atomic():
            response = client.post(url, data) if method == "post" else client.get(url, data)
            raise _Rollback
    except _Rollback:
        pass
    client.cookies.clear()
    for key, value in cookies.items():
        client.cookies[key] = value
    assert response.status_code < 500, (actor, method, url, data, response.status_code)
    return response


def payload(spec: FormSpec, replace: dict[str, str]) -> dict[str, Any]:
    data: dict[str, list[str]] = {}
    for name, _kind, value in spec.fields:
        data.setdefault(name, []).append(replace.get(name, value))
    if spec.buttons:
        name, value = spec.buttons[0]
        if name:
            data.setdefault(name, [replace.get(name, value)])
    return {k: v if len(v) > 1 else v[0] for k, v in data.items()}


# Per kind of input, the odd values the sweep tries (hypothesis tries all of them).
SWEEP = {
    "date": ["9999-12-31", "0001-01-01", "10000-01-01", "2026-02-30"],
    "datetime-local": ["9999-12-31T23:59", "0001-01-01T00:00", "2026-02-30T10:00"],
    "number": ["99999999999999999999999999999", "-1", "1e999999"],
    "select": ["9" * 30, "\x00"],
    "radio": ["9" * 30, "\x00"],
    "checkbox": ["\x00"],
    "hidden": ["9" * 30, "naam\x00met nul"],
}
SWEEP_TEXT = ["naam\x00met nul", "x" * 5000, "1e999999", "9999-12-31"]
NOT_FUZZED = {"csrfmiddlewaretoken"}


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world_and_forms() -> tuple[World, list[FormSpec]]:
    CLIENTS.clear()
    world = build_world()
    specs = discover(world)
    return world, specs


def test_every_form_survives_a_sweep_of_odd_values(
    world_and_forms: tuple[World, list[FormSpec]],
) -> None:
    world, specs = world_and_forms
    assert len(specs) > 40, len(specs)
    assert any(s.method == "get" for s in specs) and any(s.method == "post" for s in specs)
    for spec in specs:
        send(world, spec.actor, spec.method, spec.action, payload(spec, {}))
        seen: set[str] = set(NOT_FUZZED)
        for name, kind, _value in spec.fields:
            if name in seen:
                continue
            seen.add(name)
            for odd in SWEEP.get(kind, SWEEP_TEXT):
                send(world, spec.actor, spec.method, spec.action, payload(spec, {name: odd}))


def test_every_form_survives_hypothesis(world_and_forms: tuple[World, list[FormSpec]]) -> None:
    world, specs = world_and_forms
    odd = st.one_of(
        st.sampled_from(ALL_ODD),
        st.text(max_size=40),
        st.integers().map(str),
        st.dates().map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
    )

    @settings(
        max_examples=150,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def one_request(data: Any) -> None:
        spec = data.draw(st.sampled_from(specs))
        names = sorted({name for name, _kind, _value in spec.fields} - NOT_FUZZED)
        if not names:
            return
        chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        replace = {name: data.draw(odd) for name in chosen}
        send(world, spec.actor, spec.method, spec.action, payload(spec, replace))

    one_request()
