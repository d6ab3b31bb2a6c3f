from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "opkoers.reports"
    label = "reports"
    verbose_name = "Rapportage"
