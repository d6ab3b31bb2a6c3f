"""manage.py load_demo: the fictional demo set, once, and the demo logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opkoers.demo.data import DEMO_PASSWORD, demo_logins, load_demo


class Command(BaseCommand):
    help = "Laadt de fictieve demodata (één keer) en toont de demo-logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demodata laden kan niet in productie.")
        if load_demo():
            self.stdout.write(
                self.style.SUCCESS("Demodata geladen (alle personen zijn verzonnen).")
            )
        else:
            self.stdout.write("Demodata stond er al; niets dubbel geladen.")
        self.stdout.write("\nOp Koers draait op http://127.0.0.1:8000\n")
        self.stdout.write(f"Demo-logins (wachtwoord voor iedereen: {DEMO_PASSWORD})")
        for login in demo_logins():
            self.stdout.write(
                f"  {login.username:<8} {login.name:<20} {login.role:<22} {login.organisation}"
            )
