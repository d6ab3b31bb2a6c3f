"""`make bench` kept working: bench/run.py --smoke end to end (generator, gunicorn,
login over HTTP, every page, the raw-SQL baseline, the concurrency phase with locust,
the results file) on a tiny data set, in a database of its own. Not a timed test: the
numbers are not checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(REPO))

from bench import load, report  # noqa: E402
from bench.pages import PAGES  # noqa: E402


@pytest.fixture
def smoke_database_url(tmp_path: Path) -> Iterator[str]:
    """A SQLite file, or a PostgreSQL database next to the test database."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'smoke.sqlite3'}"
        return
    import psycopg

    name = f"{db['NAME']}_bench_smoke".removeprefix("test_")
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    server = f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
def test_bench_smoke_run_measures_every_page(smoke_database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--smoke",
            "--database-url",
            smoke_database_url,
            "--out",
            str(out),
        ],
        env={**os.environ, "OPKOERS_FAST_HASHER": "1"},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["meta"]["data"]["cases"] == 40
    assert result["meta"]["data"]["actions"] == 400  # the write path cleaned up after itself
    pages = {page["key"]: page for page in result["pages"]}
    assert set(pages) == {spec.key for spec in PAGES}
    for spec in PAGES:
        page = pages[spec.key]
        assert "skipped" not in page, page
        assert page["errors"] == 0, page
        assert page["requests"] == 6
        assert page["p50_ms"] <= page["p95_ms"] <= page["p99_ms"]
        assert page["queries"] >= 1  # the header is on in the bench server
        if sys.platform == "linux":
            assert page["app_cpu_ms"] is not None
        if spec.baseline:
            assert page["raw_sql_p50_ms"] > 0 and page["ratio_to_raw_sql"] > 0
    assert pages["add_action"]["status_codes"] == {"302": 6}
    # The concurrency phase ran briefly, audited and unaudited (bench/concurrency.py).
    concurrency = result["concurrency"]
    assert concurrency["users"] == 2
    assert concurrency["audited_rps"] > 0 and concurrency["unaudited_rps"] > 0
    assert concurrency["audited_to_unaudited"] > 0
    assert concurrency["failures"] == {"audited": 0, "unaudited": 0}
    assert set(concurrency["pages"]) == {"werkvoorraad", "case_list", "case_page", "add_action"}
    assert concurrency["unsequenced_at_end"] is not None


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert load.percentile(values, 50) == 50
    assert load.percentile(values, 95) == 95
    assert load.percentile(values, 99) == 99
    assert load.percentile([7.0], 99) == 7


def test_verdicts_and_markdown() -> None:
    page = {"label": "Traject", "p95_ms": 90.0, "target_p95_ms": 100, "errors": 0}
    assert report.verdict(page) == "PASS"
    assert report.verdict({**page, "p95_ms": 120.0}) == "MISS"
    assert report.verdict({**page, "errors": 2}) == "ERROR"
    assert report.verdict({"label": "Factsheet", "skipped": "not built yet"}) == "SKIPPED"


def _run(date: str, cases: int, keys: list[str]) -> dict:
    meta = {"date": date, "commit": date[-2:], "database": {"vendor": "postgresql"}}
    return {
        "meta": {**meta, "data": {"cases": cases}},
        "pages": [{"key": key, "p95_ms": float(len(date))} for key in keys],
    }


def test_a_partial_run_updates_its_pages_and_keeps_the_others(tmp_path: Path) -> None:
    order = ["werkvoorraad", "case_list", "case_page"]
    path = tmp_path / "latest.json"
    report.write_json(_run("2026-12-01T10", 1000, order), path, keep_copy=False)

    merged = report.merged(_run("2026-12-01T11", 1000, ["case_list"]), path, order)

    assert [p["key"] for p in merged["pages"]] == order
    measured = {p["key"]: p["measured"]["date"] for p in merged["pages"]}
    assert measured == {
        "werkvoorraad": "2026-12-01T10",
        "case_list": "2026-12-01T11",
        "case_page": "2026-12-01T10",
    }
    assert merged["meta"]["pages_measured_in_this_run"] == ["case_list"]


def test_a_partial_run_on_other_data_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latest.json"
    report.write_json(
        _run("2026-12-01T10", 1000, ["werkvoorraad", "case_list"]), path, keep_copy=False
    )

    merged = report.merged(_run("2026-12-01T11", 100_000, ["case_list"]), path, ["case_list"])

    assert [p["key"] for p in merged["pages"]] == ["case_list"]


class _FakeSession:
    """A keep-alive connection the 'kernel' hands to a worker; reconnecting may land it
    on another one."""

    def __init__(self, assignments: Iterator[str]) -> None:
        self.assignments = assignments
        self.worker = next(assignments)
        self.reconnects = 0

    def request(self, method: str, path: str):
        from types import SimpleNamespace

        from opkoers.core.querycount import WORKER_HEADER

        return SimpleNamespace(headers={WORKER_HEADER: self.worker})

    def reconnect(self) -> None:
        self.reconnects += 1
        self.worker = next(self.assignments)


def test_client_connections_are_spread_over_the_workers() -> None:
    from bench.run import spread_over_workers

    # Both connections first land on worker 1, as happened in 2 of 5 real tries.
    kernel = iter(["1", "1", "1", "2"])
    sessions = [_FakeSession(kernel), _FakeSession(kernel)]

    spread_over_workers(sessions, "/", workers=2)

    assert sorted(s.worker for s in sessions) == ["1", "2"]
    assert sessions[0].reconnects == 0 and sessions[1].reconnects == 2
