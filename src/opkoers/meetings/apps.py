from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "opkoers.meetings"
    label = "meetings"
