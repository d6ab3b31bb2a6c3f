from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "opkoers.plans"
    label = "plans"
