"""Proxy headers count only from a configured proxy (core/proxy.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from opkoers.core.proxy import TrustedProxyMiddleware, parse_address

pytestmark = pytest.mark.security

SEEN: dict[str, Any] = {}


def _view(request: HttpRequest) -> HttpResponse:
    SEEN.update(
        addr=request.META.get("REMOTE_ADDR"),
        secure=request.is_secure(),
        xff=request.META.get("HTTP_X_FORWARDED_FOR"),
        proto=request.META.get("HTTP_X_FORWARDED_PROTO"),
        real_ip=request.META.get("HTTP_X_REAL_IP"),
    )
    return HttpResponse()


def run(settings: Any, proxies: list[str], remote: str, **headers: str) -> dict[str, Any]:
    settings.TRUSTED_PROXIES = proxies
    SEEN.clear()
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    TrustedProxyMiddleware(_view)(request)
    return dict(SEEN)


def test_spoofed_headers_from_an_untrusted_client_are_removed(settings: Any) -> None:
    seen = run(
        settings,
        ["10.0.0.0/8"],
        "203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_REAL_IP="198.51.100.1",
    )
    assert seen["addr"] == "203.0.113.9"
    assert seen["secure"] is False
    assert seen["xff"] is None and seen["proto"] is None and seen["real_ip"] is None


def test_no_proxy_configured_trusts_nobody(settings: Any) -> None:
    seen = run(
        settings,
        [],
        "127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert seen["addr"] == "127.0.0.1"
    assert seen["secure"] is False


def test_a_trusted_proxy_gives_the_client_address_and_scheme(settings: Any) -> None:
    seen = run(
        settings,
        ["10.0.0.0/8"],
        "10.1.2.3",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert seen["addr"] == "198.51.100.7"
    assert seen["secure"] is True


def test_the_rightmost_untrusted_hop_wins_over_what_the_client_wrote(settings: Any) -> None:
    # The client typed "1.1.1.1, 10.9.9.9"; the edge proxy appended the real address,
    # the inner proxy appended the edge proxy's.
    seen = run(
        settings,
        ["10.0.0.0/8"],
        "10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.1.1.1, 10.9.9.9, 198.51.100.20, 10.0.0.1",
    )
    assert seen["addr"] == "198.51.100.20"


def test_garbage_in_the_header_leaves_the_proxy_address(settings: Any) -> None:
    seen = run(settings, ["10.0.0.1"], "10.0.0.1", HTTP_X_FORWARDED_FOR="nonsense, \x00")
    assert seen["addr"] == "10.0.0.1"


def test_plain_http_through_the_proxy_is_not_secure(settings: Any) -> None:
    seen = run(settings, ["10.0.0.1"], "10.0.0.1", HTTP_X_FORWARDED_PROTO="http")
    assert seen["secure"] is False


def test_ipv6_and_ports(settings: Any) -> None:
    seen = run(settings, ["::1", "10.0.0.0/8"], "::1", HTTP_X_FORWARDED_FOR="[2001:db8::5]:4711")
    assert seen["addr"] == "2001:db8::5"
    assert str(parse_address("198.51.100.1:8080")) == "198.51.100.1"
    assert str(parse_address("::ffff:198.51.100.1")) == "198.51.100.1"


def test_a_bad_setting_fails_at_start(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["not-an-address"]
    with pytest.raises(ImproperlyConfigured):
        TrustedProxyMiddleware(_view)


def test_django_never_trusts_the_proto_header_itself(settings: Any) -> None:
    from django.conf import settings as live

    assert live.SECURE_PROXY_SSL_HEADER is None
    # Only middleware that reads no address or scheme may come before the proxy's: the
    # benchmark's query counter and the metrics' request timer.
    before = live.MIDDLEWARE[: live.MIDDLEWARE.index("opkoers.core.proxy.TrustedProxyMiddleware")]
    assert set(before) <= {
        "opkoers.core.querycount.QueryCountMiddleware",
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
    }


@pytest.mark.django_db
def test_the_audit_log_records_the_client_behind_the_proxy(
    settings: Any, client: Any, member: Any, case: Any
) -> None:
    from opkoers.audit.models import AuditEvent

    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    client.force_login(member)
    client.get(f"/trajecten/{case.pk}/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.44")
    client.get(f"/trajecten/{case.pk}/", REMOTE_ADDR="192.0.2.99", HTTP_X_FORWARDED_FOR="192.0.2.1")
    addresses = list(AuditEvent.objects.order_by("id").values_list("ip_address", flat=True))
    assert addresses[-2:] == ["192.0.2.44", "192.0.2.99"]
