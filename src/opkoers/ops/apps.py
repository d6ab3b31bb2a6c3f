from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "opkoers.ops"
    label = "ops"
