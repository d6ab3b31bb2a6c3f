"""Proxy headers, trusted only from the proxies named in settings.TRUSTED_PROXIES.

Behind a reverse proxy REMOTE_ADDR is the proxy's address and the client's is in
X-Forwarded-For; whether the browser used TLS is in X-Forwarded-Proto. Anyone can send
those headers, so they count only when the connection itself comes from a configured
proxy. Then the client is the rightmost hop of X-Forwarded-For that is not a trusted
proxy (hops to its left were written by the client and prove nothing), and that address
becomes REMOTE_ADDR for everything downstream: the login throttle and the audit log read
REMOTE_ADDR only. From anyone else the headers are removed, so no later code can be
tempted to read them (docs/decisions/0020-input-bounds-and-headers.md)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Headers a proxy may set; removed from every request that does not come from one.
PROXY_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    # The load balancer's request id (ops/request_id.py): kept only from a proxy.
    "HTTP_X_REQUEST_ID",
)


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an address or network"
            ) from exc
    return tuple(networks)


def parse_address(text: str) -> Address | None:
    """An address as proxies write it: bare, "[v6]:port" or "v4:port"."""
    value = text.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


class TrustedProxyMiddleware:
    """First in MIDDLEWARE: SecurityMiddleware's HTTPS redirect needs the scheme."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.proxies = parse_networks(getattr(settings, "TRUSTED_PROXIES", ()))

    def trusted(self, address: Address | None) -> bool:
        return address is not None and any(address in network for network in self.proxies)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        if self.trusted(parse_address(meta.get("REMOTE_ADDR", ""))):
            client = self.client_address(meta.get("HTTP_X_FORWARDED_FOR", ""))
            if client is not None:
                meta["REMOTE_ADDR"] = str(client)
            proto = meta.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
            if proto in {"http", "https"}:
                # WSGIRequest reads its scheme from here when SECURE_PROXY_SSL_HEADER
                # is unset, which it always is (settings.py).
                meta["wsgi.url_scheme"] = proto
        else:
            for header in PROXY_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)

    def client_address(self, header: str) -> Address | None:
        """The rightmost hop that is not a trusted proxy; None when the header has no
        usable address (then the proxy itself stays REMOTE_ADDR)."""
        found: Address | None = None
        for hop in reversed([part for part in header.split(",") if part.strip()]):
            address = parse_address(hop)
            if address is None:
                # Garbage at this hop: what lies to its left cannot be trusted either.
                break
            found = address
            if not self.trusted(address):
                break
        return found
