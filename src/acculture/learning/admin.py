from django.contrib import admin

from acculture.learning.models import AllowancePolicy, TimeEntry


@admin.register(AllowancePolicy)
class AllowancePolicyAdmin(admin.ModelAdmin):
    list_display = ("organisation", "unit", "minutes_per_month", "effective_from", "requires_approval")
    list_filter = ("organisation",)
    raw_id_fields = ("unit", "created_by")


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):
    list_display = ("person", "date", "source", "minutes", "status")
    list_filter = ("source", "status")
    raw_id_fields = ("person", "approved_by")
    search_fields = ("reference",)
