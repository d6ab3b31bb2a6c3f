"""A URLconf for the logging test: a view that fails while handling personal data."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def failing_view(request: HttpRequest) -> HttpResponse:
    raise ValueError("something broke while saving")


urlpatterns = [
    path("kapot/", failing_view),
    path("", include("opkoers.urls")),
]
