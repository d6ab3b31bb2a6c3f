from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional demo set that `make run` loads (`manage.py load_demo`). No models."""

    name = "opkoers.demo"
    label = "demo"
