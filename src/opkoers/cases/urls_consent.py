"""Mounted under a case (trajecten/<case_id>/toestemming/): the case's consent page and
its forms. The namespace stays `consent`; the views live in cases because they reach the
case through cases.access, and consent does not import cases."""

from django.urls import path

from opkoers.cases.views import consent as views

app_name = "consent"

urlpatterns = [
    path("", views.consent_page, name="case"),
    path("vastleggen/", views.record_consent, name="record"),
    path("intrekken/", views.withdraw, name="withdraw"),
    path("grondslag/", views.legal_basis, name="legal_basis"),
    path("scan/", views.upload_scan, name="upload"),
    path("scan/<uuid:version_id>/", views.download_scan, name="scan"),
    path("formulier.pdf", views.form_pdf, name="form_pdf"),
]
