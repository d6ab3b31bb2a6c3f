"""Static files as collected for production (WhiteNoise's manifest storage)."""

from collections.abc import Iterable
from typing import Any

from django.contrib.staticfiles.finders import FileSystemFinder

# The design-tokens package ships `background-image-icon.css`, which points to SVG icons
# the package does not contain: the manifest storage refuses it with a MissingFileError,
# so a plain `collectstatic` under production settings failed. The app never links that
# stylesheet, nor the packages' Sass, Less and type sources.
UNUSED_VENDOR_FILES = ["background-image-icon.css", "*.scss", "*.less", "*.d.ts"]


class VendorAwareFileSystemFinder(FileSystemFinder):
    """STATICFILES_DIRS without the npm packages' files the app does not use. (A finder
    rather than a custom staticfiles AppConfig: pytest-django's live server serves static
    files only when INSTALLED_APPS names django.contrib.staticfiles literally.)"""

    def list(self, ignore_patterns: Any) -> Iterable[Any]:
        return super().list([*(ignore_patterns or []), *UNUSED_VENDOR_FILES])
