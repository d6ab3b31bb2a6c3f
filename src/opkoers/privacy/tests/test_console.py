"""The privacy officer's console: access, the chain check, failed logins, the retention
dry run, the audit log export and the resident's overview as PDF."""

from __future__ import annotations

import csv
import datetime
import io
import re
import uuid
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit import codes
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.audit.sequencer import sequence_pending
from opkoers.audit.services import record
from opkoers.audit.verify import Problem
from opkoers.cases.models import CaseStatus
from opkoers.cases.tests.factories import CaseFactory
from opkoers.consent.models import LegalBasisStatus
from opkoers.consent.tests.factories import LegalBasisFactory
from opkoers.privacy.models import ChainVerification, VerificationStatus
from opkoers.privacy.services import open_break_glass
from opkoers.retention.models import RetentionRun, RetentionTrigger


def _token() -> dict[str, str]:
    """A fresh submission token, as every rendered form carries (decision 0026)."""
    return {"submission_token": str(uuid.uuid4())}


pytestmark = [pytest.mark.security, pytest.mark.django_db]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
REASON = "Acute zorgen om veiligheid, contactpersoon onbereikbaar."

PAGES = [
    "privacy:console",
    "privacy:chain_verification",
    "privacy:login_failures",
    "privacy:retention",
    "audit:log_export",
    "audit:resident_overview_pdf",
]
OTHERS = ["member", "colleague", "outsider", "project_leader", "policy_staff", "functional_admin"]


@pytest.fixture
def officer(db: Any) -> Any:
    return UserFactory(role=Role.PRIVACY_OFFICER, first_name="Priya", last_name="Waker")


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = IMMEDIATE


def _no_codes_shown(html: str) -> None:
    """No audit code, verification problem code or id is shown as text (option values
    of the code filter are attributes, not text)."""
    text = re.sub(r"<[^>]+>", " ", html)
    shown = [c for c in codes.CODES if re.search(rf"(?<![\w.]){re.escape(c)}(?![\w.])", text)]
    assert not shown, shown
    problems = [
        v
        for k, v in vars(Problem).items()
        if k.isupper() and isinstance(v, str) and v and v in text
    ]
    assert not problems, problems
    assert not UUID_RE.search(text)


# --- access ------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", OTHERS)
def test_only_the_privacy_officer_may_open_the_console_pages(
    request: Any, client_for: Any, case: Any, name: str, who: str
) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse(name), {"case_reference": case.reference}).status_code == 403
    assert client.post(reverse(name)).status_code in {403, 405}
    assert not ChainVerification.objects.exists()
    assert not RetentionRun.objects.exists()


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_the_console_is_the_privacy_officers_home_and_in_the_menu(
    client_for: Any, officer: Any
) -> None:
    client = client_for(officer)
    assert client.get("/")["Location"] == reverse("privacy:console")
    html = client.get(reverse("privacy:console")).content.decode()
    for name in (
        "audit:log",
        "audit:resident_overview",
        "privacy:chain_verification",
        "privacy:break_glass_list",
        "legal_bases:queue",
        "privacy:login_failures",
        "privacy:retention",
    ):
        assert f'href="{reverse(name)}"' in html, name
    assert 'aria-current="page">Privacyconsole<' in html


# --- the landing page ----------------------------------------------------------------


def test_console_counts_unreviewed_break_glass_legal_bases_and_lockouts(
    client_for: Any, officer: Any, colleague: Any, case: Any, settings: Any
) -> None:
    from axes.models import AccessAttempt

    open_break_glass(user=colleague, case=case, reason=REASON)
    today = timezone.localdate()
    LegalBasisFactory(case=case, status=LegalBasisStatus.REQUESTED, decided_by=None)
    LegalBasisFactory(case=case, ends_on=today + datetime.timedelta(days=10))
    LegalBasisFactory(case=case, ends_on=today + datetime.timedelta(days=200))
    LegalBasisFactory(case=case, ends_on=today + datetime.timedelta(days=300))
    AccessAttempt.objects.create(
        username="mila",
        ip_address="192.0.2.7",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    summary = client_for(officer).get(reverse("privacy:console")).context["summary"]
    assert summary.unreviewed_break_glass.value == 1
    assert (summary.legal_bases_pending, summary.legal_bases_active) == (1, 2)
    assert summary.legal_bases_ending == 1
    assert summary.lockouts.value == 1


def test_console_counts_are_capped(
    officer: Any, colleague: Any, case: Any, monkeypatch: Any
) -> None:
    from opkoers.privacy import selectors_console

    monkeypatch.setattr(selectors_console, "COUNT_CAP", 2)
    for _ in range(3):
        open_break_glass(user=colleague, case=case, reason=REASON)
    count = selectors_console._bounded(
        selectors_console.BreakGlassAccess.objects.filter(verdict=""), 2
    )
    assert (count.value, count.capped) == (2, True)


@pytest.mark.parametrize("size", [1, 8])
def test_console_query_count_is_fixed(
    client_for: Any,
    officer: Any,
    colleague: Any,
    team: Any,
    size: int,
    django_assert_num_queries: Any,
) -> None:
    for _ in range(size):
        case = CaseFactory(team=team)
        open_break_glass(user=colleague, case=case, reason=REASON)
        LegalBasisFactory(case=case)
        ChainVerification.objects.create(
            started_by=officer, status=VerificationStatus.DONE, ok=True
        )
        RetentionRun.objects.create(
            started_at=timezone.now(), dry_run=True, trigger=RetentionTrigger.COMMAND
        )
    client = client_for(officer)
    # session, user; legal bases, break-glass, lockouts, verification, run; organisation
    with django_assert_num_queries(8):
        response = client.get(reverse("privacy:console"))
    assert response.status_code == 200
    _no_codes_shown(response.content.decode())


# --- the chain check -------------------------------------------------------------------


def test_a_check_runs_in_the_background_and_shows_the_verdict_and_checkpoint(
    client_for: Any, officer: Any, case: Any, immediate_tasks: None
) -> None:
    with transaction.atomic():
        for _ in range(3):
            record(actor=None, action=AuditAction.VIEW, code="case.view", case=case)
    sequence_pending(force_checkpoint=True)
    client = client_for(officer)
    response = client.post(reverse("privacy:chain_verification"), _token())
    assert response.status_code == 302
    done = ChainVerification.objects.get()
    assert done.status == VerificationStatus.DONE and done.ok is True
    assert done.checked == 3 and done.started_by == officer
    assert done.checkpoint_seq == 3 and done.checkpoint_signature_valid is True
    assert len(done.checkpoint_head) == 64 and done.checkpoint_at is not None
    started = AuditEvent.objects.get(code="privacy.verify")
    assert started.actor == officer and started.object_id == str(done.pk)
    html = client.get(reverse("privacy:chain_verification")).content.decode()
    assert "De auditketen is intact." in html and done.checkpoint_head in html
    assert "Geldig" in html and "Priya Waker" in html
    _no_codes_shown(html)


def test_a_tampered_chain_is_reported_in_words(
    client_for: Any, officer: Any, case: Any, immediate_tasks: None, settings: Any
) -> None:
    with transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="case.view", case=case)
    sequence_pending(force_checkpoint=True)
    path = next(settings.AUDIT_CHECKPOINT_DIR.glob("checkpoints-*.jsonl"))
    forged = path.read_text().splitlines()[-1].replace('"seq":1', '"seq":99')
    with path.open("a") as handle:
        handle.write(forged + "\n")
    client = client_for(officer)
    client.post(reverse("privacy:chain_verification"), _token())
    done = ChainVerification.objects.get()
    assert done.ok is False and done.problem == Problem.CHECKPOINT_INVALID
    assert done.checkpoint_signature_valid is False
    html = client.get(reverse("privacy:chain_verification")).content.decode()
    assert str(Problem.LABELS[Problem.CHECKPOINT_INVALID]) in html
    assert "Niet geldig" in html
    _no_codes_shown(html)


def test_a_second_start_is_refused_while_a_check_runs(client_for: Any, officer: Any) -> None:
    """The database backend only queues the task: the first check stays running."""
    client = client_for(officer)
    assert client.post(reverse("privacy:chain_verification"), _token()).status_code == 302
    response = client.post(reverse("privacy:chain_verification"), _token())
    assert response.status_code == 422
    assert "Er loopt al een controle" in response.content.decode()
    assert ChainVerification.objects.get().status == VerificationStatus.RUNNING
    assert AuditEvent.objects.filter(code="privacy.verify").count() == 1
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="verify_chain_task").count() == 1


def test_a_double_submit_starts_one_check(
    client_for: Any, officer: Any, immediate_tasks: None
) -> None:
    client = client_for(officer)
    token = str(uuid.uuid4())
    for _ in range(2):
        response = client.post(reverse("privacy:chain_verification"), {"submission_token": token})
        assert response.status_code == 302
    assert ChainVerification.objects.count() == 1


def test_a_check_whose_worker_died_no_longer_blocks(
    client_for: Any, officer: Any, immediate_tasks: None
) -> None:
    stuck = ChainVerification.objects.create(started_by=officer)
    ChainVerification.objects.filter(pk=stuck.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=3)
    )
    assert (
        client_for(officer).post(reverse("privacy:chain_verification"), _token()).status_code == 302
    )
    stuck.refresh_from_db()
    assert stuck.status == VerificationStatus.FAILED
    assert ChainVerification.objects.filter(status=VerificationStatus.DONE).count() == 1


def test_a_failing_check_is_marked_aborted(officer: Any, monkeypatch: Any) -> None:
    from opkoers.audit import verify
    from opkoers.privacy.tasks import verify_chain_task

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(verify, "verify_chain", broken)
    running = ChainVerification.objects.create(started_by=officer)
    with pytest.raises(RuntimeError):
        verify_chain_task.call(running.pk)
    running.refresh_from_db()
    assert running.status == VerificationStatus.FAILED and running.finished_at


@pytest.mark.parametrize("size", [1, 8])
def test_verification_page_query_count_is_fixed(
    client_for: Any, officer: Any, size: int, django_assert_num_queries: Any
) -> None:
    for _ in range(size):
        ChainVerification.objects.create(
            started_by=UserFactory(role=Role.PRIVACY_OFFICER),
            status=VerificationStatus.DONE,
            ok=True,
            checkpoint_seq=4,
            checkpoint_signature_valid=True,
        )
    client = client_for(officer)
    with django_assert_num_queries(4):
        response = client.get(reverse("privacy:chain_verification"))
    assert response.status_code == 200


def test_the_page_polls_only_while_a_check_runs(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    assert (
        'hx-trigger="every'
        not in client.get(reverse("privacy:chain_verification")).content.decode()
    )
    ChainVerification.objects.create(started_by=officer)
    html = client.get(reverse("privacy:chain_verification")).content.decode()
    assert 'hx-trigger="every 3s"' in html and "Bezig" in html


# --- failed logins and lockouts ------------------------------------------------------------


def _fail(username: str, address: str, times: int = 1) -> None:
    for _ in range(times):
        Client().post(
            reverse("accounts:login"),
            {"username": username, "password": "geheim-fout-1"},
            REMOTE_ADDR=address,
        )


def test_failed_logins_and_lockouts_show_names_addresses_and_local_times(
    client_for: Any, officer: Any, member: Any, settings: Any
) -> None:
    _fail(member.username, "192.0.2.1", times=settings.AXES_FAILURE_LIMIT)
    _fail("iemand-anders", "192.0.2.2")
    response = client_for(officer).get(reverse("privacy:login_failures"))
    html = response.content.decode()
    assert str(member) in html and "192.0.2.1" in html and "onbekende naam" in html
    assert "iemand-anders" not in html and "geheim-fout-1" not in html
    assert len(response.context["lockouts"]) >= 1
    assert AuditEvent.objects.filter(actor=officer, code="privacy.login_failures.view").exists()
    _no_codes_shown(html)


@pytest.mark.parametrize("people", [1, 6])
def test_login_failures_query_count_is_fixed(
    client_for: Any, officer: Any, people: int, django_assert_num_queries: Any
) -> None:
    for i in range(people):
        _fail(UserFactory().username, f"192.0.2.{i + 1}")
    client = client_for(officer)
    # session, user; savepoint, audit row, failures (2), lockouts (2), release; the
    # header's organisation
    with django_assert_num_queries(10):
        response = client.get(reverse("privacy:login_failures"))
    assert len(response.context["failures"]) == people


# --- retention -------------------------------------------------------------------------


def test_a_dry_run_from_the_browser_counts_per_team_and_changes_nothing(
    client_for: Any, officer: Any, team: Any, immediate_tasks: None
) -> None:
    old = CaseFactory(
        team=team,
        status=CaseStatus.CLOSED,
        closed_at=timezone.now() - datetime.timedelta(days=3 * 365),
    )
    client = client_for(officer)
    assert client.post(reverse("privacy:retention"), _token()).status_code == 302
    run = RetentionRun.objects.get()
    assert run.dry_run and run.by == officer and run.trigger == RetentionTrigger.CONSOLE
    assert run.finished_at is not None and run.cases_total == 1
    old.refresh_from_db()
    assert old.anonymised_at is None
    assert AuditEvent.objects.filter(actor=officer, code="retention.dry_run").count() == 1
    assert not AuditEvent.objects.filter(code="retention.anonymise").exists()
    html = client.get(reverse("privacy:retention")).content.decode()
    assert team.name in html and "Privacyconsole (proefdraai)" in html
    assert "Priya Waker" in html
    _no_codes_shown(html)


def test_a_second_dry_run_is_refused_while_one_waits(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    assert client.post(reverse("privacy:retention"), _token()).status_code == 302
    response = client.post(reverse("privacy:retention"), _token())
    assert response.status_code == 422
    assert "Er loopt al een proefdraai" in response.content.decode()
    assert RetentionRun.objects.count() == 1


@pytest.mark.parametrize("size", [1, 8])
def test_retention_page_query_count_is_fixed(
    client_for: Any, officer: Any, team: Any, size: int, django_assert_num_queries: Any
) -> None:
    for _ in range(size):
        RetentionRun.objects.create(
            started_at=timezone.now(),
            finished_at=timezone.now(),
            dry_run=False,
            trigger=RetentionTrigger.SCHEDULE,
            counts={
                str(team.pk): {
                    "team": team.name,
                    "months": 24,
                    "cutoff": timezone.now().isoformat(),
                    "cases": 2,
                    "residents": 1,
                }
            },
            cases_total=2,
            residents_total=1,
        )
    client = client_for(officer)
    with django_assert_num_queries(4):
        response = client.get(reverse("privacy:retention"))
    assert "de geplande taak" in response.content.decode()


# --- the audit log export ----------------------------------------------------------------


def _csv(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


def test_the_filtered_log_exports_as_dutch_csv_and_the_export_is_audited(
    client_for: Any, officer: Any, member: Any, colleague: Any, case: Any
) -> None:
    other = CaseFactory(team=case.team)
    with transaction.atomic():
        record(actor=member, action=AuditAction.VIEW, code="case.view", case=case)
        record(actor=colleague, action=AuditAction.UPDATE, code="plan.goal.update", case=other)
    response = client_for(officer).get(
        reverse("audit:log_export"), {"case_reference": case.reference}
    )
    assert response.streaming and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment")
    rows = _csv(response)
    assert rows[0][:2] == ["Wanneer", "Wie"]
    assert [r[5] for r in rows[1:]] == ["Traject ingezien"]
    assert rows[1][1] == str(member) and rows[1][6] == case.reference
    body = "\n".join(";".join(r) for r in rows)
    assert not UUID_RE.search(body) and "case.view" not in body
    exported = AuditEvent.objects.get(code="privacy.audit_export")
    assert exported.actor == officer and exported.action == AuditAction.EXPORT
    assert exported.detail == {"case_reference": case.reference}


def test_an_export_with_bad_filters_goes_back_to_the_log(client_for: Any, officer: Any) -> None:
    response = client_for(officer).get(
        reverse("audit:log_export"), {"date_from": "2026-05-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("audit:log"))
    assert not AuditEvent.objects.filter(code="privacy.audit_export").exists()


def test_the_export_reads_in_chunks(
    client_for: Any, officer: Any, member: Any, case: Any, monkeypatch: Any
) -> None:
    from opkoers.privacy import selectors_audit

    real = selectors_audit.iter_events
    monkeypatch.setattr(
        selectors_audit, "iter_events", lambda qs, chunk_size=2000: real(qs, chunk_size=2)
    )
    with transaction.atomic():
        for _ in range(5):
            record(actor=member, action=AuditAction.VIEW, code="case.view", case=case)
    response = client_for(officer).get(reverse("audit:log_export"), {"code": "case.view"})
    assert len(_csv(response)) == 1 + 5


def test_the_log_page_links_the_export_with_its_filters(
    client_for: Any, officer: Any, case: Any
) -> None:
    html = (
        client_for(officer)
        .get(reverse("audit:log"), {"case_reference": case.reference, "voor": "99"})
        .content.decode()
    )
    assert f"{reverse('audit:log_export')}?case_reference={case.reference}" in html


# --- the resident's overview as PDF ---------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_overview_downloads_as_pdf_with_labels_and_is_audited(
    client_for: Any, officer: Any, member: Any, case: Any
) -> None:
    with transaction.atomic():
        record(actor=member, action=AuditAction.VIEW, code="case.view", case=case)
    response = client_for(officer).get(
        reverse("audit:resident_overview_pdf"), {"case_reference": case.reference}
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = _pdf_text(response.content)
    assert "Wie heeft uw gegevens ingezien" in text
    assert "Traject ingezien" in text and str(member) in text
    assert "case.view" not in text and not UUID_RE.search(text)
    assert "ingekort" not in text
    exported = AuditEvent.objects.get(code="audit.resident_overview.pdf")
    assert exported.resident_id == case.resident_id and exported.action == AuditAction.EXPORT


def test_a_long_overview_pdf_is_capped_and_says_so(
    client_for: Any, officer: Any, member: Any, case: Any, monkeypatch: Any
) -> None:
    from opkoers.privacy import pdf, views_audit

    monkeypatch.setattr(pdf, "PDF_MAX_ROWS", 3)
    monkeypatch.setattr(views_audit, "PDF_MAX_ROWS", 3)
    with transaction.atomic():
        for _ in range(5):
            record(actor=member, action=AuditAction.VIEW, code="case.view", case=case)
    response = client_for(officer).get(
        reverse("audit:resident_overview_pdf"), {"case_reference": case.reference}
    )
    text = _pdf_text(response.content)
    assert "ingekort tot de nieuwste 3 regels" in text
    # The newest three: the download itself (recorded first, so it lists itself), and two.
    assert "Overzicht voor de inwoner gedownload (pdf)" in text
    assert text.count("Traject ingezien") == 2


def test_pdf_for_an_unknown_reference_is_404_and_a_bad_one_goes_back(
    client_for: Any, officer: Any
) -> None:
    client = client_for(officer)
    url = reverse("audit:resident_overview_pdf")
    assert client.get(url, {"case_reference": "BESTAAT-NIET"}).status_code == 404
    assert client.get(url)["Location"] == reverse("audit:resident_overview")


def test_the_overview_page_offers_csv_and_pdf_and_states_the_cap(
    client_for: Any, officer: Any, case: Any
) -> None:
    html = (
        client_for(officer)
        .get(reverse("audit:resident_overview"), {"case_reference": case.reference})
        .content.decode()
    )
    assert reverse("audit:resident_overview_pdf") in html
    assert "hoogstens de nieuwste 1000 regels" in html
