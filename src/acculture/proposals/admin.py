from django.contrib import admin

from acculture.proposals.models import Proposal, ProposalStep


class StepInline(admin.TabularInline):
    model = ProposalStep
    extra = 0
    readonly_fields = ("status", "by", "at", "note")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "status", "submitted_at", "answer_due_on")
    list_filter = ("status", "organisation")
    search_fields = ("title",)
    raw_id_fields = ("author",)
    inlines = [StepInline]
