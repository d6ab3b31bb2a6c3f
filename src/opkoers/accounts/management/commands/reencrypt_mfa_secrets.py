"""Key rotation for authenticator secrets: re-encrypts every secret with the first key
of OPKOERS_MFA_KEYS. Run it after putting a new key first; once it reports that all
secrets are done, the old key can be removed from the list."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from opkoers.accounts.models import TotpDevice
from opkoers.accounts.security.crypto import InvalidToken, rotate


class Command(BaseCommand):
    help = "Versleutelt alle geheimen van authenticator-apps opnieuw met de eerste sleutel."

    def handle(self, *args: Any, **options: Any) -> None:
        done = 0
        failed = 0
        ids = list(TotpDevice.objects.values_list("pk", flat=True))
        for pk in ids:
            with transaction.atomic():
                device = TotpDevice.objects.select_for_update().filter(pk=pk).first()
                if device is None:
                    continue
                try:
                    device.encrypted_key = rotate(device.encrypted_key)
                except InvalidToken:
                    failed += 1
                    continue
                device.save(update_fields=["encrypted_key"])
                done += 1
        self.stdout.write(f"{done} opnieuw versleuteld, {failed} niet te openen.")
        if failed:
            # Never print which person: the device id is enough for the admin's reset.
            raise CommandError(
                "Sommige geheimen opent geen enkele sleutel in OPKOERS_MFA_KEYS; laat die "
                "personen hun tweestapsverificatie opnieuw instellen."
            )
