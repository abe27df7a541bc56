from django.contrib import admin

from acculture.certification.models import Candidate, Certificate, CertificationSession, Incident


@admin.register(CertificationSession)
class CertificationSessionAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "place", "organisation", "status"]
    list_filter = ["status"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["person", "session", "stage", "outcome"]
    raw_id_fields = ["person", "session", "assessment"]


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ["session", "category", "validated", "recorded_at"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "person", "overall_level", "issued_on", "expires_on", "revoked_at"]
    search_fields = ["code"]
    raw_id_fields = ["person", "candidate"]
