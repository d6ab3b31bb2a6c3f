"""`make bench` kept working: bench/run.py --smoke end to end (generator, gunicorn,
login over HTTP, every page, the raw-SQL baseline, the results file) on a tiny data
set, in a database of its own. Not a timed test: the numbers are not checked."""

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
