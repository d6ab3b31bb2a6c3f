"""The Django admin is not mounted in production: its changes bypass the services and so
the audit log. Outside production it stays for developers, behind the same login,
lockout and second factor as every page."""

import importlib

import pytest
from django.urls import URLResolver, clear_url_caches, resolve
from django.urls.exceptions import Resolver404

from opkoers import urls

pytestmark = pytest.mark.security


def admin_mounted(patterns):
    return any(
        isinstance(p, URLResolver) and getattr(p, "app_name", None) == "admin" for p in patterns
    )


def test_production_patterns_have_no_django_admin():
    assert not admin_mounted(urls.build_urlpatterns(production=True))
    assert admin_mounted(urls.build_urlpatterns(production=False))


def test_the_url_module_follows_the_production_setting(settings):
    settings.PRODUCTION = True
    try:
        module = importlib.reload(urls)
        clear_url_caches()
        assert not admin_mounted(module.urlpatterns)
        with pytest.raises(Resolver404):
            resolve("/django-admin/", urlconf=module)
    finally:
        settings.PRODUCTION = False
        importlib.reload(urls)
        clear_url_caches()
    assert resolve("/django-admin/").app_name == "admin"
