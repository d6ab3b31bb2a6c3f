"""The shared cast for every test: a team with a case, people at various distances from
it, and the browser fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from opkoers.accounts.models import Organisation, Role, Team, User
from opkoers.accounts.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from opkoers.cases.models import Case
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Every test run has a `replica` alias (core/replica.py), a mirror of the test
    database on the primary: routing is tested on SQLite too, and a routed read sees
    exactly what the test committed. A real standby (DATABASE_REPLICA_URL, started by
    scripts/ensure_replica.sh) has its own test, on a connection of its own
    (core/tests/test_standby.py), since replay takes a moment."""
    from django.conf import settings
    from django.db import connections

    databases: dict[str, Any] = settings.DATABASES
    mirror = {k: v for k, v in databases["default"].items() if k != "TEST"}
    databases["replica"] = {**mirror, "TEST": {"MIRROR": "default"}}
    # The connection handler read DATABASES once; let it read the new alias.
    connections.__dict__.pop("settings", None)
    connections._settings = None


@pytest.fixture(autouse=True)
def _replica_only_where_declared(request: Any, monkeypatch: Any) -> None:
    """Django forbids queries to an alias a test did not declare; a test that does not
    ask for `replica` (django_db(databases=[..., "replica"])) runs as a deployment without
    one, whose replica reads fall back to default."""
    marker = request.node.get_closest_marker("django_db")
    databases = marker.kwargs.get("databases", ()) if marker else ()
    if databases != "__all__" and "replica" not in databases:
        monkeypatch.setattr("opkoers.core.replica.replica_configured", lambda: False)


@pytest.fixture(autouse=True)
def _mfa_not_required(settings: Any) -> None:
    """Production requires MFA; tests of other apps log in with a password only. The
    MFA tests (accounts/tests/test_mfa*.py) switch it back on."""
    settings.MFA_REQUIRED = False


@pytest.fixture(autouse=True)
def _reports_not_cached(settings: Any) -> None:
    """Report tests change data between two looks at the factsheet; the cache
    (REPORTS_CACHE_SECONDS) would show the first figures again. The cache's own tests
    (reports/tests/test_cache.py) switch it back on."""
    settings.REPORTS_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _audit_checkpoints_in_tmp(settings: Any, tmp_path_factory: Any) -> None:
    """The audit sequencer publishes signed checkpoints to a directory; each test gets
    its own, so that no test writes to var/ or sees another's checkpoints."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path_factory.mktemp("audit-checkpoints")


@pytest.fixture
def team(db: Any) -> Team:
    return TeamFactory(name="Op Koers Houtenburg")


@pytest.fixture
def other_team(db: Any) -> Team:
    return TeamFactory(name="Op Koers Elders")


@pytest.fixture
def team_organisation(db: Any) -> Organisation:
    """The employer shared by the team fixtures below; the `case` fixture's consent covers
    it, so that everyone in the team sees the case's personal data."""
    return OrganisationFactory(name="Sociaal Team Houtenburg")


@pytest.fixture
def member(team: Team, team_organisation: Organisation) -> User:
    """A professional on the case team of `case`."""
    return UserFactory(
        teams=[team], organisation=team_organisation, first_name="Mila", last_name="de Wit"
    )


@pytest.fixture
def colleague(team: Team, team_organisation: Organisation) -> User:
    """A professional in the same team, not on the case team."""
    return UserFactory(
        teams=[team], organisation=team_organisation, first_name="Ruben", last_name="Kaya"
    )


@pytest.fixture
def outsider(other_team: Team) -> User:
    """A professional of another team: must never see `case`."""
    return UserFactory(teams=[other_team], first_name="Otto", last_name="Buiten")


@pytest.fixture
def project_leader(team: Team, team_organisation: Organisation) -> User:
    return UserFactory(
        teams=[team],
        organisation=team_organisation,
        role=Role.PROJECT_LEADER,
        first_name="Pia",
        last_name="Leider",
    )


@pytest.fixture
def policy_staff(db: Any) -> User:
    return UserFactory(
        role=Role.POLICY_STAFF,
        organisation=OrganisationFactory(name="Gemeente"),
        first_name="Bo",
        last_name="Beleid",
    )


@pytest.fixture
def functional_admin(db: Any) -> User:
    # Fixed names, like the rest of the cast: a page test that looks for a name must
    # not find it in a random one (the admin's own name is in the page header).
    return UserFactory(role=Role.FUNCTIONAL_ADMIN, first_name="Ada", last_name="Beheer")


@pytest.fixture
def case(team: Team, member: User) -> Case:
    # CaseFactory gives the resident a valid consent covering the team's organisations
    # (team_organisation included, through `member`).
    case = CaseFactory(team=team, registered_by=member)
    CaseTeamMemberFactory(case=case, user=member, is_contact_person=True)
    return case


@pytest.fixture
def uncovered(team: Team, case: Case) -> User:
    """On the case team, but employed by an organisation the consent does not name."""
    user = UserFactory(
        teams=[team],
        organisation=OrganisationFactory(name="Woonstichting Nergens"),
        first_name="Umar",
        last_name="Zonder",
    )
    CaseTeamMemberFactory(case=case, user=user, role_on_case="Woonconsulent")
    return user


@pytest.fixture
def client_for() -> Any:
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


# --- browser -------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test body are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


VNU_JAR = PROJECT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def page(browser: Any, live_server: Any, tmp_path: Path) -> Iterator[Any]:
    """A browser page; every HTML page the server sends it is checked with the W3C Nu
    HTML Checker when the test ends (any error fails the test)."""
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    served: dict[str, str] = {}

    def keep(response: Any) -> None:
        # The server's HTML as sent (not the DOM after scripts), whole documents only:
        # an htmx fragment (a table row plus out-of-band parts) is no document of its
        # own; the page it came from was checked.
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        if response.request.resource_type != "document":
            return
        try:
            text = response.text()
        except Exception:  # a body gone with a navigation: nothing to check
            return
        served.setdefault(text, response.url)

    page.on("response", keep)
    yield page
    context.close()
    assert_valid_html(served, tmp_path / "html")


def assert_valid_html(served: dict[str, str], folder: Path) -> None:
    """Runs the Nu HTML Checker (vnu.jar, from npm) over the pages; fails on any error."""
    import json
    import shutil
    import subprocess

    if not served:
        return
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run npm ci (make test does)")
    folder.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for number, (text, url) in enumerate(served.items()):
        path = folder / f"page-{number}.html"
        path.write_text(text, encoding="utf-8")
        names[path.name] = url
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install Debian's default-jre-headless (make test does)")
    result = subprocess.run(  # noqa: S603 - our own jar and files
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always",
         *[str(folder / f"page-{n}.html") for n in range(len(served))]],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    assert not errors, "Nu HTML Checker errors:\n" + "\n".join(
        f"- {names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line "
        f"{m.get('lastLine')}: {m['message']}"
        + (f" [{m['extract'].strip()[:120]}]" if m.get("extract") else "")
        for m in errors[:40]
    )


def assert_accessible(page: Any) -> None:
    """Runs axe-core on the current page; fails on serious or critical violations."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run npm ci (make test does)")
    # Evaluated through the DevTools protocol: a <script> tag would be (rightly) refused
    # by the page's Content-Security-Policy.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;void 0")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "axe violations on {}:\n{}".format(
        page.url,
        "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in bad
        ),
    )


@pytest.fixture
def axe() -> Any:
    return assert_accessible


def login(page: Any, user: User, password: str | None = None) -> None:
    from opkoers.accounts.tests.factories import TEST_PASSWORD

    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(password or TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)
    if "/account/tweestapsverificatie/" in page.url:
        # MFA switched on for this test: answer the second step as the phone would.
        enrolling = "/instellen/" in page.url
        page.get_by_label("Code uit de authenticator-app").fill(next_totp_code(user))
        page.get_by_role("button", name="Instellen" if enrolling else "Bevestigen").click()
        page.wait_for_url(lambda url: "/account/tweestapsverificatie/" not in url)


def next_totp_code(user: User) -> str:
    """A code the server has not seen yet for this user's (possibly pending) app."""
    import time

    from django_otp.oath import hotp

    from opkoers.accounts.models import TotpDevice

    device = TotpDevice.objects.get(user=user)
    step = max(int(time.time()) // TotpDevice.STEP, device.last_t + 1)
    return str(hotp(device.bin_key, step, digits=TotpDevice.DIGITS)).zfill(TotpDevice.DIGITS)


@pytest.fixture
def login_as() -> Any:
    return login


@pytest.fixture
def migrations_restored() -> Iterator[None]:
    """For a test that migrates back in time: afterwards the whole project is migrated
    forward to its latest state again, so that later tests in the same worker find every
    column (a test that stopped at its own app's target once left a new column out)."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
