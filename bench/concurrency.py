"""The concurrency phase (issue 11): many logged-in users at once, audited and unaudited.

Two gunicorn servers one after the other, with the same settings except one switch:
the first audits as production does (every read and write INSERTs its audit row in the
request's transaction, and `manage.py audit_sequencer --loop` chains the rows in its
own process), the second runs with OPKOERS_BENCH_AUDIT_OFF=1 (record() writes nothing;
production settings refuse the switch). Locust (bench/locustfile.py) drives the same
users against both; the ratio of their throughputs is what auditing costs under
concurrency, and the p95 latencies show whether anything queues behind the audit log.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.server import REPO, Gunicorn

READ_PAGES = ("werkvoorraad", "case_list", "case_page")
WRITE_PAGE = "add_action"
TARGET_RATIO = 0.8
TARGET_PAGE_P95_MS = 250.0
TARGET_WRITE_P95_MS = 300.0
LABELS = {
    "werkvoorraad": "Werkvoorraad",
    "case_list": "Trajectenlijst",
    "case_page": "Traject (casuspagina)",
    "add_action": "Actie toevoegen (POST)",
}


def login_sessions(server: Gunicorn, users: int) -> list[dict[str, Any]]:
    """One logged-in session per user, through the login form (bench/client.py)."""
    from django.urls import reverse

    from bench.client import Session
    from opkoers.datagen.generator import BENCH_PASSWORD, BENCH_USERNAME

    login, home = reverse("accounts:login"), reverse("cases:worklist")
    sessions = []
    for _ in range(users):
        client = Session("127.0.0.1", server.port)
        try:
            csrf = client.login(login, BENCH_USERNAME, BENCH_PASSWORD, home)
            sessions.append({"cookies": dict(client.cookies), "csrf": csrf})
        finally:
            client.close()
    return sessions


def locust_config(targets: Any, *, think: tuple[float, float]) -> dict[str, Any]:
    from django.urls import reverse

    from bench.pages import ADD_ACTION_FORM

    return {
        "login": reverse("accounts:login"),
        "werkvoorraad": reverse("cases:worklist"),
        "case_list": reverse("cases:list"),
        "case_pages": [reverse("cases:detail", kwargs={"case_id": c}) for c in targets.read],
        "write_pages": [reverse("plans:action_add", kwargs={"case_id": c}) for c in targets.write],
        "write_form": ADD_ACTION_FORM,
        "think_min": think[0],
        "think_max": think[1],
    }


def run_locust(
    base_url: str, config: dict[str, Any], *, users: int, seconds: float, workdir: Path
) -> dict[str, dict[str, float]]:
    """Locust headless in its own process; its CSV summary, one row per request name."""
    prefix = workdir / "locust"
    env = {**os.environ, "BENCH_LOCUST_CONFIG": json.dumps(config)}
    completed = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        [
            sys.executable, "-m", "locust",
            "-f", str(REPO / "bench" / "locustfile.py"),
            "--headless", "--only-summary",
            "-u", str(users), "-r", str(users),
            "-t", f"{max(1, round(seconds))}s",
            "--host", base_url,
            "--csv", str(prefix),
            "--stop-timeout", "10",
            "--loglevel", "WARNING",
            "--exit-code-on-error", "0",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=False,
    )  # fmt: skip
    stats_file = Path(f"{prefix}_stats.csv")
    if completed.returncode != 0 or not stats_file.exists():
        raise RuntimeError(f"locust failed: {completed.stderr[-1500:]}")
    rows: dict[str, dict[str, float]] = {}
    with stats_file.open() as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": float(row["Request Count"]),
                "failures": float(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50_ms": float(row["50%"] if row["50%"] != "N/A" else "nan"),
                "p95_ms": float(row["95%"] if row["95%"] != "N/A" else "nan"),
                "p99_ms": float(row["99%"] if row["99%"] != "N/A" else "nan"),
                "mean_ms": float(row["Average Response Time"]),
            }
    return rows


def _waiting_audit_rows() -> int:
    from django.db import connection

    from opkoers.audit.models import AuditEvent

    count = AuditEvent.objects.filter(seq__isnull=True).count()
    connection.close()
    return count


def _sequencer(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("w")
    return subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(REPO / "manage.py"), "audit_sequencer", "--loop", "--interval", "0.5"],
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def one_run(
    env: dict[str, str],
    config: dict[str, Any],
    *,
    audited: bool,
    users: int,
    seconds: float,
    workers: int,
    threads: int,
) -> dict[str, Any]:
    env = {**env, "OPKOERS_AUDIT_CHECKPOINT_DIR": str(REPO / "var" / "bench-audit-checkpoints")}
    if not audited:
        env["OPKOERS_BENCH_AUDIT_OFF"] = "1"
    name = "audited" if audited else "unaudited"
    server = Gunicorn(
        env, workers=workers, threads=threads, log=REPO / "var" / f"bench-gunicorn-{name}.log"
    )
    sequencer = _sequencer(env, REPO / "var" / "bench-sequencer.log") if audited else None
    workdir = REPO / "var" / f"bench-locust-{name}"
    workdir.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {}
    try:
        server.wait_ready(config["login"])
        config = {**config, "sessions": login_sessions(server, users)}
        rows = run_locust(server.base_url, config, users=users, seconds=seconds, workdir=workdir)
        if sequencer is not None:
            # How long the sequencer needs to catch up once the load stops: the window in
            # which a row exists unchained (decision 0016).
            waiting = _waiting_audit_rows()
            started = time.monotonic()
            while _waiting_audit_rows() and time.monotonic() - started < 60:
                time.sleep(0.2)
            result["unsequenced_at_end"] = waiting
            result["sequencer_catch_up_s"] = round(time.monotonic() - started, 1)
    finally:
        server.stop()
        if sequencer is not None:
            _stop(sequencer)
    pages = {key: rows.get(key, {}) for key in (*READ_PAGES, WRITE_PAGE)}
    result["pages"] = pages
    result["rps"] = round(sum(p.get("rps", 0.0) for p in pages.values()), 1)
    result["failures"] = int(sum(p.get("failures", 0.0) for p in pages.values()))
    result["page_p95_ms"] = max((pages[k].get("p95_ms", 0.0) for k in READ_PAGES), default=0.0)
    result["write_p95_ms"] = pages[WRITE_PAGE].get("p95_ms")
    return result


def _pair(
    env: dict[str, str], config: dict[str, Any], *, users: int, seconds: float, **server: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    runs = []
    for audited in (True, False):
        think = f"{config['think_min']}–{config['think_max']} s"
        print(
            f"… gelijktijdigheid: {users} gebruikers, denktijd {think}, "
            f"{'met' if audited else 'zonder'} audit",
            file=sys.stderr,
            flush=True,
        )
        runs.append(one_run(env, config, audited=audited, users=users, seconds=seconds, **server))
    return runs[0], runs[1]


def _ratio(on: dict[str, Any], off: dict[str, Any]) -> float | None:
    return round(on["rps"] / off["rps"], 3) if off["rps"] else None


def measure(
    env: dict[str, str],
    targets: Any,
    *,
    users: int,
    seconds: float,
    workers: int,
    threads: int,
    think: tuple[float, float],
    saturate: bool = False,
) -> dict[str, Any]:
    server = {"workers": workers, "threads": threads}
    config = locust_config(targets, think=think)
    on, off = _pair(env, config, users=users, seconds=seconds, **server)
    ratio = _ratio(on, off)
    per_page = {
        key: {"label": LABELS[key], "audited": on["pages"][key], "unaudited": off["pages"][key]}
        for key in (*READ_PAGES, WRITE_PAGE)
    }
    result: dict[str, Any] = {
        "users": users,
        "seconds": seconds,
        "think_time_s": list(think),
        "gunicorn": {"workers": workers, "threads": threads, "worker_class": "gthread"},
        "audited_rps": on["rps"],
        "unaudited_rps": off["rps"],
        "audited_to_unaudited": ratio,
        "audited_p95_ms": on["page_p95_ms"],
        "unaudited_p95_ms": off["page_p95_ms"],
        "write_p95_ms": on["write_p95_ms"],
        "unaudited_write_p95_ms": off["write_p95_ms"],
        "failures": {"audited": on["failures"], "unaudited": off["failures"]},
        "unsequenced_at_end": on.get("unsequenced_at_end"),
        "sequencer_catch_up_s": on.get("sequencer_catch_up_s"),
        "targets": {
            "audited_to_unaudited": TARGET_RATIO,
            "page_p95_ms": TARGET_PAGE_P95_MS,
            "write_p95_ms": TARGET_WRITE_P95_MS,
        },
        "met": {
            "audited_to_unaudited": ratio is not None and ratio >= TARGET_RATIO,
            "page_p95_ms": on["page_p95_ms"] <= TARGET_PAGE_P95_MS,
            "write_p95_ms": (on["write_p95_ms"] or 0) <= TARGET_WRITE_P95_MS,
        },
        "pages": per_page,
    }
    if saturate:
        # Without think time the same users saturate the server: the throughput ratio
        # then says how much capacity auditing costs, not how much the users asked for.
        s_on, s_off = _pair(
            env,
            {**config, "think_min": 0.0, "think_max": 0.0},
            users=users,
            seconds=seconds,
            **server,
        )
        result["saturated"] = {
            "think_time_s": [0.0, 0.0],
            "audited_rps": s_on["rps"],
            "unaudited_rps": s_off["rps"],
            "audited_to_unaudited": _ratio(s_on, s_off),
            "audited_p95_ms": s_on["page_p95_ms"],
            "unaudited_p95_ms": s_off["page_p95_ms"],
            "write_p95_ms": s_on["write_p95_ms"],
            "unaudited_write_p95_ms": s_off["write_p95_ms"],
            "failures": {"audited": s_on["failures"], "unaudited": s_off["failures"]},
            "unsequenced_at_end": s_on.get("unsequenced_at_end"),
            "sequencer_catch_up_s": s_on.get("sequencer_catch_up_s"),
            "pages": {
                key: {"audited": s_on["pages"][key], "unaudited": s_off["pages"][key]}
                for key in (*READ_PAGES, WRITE_PAGE)
            },
        }
    return result
