from django.contrib import admin

from acculture.wins.models import Win


@admin.register(Win)
class WinAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "created_at", "featured_at")
    list_filter = ("organisation",)
    search_fields = ("title",)
    raw_id_fields = ("author", "unit", "site", "featured_by")
    filter_horizontal = ("competences",)
