"""Where signed consent scans live: under MEDIA_ROOT, which no URL serves. The only way
out is the permission-checked, audited download view."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    def url(self, name: str | None) -> str:
        raise ValueError("private files have no public URL; use the download view")


private_storage = PrivateStorage()
