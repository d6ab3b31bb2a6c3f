"""The app under test: gunicorn on 127.0.0.1, a free port, production-like settings."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_env(database_url: str, *, production: bool, replica_url: str = "") -> dict[str, str]:
    """Production-like settings without TLS (plain HTTP on the loopback), a throwaway
    secret key, DEBUG off, and the queries-per-request header switched on.

    `OPKOERS_ENV=production` is NOT set: production always requires two-step
    verification, and the load client logs in with a password only. Nothing else that
    production switches on (TLS-only cookies, HSTS, WhiteNoise for static files) is on
    the measured path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_DEBUG")}
    # A standby only when asked for (--replica-url), and then of this very database: an
    # inherited DATABASE_REPLICA_URL may point at another one.
    env.pop("DATABASE_REPLICA_URL", None)
    if replica_url:
        env["DATABASE_REPLICA_URL"] = replica_url
    env.update(
        {
            "DATABASE_URL": database_url,
            "PYTHONPATH": str(SRC),
            "DJANGO_SETTINGS_MODULE": "opkoers.settings",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "OPKOERS_BENCH_QUERY_HEADER": "1",
            "OPKOERS_DEMO": "0",
            # The load client logs in with a password only (see the docstring).
            "OPKOERS_MFA_REQUIRED": "0",
            # Persistent connections for the whole run (production: 60 s), so that the
            # database CPU per request can be read from the same backends throughout.
            "DB_CONN_MAX_AGE": "3600",
            # Measure the factsheet's computation, not the cache in front of it.
            "REPORTS_CACHE_SECONDS": "0",
        }
    )
    if production:
        env.update(
            {
                "OPKOERS_HTTPS": "0",
                "SECRET_KEY": f"bench-{secrets.token_urlsafe(48)}",
            }
        )
        env.pop("OPKOERS_ENV", None)
    else:
        env.pop("OPKOERS_ENV", None)
    return env


class Gunicorn:
    def __init__(self, env: dict[str, str], *, workers: int, log: Path, threads: int = 1) -> None:
        self.port = free_port()
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = log.open("w")
        self.workers = workers
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                sys.executable, "-m", "gunicorn", "opkoers.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(workers),
                # gthread with one thread per worker: the sync worker's concurrency, plus
                # HTTP keep-alive (the sync worker closes every connection). The
                # concurrency phase gives each worker a few threads, as production does.
                "--worker-class", "gthread", "--threads", str(threads),
                "--keep-alive", "75",
                "--pythonpath", str(SRC),
                "--chdir", str(REPO),
                "--log-level", "warning",
            ],
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=5) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s; see {self.log}")

    def worker_pids(self) -> list[int]:
        from bench.cpu import children

        return children(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()
