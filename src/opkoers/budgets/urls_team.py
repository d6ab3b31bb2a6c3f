from django.urls import path

from opkoers.budgets.views import ledger, team

app_name = "budget_team"

# Mounted at budget/
urlpatterns = [
    path("", team.overview, name="overview"),
    path("wachtrij/", team.queue, name="queue"),
    path("aanvragen/<uuid:request_id>/besluit/", team.decide, name="decide"),
    path("aanvragen/<uuid:request_id>/betaling/", team.payment, name="payment"),
    path("aanvragen/<uuid:request_id>/intrekken/", team.cancel, name="cancel"),
    path("instellingen/", team.settings_page, name="settings"),
    path("grootboek/", ledger.ledger_page, name="ledger"),
    path("grootboek/export.csv", ledger.export_csv, name="export_csv"),
    path("grootboek/export.xlsx", ledger.export_xlsx, name="export_xlsx"),
]
