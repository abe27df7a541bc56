from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from acculture.people.models import AuditEvent, Organisation, Person, RoleGrant, Site, Unit, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["path", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["path"]
    raw_id_fields = ["parent"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = [
        "employee_number",
        "last_name",
        "first_name",
        "organisation",
        "hierarchy_level",
        "is_active",
    ]
    list_filter = ["organisation", "hierarchy_level", "is_active"]
    search_fields = ["employee_number", "last_name", "email"]
    raw_id_fields = ["unit", "site", "manager", "user"]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "granted_at"]
    list_filter = ["role"]
    raw_id_fields = ["person", "granted_by"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "subject"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False  # the audit log is append-only

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_staff", "is_superuser", "is_active"]
