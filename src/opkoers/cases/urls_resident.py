"""Mounted under a case (trajecten/<case_id>/inwoner/): a resident is always reached
through a case the user may see."""

from django.urls import path

from opkoers.cases.views import resident as views

app_name = "residents"

urlpatterns = [
    path("wijzigen/", views.edit, name="edit"),
    path("communicatie-en-netwerk/", views.network, name="network"),
    path("communicatie/toevoegen/", views.add_need, name="need_add"),
    path("communicatie/<uuid:need_id>/verwijderen/", views.remove_need, name="need_remove"),
    path("netwerk/toevoegen/", views.add_person, name="person_add"),
    path("netwerk/<uuid:person_id>/verwijderen/", views.remove_person, name="person_remove"),
]
