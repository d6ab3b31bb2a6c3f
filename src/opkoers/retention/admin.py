from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from opkoers.retention.models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin[RetentionRun]):
    """Read-only: the runs are the record of what the job did."""

    list_display = ["started_at", "finished_at", "dry_run", "trigger", "cases_total"]
    list_filter = ["dry_run", "trigger"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
