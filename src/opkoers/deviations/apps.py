from django.apps import AppConfig


class DeviationsConfig(AppConfig):
    name = "opkoers.deviations"
    label = "deviations"
