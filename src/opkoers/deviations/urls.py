from django.urls import path

from opkoers.deviations.views import case

app_name = "deviations"

# Mounted at trajecten/<uuid:case_id>/afwijkingen/
urlpatterns = [
    path("", case.case_deviations_page, name="case"),
    path("nieuw/", case.deviation_add, name="add"),
]
