from django.urls import path

from opkoers.privacy import views

app_name = "privacy"

urlpatterns = [
    path("noodtoegang/", views.break_glass_list, name="break_glass_list"),
    path(
        "noodtoegang/<int:use_id>/beoordelen/", views.break_glass_review, name="break_glass_review"
    ),
    path("noodtoegang/traject/<uuid:case_id>/", views.break_glass_open, name="break_glass"),
]
