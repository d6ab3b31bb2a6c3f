from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "opkoers.retention"
    label = "retention"
