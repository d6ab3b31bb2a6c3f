from django.apps import AppConfig


class EffectsConfig(AppConfig):
    name = "opkoers.effects"
    label = "effects"
