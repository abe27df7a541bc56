from django.contrib import admin

from acculture.webhooks.models import Delivery, Endpoint


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "format", "is_active")
    list_filter = ("format", "is_active")
    exclude = ("secret",)  # shown to the organisation's CDO on their own page only


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "endpoint", "status", "attempts", "created_at")
    list_filter = ("status",)
    readonly_fields = ("endpoint", "event", "title", "url", "data", "status", "attempts", "next_attempt_at")
