from django.apps import AppConfig


class DatagenConfig(AppConfig):
    """Fictional data at national scale for `make bench` (`manage.py generate_data`).
    No models: it fills the other apps' tables."""

    name = "opkoers.datagen"
    label = "datagen"
