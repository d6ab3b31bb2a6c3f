from django.urls import path

from opkoers.privacy import views_audit as views

app_name = "audit"

urlpatterns = [
    path("", views.audit_log, name="log"),
    path("export/", views.audit_log_export, name="log_export"),
    path("inzage/pdf/", views.resident_overview_pdf, name="resident_overview_pdf"),
    path("inzage/", views.resident_overview, name="resident_overview"),
    path("inzage/export/", views.resident_overview_export, name="resident_overview_export"),
]
