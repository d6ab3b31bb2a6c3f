from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "opkoers.consent"
    label = "consent"
