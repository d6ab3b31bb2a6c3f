from django.urls import path

from opkoers.deviations.views import team

app_name = "deviation_team"

# Mounted at afwijkingen/
urlpatterns = [
    path("", team.register, name="register"),
    path("<uuid:deviation_id>/besluit/", team.decide, name="decide"),
    path("knelpunten/", team.bottleneck_overview, name="bottlenecks"),
    path("instellingen/", team.settings_page, name="settings"),
]
