from django.urls import path

from opkoers.consent import views_legal

app_name = "legal_bases"

# Mounted at grondslagen/
urlpatterns = [
    path("", views_legal.queue, name="queue"),
    path("<uuid:basis_id>/besluit/", views_legal.decide, name="decide"),
    path("<uuid:basis_id>/beeindigen/", views_legal.end, name="end"),
]
