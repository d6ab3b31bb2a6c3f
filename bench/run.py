#!/usr/bin/env python
"""`make bench`: the benchmark at national scale (issue 6).

Generates the data set once (reused while it matches), serves the app with gunicorn on
127.0.0.1 with production settings, logs in over HTTP as the bench user and measures
every page in bench/pages.py from a few keep-alive client threads, next to the raw SQL
that fetches the same data. Results go to bench/results/latest.json and
docs/benchmarks.md.

    python bench/run.py                       # PostgreSQL, 100,000 cases
    python bench/run.py --db sqlite --cases 10000
    python bench/run.py --smoke --database-url sqlite:////tmp/smoke.sqlite3 --out /tmp/r.json
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "src")]

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/opkoers_bench"
DEFAULT_SQLITE_URL = f"sqlite:///{REPO / 'bench' / 'data' / 'bench.sqlite3'}"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--database-url", help="overrides --db")
    parser.add_argument(
        "--replica-url",
        default="",
        help="a streaming standby of that database (scripts/ensure_replica.sh): the "
        "factsheet and the effects aggregate read there (docs/decisions/0027)",
    )
    parser.add_argument("--cases", type=int, default=None, help="default 100000 (smoke: 40)")
    parser.add_argument("--actions-per-case", type=int, default=10)
    parser.add_argument("--audit-rows-per-case", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--threads", type=int, default=2, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--requests", type=int, default=None, help="per page (default 400)")
    parser.add_argument("--seconds", type=float, default=30.0, help="at most, per page")
    parser.add_argument("--warmup", type=int, default=None, help="per thread (default 10)")
    parser.add_argument("--only", default="", help="comma-separated page keys")
    parser.add_argument("--regenerate", action="store_true", help="throw the data set away")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny data set, a handful of requests, no collectstatic, no docs (for make test)",
    )
    parser.add_argument(
        "--users", type=int, default=None, help="concurrency phase: users (default 32)"
    )
    parser.add_argument(
        "--concurrency-seconds", type=float, default=None, help="per run (default 60)"
    )
    parser.add_argument(
        "--concurrency-threads", type=int, default=4, help="gunicorn threads per worker"
    )
    parser.add_argument(
        "--think", type=float, nargs=2, default=None, help="think time range, seconds"
    )
    parser.add_argument("--no-concurrency", action="store_true", help="skip that phase")
    parser.add_argument(
        "--no-saturation", action="store_true", help="skip the extra pair without think time"
    )
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args(argv)
    smoke = args.smoke
    args.cases = args.cases or (40 if smoke else 100_000)
    args.requests = args.requests or (6 if smoke else 400)
    args.warmup = args.warmup if args.warmup is not None else (1 if smoke else 10)
    args.users = args.users or (2 if smoke else 32)
    args.concurrency_seconds = args.concurrency_seconds or (4.0 if smoke else 60.0)
    args.think = tuple(args.think or ((0.1, 0.2) if smoke else (0.5, 1.5)))
    args.url = args.database_url or (DEFAULT_SQLITE_URL if args.db == "sqlite" else DEFAULT_PG_URL)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opkoers.settings")
    os.environ.pop("OPKOERS_ENV", None)  # the in-process half only reads
    import django

    django.setup()
    from bench import database, report
    from bench.server import Gunicorn, app_env

    production = not args.smoke
    wanted = database.Wanted(args.cases, args.actions_per_case, args.audit_rows_per_case, args.seed)
    generation = database.prepare(
        args.url, wanted, app_env(args.url, production=False), regenerate=args.regenerate
    )
    env = app_env(args.url, production=production, replica_url=args.replica_url)
    if production:
        collectstatic_if_needed(env)
    started = datetime.now(UTC)
    meta: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"),
        "commit": report.git_commit(),
        "machine": report.machine(),
        "database": {
            "vendor": database.vendor_of(args.url),
            "version": database.server_version(args.url),
        },
        "data": database.sizes(args.url),
        **generation,
        "threads": args.threads,
        "workers": args.workers,
        "requests_per_page": args.requests,
        "seconds_per_page": args.seconds,
        "warmup": args.warmup,
        "production_settings": production,
        "smoke": args.smoke,
    }
    server = Gunicorn(env, workers=args.workers, log=REPO / "var" / "bench-gunicorn.log")
    concurrency = None
    try:
        try:
            pages = measure_all(args, server)
        finally:
            server.stop()
        if not args.no_concurrency and (not args.only or "concurrency" in args.only.split(",")):
            concurrency = measure_concurrency(args, env)
    finally:
        remove_bench_actions()
    meta["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result: dict[str, Any] = {"meta": meta, "pages": pages}
    out = args.out or report.RESULTS / "latest.json"
    if args.only:
        from bench.pages import PAGES

        result = report.merged(result, out, [spec.key for spec in PAGES])
    if concurrency is not None:
        result["concurrency"] = concurrency
    elif args.only:
        result = report.keep_concurrency(result, out)
    report.write_json(result, out, keep_copy=not args.smoke)
    if not (args.smoke or args.no_docs):
        report.append_docs(result)
    print(report.console(result))
    print(f"Resultaten: {out}")
    failed = [p["key"] for p in pages if report.verdict(p) == "ERROR"]
    if failed:
        print(f"Fouten bij: {', '.join(failed)} (zie {server.log})", file=sys.stderr)
    return 1 if failed else 0


def measure_all(args: argparse.Namespace, server: Any) -> list[dict[str, Any]]:
    from django.urls import reverse

    from bench import targets as targets_module
    from bench.client import Session
    from bench.cpu import CpuMeter
    from bench.pages import PAGES
    from opkoers.datagen.generator import BENCH_PASSWORD, BENCH_USERNAME

    login_path, home = reverse("accounts:login"), reverse("cases:worklist")
    server.wait_ready(login_path)
    targets = targets_module.sample(args.seed)
    only = {k for k in args.only.split(",") if k}
    sessions = [Session("127.0.0.1", server.port) for _ in range(args.threads)]
    try:
        tokens = [s.login(login_path, BENCH_USERNAME, BENCH_PASSWORD, home) for s in sessions]
        meters = (CpuMeter(server.worker_pids), CpuMeter(lambda: database_backends(args.url)))
        results = []
        for spec in PAGES:
            if only and spec.key not in only:
                continue
            print(f"… {spec.label}", file=sys.stderr, flush=True)
            spread_over_workers(sessions, login_path, args.workers)
            results.append(measure_page(spec, args, targets, sessions, tokens, meters))
        return results
    finally:
        for session in sessions:
            session.close()


def measure_concurrency(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    from bench import concurrency
    from bench import targets as targets_module

    return concurrency.measure(
        env,
        targets_module.sample(args.seed),
        users=args.users,
        seconds=args.concurrency_seconds,
        workers=args.workers,
        threads=args.concurrency_threads,
        think=args.think,
        saturate=not (args.smoke or args.no_saturation),
    )


def spread_over_workers(sessions: list[Any], path: str, workers: int) -> None:
    """Give every client thread its own gunicorn worker, as far as there are workers.

    A gthread worker keeps serving the keep-alive connections it accepted, and which
    worker accepts is up to the kernel: in 2 of 5 tries both connections of a 2-thread
    run landed on one worker, which then served them one after the other while the
    other worker idled. That doubled p50 at the same requests per second and measured
    the load tool, not the app (docs/benchmarks.md, 2026-12-01). So reconnect until the
    connections are spread evenly; the worker is named in a bench-only response header."""
    from opkoers.core.querycount import WORKER_HEADER

    per_worker = -(-len(sessions) // max(workers, 1))  # ceiling division
    for _attempt in range(100):
        seen: Counter[str] = Counter()
        crowded = []
        for session in sessions:
            worker = session.request("GET", path).headers.get(WORKER_HEADER, "")
            seen[worker] += 1
            if seen[worker] > per_worker:
                crowded.append(session)
        if not crowded:
            return
        for session in crowded:
            session.reconnect()
    print("waarschuwing: verbindingen niet over de workers verdeeld", file=sys.stderr)


def database_backends(url: str) -> list[int]:
    """The PostgreSQL processes serving the app's workers (their persistent connections,
    open after the logins); none on SQLite, where the database runs inside the worker."""
    from bench.database import query, vendor_of

    if vendor_of(url) != "postgresql":
        return []
    rows = query(
        url,
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
    )
    return [int(pid) for (pid,) in rows]


def path_maker(spec: Any, targets: Any) -> Callable[[int], str] | str:
    """The URL of request i, or the reason the page cannot be measured."""
    from django.urls import NoReverseMatch, reverse

    cases = targets.cases(spec.case) if spec.case else []
    if spec.case and not cases:
        return "no suitable case in the data set"
    try:
        reverse(spec.url_name, kwargs={"case_id": uuid.UUID(int=0)} if spec.case else {})
    except NoReverseMatch:
        return spec.missing_note or f"URL name {spec.url_name} does not resolve"
    query = urlencode({k: v.format(search=targets.search) for k, v in spec.params.items()})

    def path(i: int) -> str:
        kwargs = {"case_id": cases[abs(i) % len(cases)]} if spec.case else {}
        url = reverse(spec.url_name, kwargs=kwargs)
        return f"{url}?{query}" if query else url

    return path


def measure_page(
    spec: Any,
    args: argparse.Namespace,
    targets: Any,
    sessions: list[Any],
    tokens: list[str],
    meters: tuple[Any, Any],
) -> dict[str, Any]:
    from bench import load
    from opkoers.core.querycount import DB_MS_HEADER, QUERIES_HEADER

    page: dict[str, Any] = {
        "key": spec.key,
        "label": spec.label,
        "method": spec.method,
        "target_p95_ms": spec.p95_target_ms,
    }
    path = path_maker(spec, targets)
    if isinstance(path, str):
        page["skipped"] = path
        return page
    page["url"] = path(0)
    first_error: list[str] = []

    def worker(t: int) -> Callable[[int], load.Sample]:
        session, token = sessions[t], tokens[t]

        def request(i: int) -> load.Sample:
            url = path(i)
            if spec.method == "POST":
                form = {
                    **spec.form,
                    "csrfmiddlewaretoken": token,
                    "submission_token": str(uuid.uuid4()),
                }
                response = session.request("POST", url, form)
            else:
                response = session.request("GET", url)
            ok = response.status == spec.expect_status
            if not ok and not first_error:
                first_error.append(f"HTTP {response.status} on {spec.method} {url}")
            queries = response.headers.get(QUERIES_HEADER)
            db_ms = response.headers.get(DB_MS_HEADER)
            return load.Sample(
                ms=response.ms,
                ok=ok,
                queries=int(queries) if queries else None,
                db_ms=float(db_ms) if db_ms else None,
                size=len(response.body),
                status=response.status,
            )

        return request

    app_cpu, db_cpu = meters

    def start_meters() -> None:
        app_cpu.begin()
        db_cpu.begin()

    run = load.run(
        [worker(t) for t in range(len(sessions))],
        total=args.requests,
        seconds=args.seconds,
        warmup=args.warmup,
        on_start=start_meters,
    )
    page.update(load.summary(run))
    # Every request is counted, also the failed ones: they cost CPU too.
    page["app_cpu_ms"] = app_cpu.per_request_ms(len(run.samples))
    page["db_cpu_ms"] = db_cpu.per_request_ms(len(run.samples))
    page["status_codes"] = dict(Counter(str(s.status) for s in run.samples))
    if first_error or run.errors:
        page["first_error"] = (first_error or run.errors)[0]
    if spec.baseline and run.samples:
        page.update(measure_baseline(spec, args, targets, sessions, len(run.samples)))
        if page.get("raw_sql_p50_ms"):
            page["ratio_to_raw_sql"] = round(page["p50_ms"] / page["raw_sql_p50_ms"], 1)
    return page


def measure_baseline(
    spec: Any, args: argparse.Namespace, targets: Any, sessions: list[Any], iterations: int
) -> dict[str, Any]:
    """Same threads, same number of iterations, a plain driver connection per thread."""
    import time

    from bench import load
    from bench.baseline import BASELINES, Context, Raw
    from bench.database import vendor_of

    user = targets.user
    ctx = Context(
        user_id=user.pk,
        organisation_id=user.organisation_id,
        role=user.role,
        team_ids=targets.team_ids,
        session_key=sessions[0].cookies.get("sessionid", ""),
        read_cases=targets.read,
        search=targets.search,
    )
    params = {k: v.format(search=targets.search) for k, v in spec.params.items()}
    fn = BASELINES[spec.baseline]
    vendor = "postgresql" if vendor_of(args.url) == "postgresql" else "sqlite"
    connections = [Raw(vendor, args.url) for _ in sessions]

    def worker(db: Raw) -> Callable[[int], load.Sample]:
        def once(i: int) -> load.Sample:
            started = time.perf_counter()
            fn(db, ctx, abs(i), params)
            return load.Sample(ms=(time.perf_counter() - started) * 1000, ok=True)

        return once

    try:
        run = load.run(
            [worker(db) for db in connections],
            total=iterations,
            seconds=args.seconds,
            warmup=args.warmup,
        )
    finally:
        for db in connections:
            db.close()
    stats = load.summary(run)
    if run.errors:
        return {"raw_sql_error": run.errors[0]}
    return {
        "raw_sql_p50_ms": stats["p50_ms"],
        "raw_sql_p95_ms": stats["p95_ms"],
        "raw_sql_iterations": stats["requests"],
    }


def collectstatic_if_needed(env: dict[str, str]) -> None:
    """Production settings serve static files through WhiteNoise's manifest, which must
    exist; building it compresses every file, so it is only rebuilt when a source
    changed."""
    from django.contrib.staticfiles.finders import get_finders

    from bench.database import manage
    from opkoers import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    newest = 0.0
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            newest = max(newest, os.path.getmtime(storage.path(path)))
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        return
    print("collectstatic (productie-instellingen) …", file=sys.stderr, flush=True)
    manage(env, "collectstatic", "--noinput", "-v0")


def remove_bench_actions() -> None:
    """The write path's actions go, so the data set stays the one that was generated
    (their audit rows stay: the trail is append-only)."""
    from django.db import connection

    from bench.pages import BENCH_ACTION_MARK
    from opkoers.plans.models import Action

    Action.objects.filter(description__startswith=BENCH_ACTION_MARK).delete()
    connection.close()


if __name__ == "__main__":
    sys.exit(main())
