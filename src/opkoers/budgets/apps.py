from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "opkoers.budgets"
    label = "budgets"
