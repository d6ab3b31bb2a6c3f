from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "opkoers.residents"
    label = "residents"
