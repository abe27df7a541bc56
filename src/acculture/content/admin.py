from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from acculture.content.models import Item, ItemStatusChange, Tutorial
from acculture.content.services import ItemStatusError, item_status_change


class ItemStatusChangeInline(admin.TabularInline):
    model = ItemStatusChange
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _move(to: str, label):
    def action(modeladmin, request, queryset):
        moved = 0
        for item in queryset:
            try:
                item_status_change(item=item, to=to, by=request.user, note="admin action")
                moved += 1
            except ItemStatusError as exc:
                modeladmin.message_user(request, exc.messages[0], messages.ERROR)
        if moved:
            modeladmin.message_user(
                request, _("%(n)d item(s) moved to %(status)s.") % {"n": moved, "status": label}
            )

    action.__name__ = f"move_to_{to}"
    action.short_description = _("Move the selected items to %(status)s") % {"status": label}
    return action


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Browse and move items. Their text comes from the files under content/, so it is
    read-only here: an edit belongs in the file, reviewed like code."""

    list_display = [
        "code",
        "competence_code",
        "level",
        "type",
        "status",
        "for_practice",
        "for_certification",
        "for_pretest",
        "attachment",
        "preview_link",
    ]
    list_filter = [
        "status",
        "competence__code",
        "level",
        "type",
        "for_practice",
        "for_certification",
        "for_pretest",
    ]
    search_fields = ["code", "topic", "stem_fr", "stem_en", "author", "reviewer"]
    list_select_related = ["competence"]
    actions = [
        _move(Item.Status.LIVE, Item.Status.LIVE.label),
        _move(Item.Status.RETIRED, Item.Status.RETIRED.label),
        _move(Item.Status.DRAFT, Item.Status.DRAFT.label),
    ]
    inlines = [ItemStatusChangeInline]
    exclude = ["tutorials"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # responses point at items: retire them instead

    @admin.display(description=_("competence"), ordering="competence__order")
    def competence_code(self, item):
        return item.competence.code

    @admin.display(description=_("preview"))
    def preview_link(self, item):
        return format_html(
            '<a href="{}">{}</a>', reverse("content:item-preview", args=[item.code]), _("preview")
        )


@admin.register(Tutorial)
class TutorialAdmin(admin.ModelAdmin):
    list_display = ["code", "competence", "level", "duration_minutes", "is_active"]
    list_filter = ["competence__code", "level", "is_active"]
    search_fields = ["code", "title_fr", "title_en"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False
