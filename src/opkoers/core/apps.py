from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "opkoers.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from opkoers.core.middleware import mark_activity

        user_logged_in.connect(mark_activity, dispatch_uid="opkoers.core.mark_activity")
