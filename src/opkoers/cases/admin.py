from django.contrib import admin

from opkoers.cases.models import ResultKind


@admin.register(ResultKind)
class ResultKindAdmin(admin.ModelAdmin):
    """The factsheet's result list is data: the functional admin keeps it current.
    A kind in use cannot be deleted (CaseResult protects it); deactivate it instead."""

    list_display = ("name", "domain", "active", "order")
    list_editable = ("active", "order")
    list_filter = ("active", "domain")
    search_fields = ("name",)
    ordering = ("order", "name")
