from django.urls import path

from opkoers.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("factsheet.pdf", views.export, {"fmt": "pdf"}, name="pdf"),
    path("factsheet.csv", views.export, {"fmt": "csv"}, name="csv"),
    path("factsheet.xlsx", views.export, {"fmt": "xlsx"}, name="xlsx"),
]
