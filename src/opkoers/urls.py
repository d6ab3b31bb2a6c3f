from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from opkoers.core.views import favicon


def build_urlpatterns(*, production: bool) -> list[URLPattern | URLResolver]:
    """The site's URLs. The Django admin is not mounted in production: its changes
    would bypass the services and so the audit log (docs/decisions/0018); the product's
    own management pages cover what a functional admin does."""
    patterns = _patterns()
    if not production:
        patterns.append(path("django-admin/", admin.site.urls))
    return patterns


def _patterns() -> list[URLPattern | URLResolver]:
    return [
        path("", include("opkoers.cases.urls")),
        path("account/", include("opkoers.accounts.urls")),
        path("audit/", include("opkoers.privacy.urls_audit")),
        path("privacy/", include("opkoers.privacy.urls")),
        path("trajecten/<uuid:case_id>/inwoner/", include("opkoers.cases.urls_resident")),
        path("trajecten/<uuid:case_id>/gesprekken/", include("opkoers.meetings.urls")),
        path("trajecten/<uuid:case_id>/plan/", include("opkoers.plans.urls")),
        path("trajecten/<uuid:case_id>/toestemming/", include("opkoers.cases.urls_consent")),
        path("trajecten/<uuid:case_id>/budget/", include("opkoers.budgets.urls")),
        path("trajecten/<uuid:case_id>/afwijkingen/", include("opkoers.deviations.urls")),
        path("budget/", include("opkoers.budgets.urls_team")),
        path("afwijkingen/", include("opkoers.deviations.urls_team")),
        # Effects: trajecten/<id>/effecten/, prijslijst/ and effecten/.
        path("", include("opkoers.effects.urls")),
        path("trajecten/<uuid:case_id>/effectmeting/", include("opkoers.reports.urls_case")),
        path("rapportage/", include("opkoers.reports.urls")),
        path("grondslagen/", include("opkoers.consent.urls_legal")),
        # Public, without login: "Ik zit vast en wil hulp" (decision 0023).
        path("hulp/", include("opkoers.portal.urls")),
        # The language switch must work on the login page too.
        path("taal/", login_not_required(set_language), name="set_language"),
        path("favicon.ico", favicon, name="favicon"),
        path("", include("opkoers.ops.urls")),
    ]


urlpatterns = build_urlpatterns(production=settings.PRODUCTION)
