from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from opkoers.accounts.models import Organisation, Team, TeamMembership, User


class MembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("Op Koers", {"fields": ("organisation", "role", "job_title", "phone")}),
    )
    list_display = ("username", "first_name", "last_name", "organisation", "role")
    inlines = [MembershipInline]


admin.site.register(Organisation)
admin.site.register(Team)
