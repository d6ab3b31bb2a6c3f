from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "opkoers.cases"
    label = "cases"
