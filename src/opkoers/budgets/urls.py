from django.urls import path

from opkoers.budgets.views import case

app_name = "budgets"

# Mounted at trajecten/<uuid:case_id>/budget/
urlpatterns = [
    path("", case.case_budget_page, name="case"),
    path("aanvragen/", case.request_add, name="request_add"),
    path("<uuid:request_id>/wijzigen/", case.request_edit, name="request_edit"),
    path("<uuid:request_id>/intrekken/", case.request_withdraw, name="request_withdraw"),
]
