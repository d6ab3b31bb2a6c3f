"""Static files as collected for production (WhiteNoise's manifest storage)."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class OpkoersStaticFilesConfig(StaticFilesConfig):
    """Django's staticfiles app with more files left out of `collectstatic`.

    The design-tokens package ships `background-image-icon.css`, which points to SVG
    icons the package does not contain: the manifest storage refuses it with a
    MissingFileError, so a plain `collectstatic` under production settings failed. The
    app never links that stylesheet, nor the package's Sass, Less and type sources."""

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "background-image-icon.css",
        "*.scss",
        "*.less",
        "*.d.ts",
    ]
