"""A small HTTP client with a keep-alive connection and a cookie jar, one per thread:
the standard library's http.client, so the benchmark needs no extra package."""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Messages are shown on the next page a browser opens; the benchmark never follows the
# redirect, so keeping the cookie would only let it grow with every POST.
IGNORED_COOKIES = {"messages"}


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    ms: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Session:
    def __init__(self, host: str, port: int, *, timeout: float = 60.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Response:
        body = urlencode(form) if form is not None else None
        headers = {"Host": f"{self.host}:{self.port}", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                raw = self.conn.getresponse()
                data = raw.read()
            except (http.client.RemoteDisconnected, ConnectionError, http.client.BadStatusLine):
                # The server closed an idle keep-alive connection: reconnect, and time
                # the retry only.
                self.reconnect()
                if attempt == 2:
                    raise
                continue
            ms = (time.perf_counter() - started) * 1000
            self._store_cookies(raw.headers)
            return Response(raw.status, raw.headers, data, ms)
        raise AssertionError("unreachable")

    def _store_cookies(self, headers: http.client.HTTPMessage) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if name in IGNORED_COOKIES:
                    continue
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def reconnect(self) -> None:
        """A new keep-alive connection (the cookies stay): the server may hand it to
        another worker."""
        self.conn.close()
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def csrf_token(self, path: str) -> str:
        match = CSRF_INPUT.search(self.request("GET", path).text)
        if not match:
            raise RuntimeError(f"no CSRF token on {path}")
        return match.group(1)

    def login(self, login_path: str, username: str, password: str, home: str) -> str:
        """Log in through the login form like a browser; returns a CSRF token for later
        POSTs (Django rotates the token at login, so it is read after)."""
        token = self.csrf_token(login_path)
        response = self.request(
            "POST",
            login_path,
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed (HTTP {response.status})")
        return self.csrf_token(home)

    def close(self) -> None:
        self.conn.close()
