"""Helpers shared by the account services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models


def apply_changes(obj: models.Model, values: Mapping[str, Any]) -> list[str]:
    """Sets the values that differ and returns the names of the changed fields: the
    audit row records which fields changed, never their (personal) contents."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed
