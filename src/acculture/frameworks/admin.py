from django.contrib import admin

from acculture.frameworks.models import Alignment, AlignmentPair, Competence, Domain, Framework


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    fields = ["code", "name_fr", "name_en", "order"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    """Frameworks come from files (`acculture content load`); the admin only shows them."""

    list_display = ["code", "version", "name_en", "is_default", "loaded_at"]
    inlines = [DomainInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "framework", "domain"]
    list_filter = ["framework"]
    search_fields = ["code", "name_fr", "name_en"]

    def has_change_permission(self, request, obj=None):
        return False


class AlignmentPairInline(admin.TabularInline):
    model = AlignmentPair
    extra = 0


@admin.register(Alignment)
class AlignmentAdmin(admin.ModelAdmin):
    list_display = ["source", "target"]
    inlines = [AlignmentPairInline]

    def has_change_permission(self, request, obj=None):
        return False
