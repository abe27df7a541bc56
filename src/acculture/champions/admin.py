from django.contrib import admin

from acculture.champions.models import ChampionProfile, Nomination


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ("person", "source", "status", "created_at", "decided_at")
    list_filter = ("status", "source")
    search_fields = ("person__last_name", "person__email")
    raw_id_fields = ("person", "nominated_by", "decided_by")

    def has_change_permission(self, request, obj=None):
        return False  # decisions go through the CDO's page, which grants the role


@admin.register(ChampionProfile)
class ChampionProfileAdmin(admin.ModelAdmin):
    list_display = ("person", "site", "listed", "updated_at")
    search_fields = ("person__last_name", "person__email")
    raw_id_fields = ("person",)
