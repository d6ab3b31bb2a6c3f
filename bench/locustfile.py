"""The concurrency phase's users (bench/concurrency.py runs locust on this file headless,
in a process of its own: locust's gevent must not patch the benchmark's threads).

Every user is one logged-in session of the bench user (bench/concurrency.py logs them in
through the login form before the clock starts, so 32 password hashes are not part of
the measurement), and reads the werkvoorraad, the case list and case pages and now and
then adds an action (the write path), with a short think time. What to open comes from
BENCH_LOCUST_CONFIG (JSON, written by bench/concurrency.py): paths and session cookies,
no personal data."""

from __future__ import annotations

import itertools
import json
import os
import uuid
from typing import Any
from urllib.parse import urlencode

from locust import HttpUser, between, task

CONFIG: dict[str, Any] = json.loads(os.environ.get("BENCH_LOCUST_CONFIG", "{}"))
_sessions = itertools.cycle(CONFIG.get("sessions") or [{"cookies": {}, "csrf": ""}])
_case_pages = itertools.cycle(CONFIG.get("case_pages") or ["/"])
_write_pages = itertools.cycle(CONFIG.get("write_pages") or ["/"])


class Professional(HttpUser):
    wait_time = between(CONFIG.get("think_min", 0.25), CONFIG.get("think_max", 0.75))

    def on_start(self) -> None:
        session = next(_sessions)
        # An explicit Cookie header: the session stays exactly the one logged in before the
        # clock started (requests' cookie jar would not send host-less cookies).
        self.headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in session["cookies"].items())
        }
        self.csrf = session["csrf"]

    def _get(self, path: str, name: str) -> None:
        # No redirects: a lost session would otherwise "succeed" on the login page.
        with self.client.get(
            path, headers=self.headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(3)
    def werkvoorraad(self) -> None:
        self._get(CONFIG["werkvoorraad"], "werkvoorraad")

    @task(3)
    def case_list(self) -> None:
        self._get(CONFIG["case_list"], "case_list")

    @task(3)
    def case_page(self) -> None:
        self._get(next(_case_pages), "case_page")

    @task(1)
    def add_action(self) -> None:
        form = {
            **CONFIG["write_form"],
            "csrfmiddlewaretoken": self.csrf,
            "submission_token": str(uuid.uuid4()),
        }
        with self.client.post(
            next(_write_pages),
            data=urlencode(form),
            headers={**self.headers, "Content-Type": "application/x-www-form-urlencoded"},
            name="add_action",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
