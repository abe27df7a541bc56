from django.contrib import admin

from acculture.circle.models import Category, ModerationAction, Thread


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "space", "order")
    list_filter = ("space", "organisation")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "author", "last_activity_at", "is_pinned", "is_locked", "is_hidden")
    list_filter = ("is_hidden", "is_locked")
    search_fields = ("title",)
    raw_id_fields = ("author", "category")
    readonly_fields = ("is_pinned", "is_locked", "is_hidden")  # moderation is recorded on the pages


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "thread", "moderator")

    def has_change_permission(self, request, obj=None):
        return False
