#!/usr/bin/env python
"""Why is a page slow? Opens one page in-process as the bench user, captures its
queries and prints the slowest ones with their plans (EXPLAIN ANALYZE on PostgreSQL,
EXPLAIN QUERY PLAN on SQLite).

    python bench/explain.py /trajecten/?q=jansen
    python bench/explain.py --database-url sqlite:///bench/data/bench.sqlite3 /
    python bench/explain.py --page case_page     # a page from bench/pages.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "src")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", help="URL path with query string")
    parser.add_argument("--page", help="a key from bench/pages.py instead of a path")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/opkoers_bench"
    )
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="cProfile the request too")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opkoers.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import targets as targets_module
    from bench.pages import PAGES
    from bench.run import path_maker

    targets = targets_module.sample(args.seed)
    path = args.path
    if args.page:
        spec = next(p for p in PAGES if p.key == args.page)
        made = path_maker(spec, targets)
        if isinstance(made, str):
            print(made)
            return 1
        path = made(0)
    if not path:
        parser.error("give a path or --page")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(targets.user)
    client.get(path)  # warm: caches, connection
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path)
        total = (time.perf_counter() - started) * 1000
    db_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    print(
        f"{path}: HTTP {response.status_code}, {total:.1f} ms, {len(captured)} queries "
        f"({db_ms:.1f} ms in the database driver), {len(response.content):,} bytes"
    )
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(client.get, path)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    timed = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
    for query in timed[: args.top]:
        sql = query["sql"]
        print(f"\n--- {float(query['time']) * 1000:.1f} ms\n{sql}\n")
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            for row in cursor.fetchall():
                print("   ", " | ".join(str(c) for c in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
