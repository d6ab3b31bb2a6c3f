"""Mounted at trajecten/<case_id>/effectmeting/: a case's own effect measurement."""

from django.urls import path

from opkoers.reports import views

app_name = "reports_case"

urlpatterns = [path("", views.effect, name="effect")]
