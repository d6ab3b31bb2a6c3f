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
        for name, value in session["cookies"].items():
            self.client.cookies.set(name, value)
        self.csrf = session["csrf"]

    @task(3)
    def werkvoorraad(self) -> None:
        self.client.get(CONFIG["werkvoorraad"], name="werkvoorraad")

    @task(3)
    def case_list(self) -> None:
        self.client.get(CONFIG["case_list"], name="case_list")

    @task(3)
    def case_page(self) -> None:
        self.client.get(next(_case_pages), name="case_page")

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
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="add_action",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
