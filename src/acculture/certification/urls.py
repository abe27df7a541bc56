from django.urls import path

from acculture.certification import session_views, views

app_name = "certification"

urlpatterns = [
    # A person: join a session, take the test, their certificates.
    path("", views.index, name="index"),
    path("test/<int:pk>/", views.test, name="test"),
    path("test/<int:pk>/start/", views.test_start, name="test-start"),
    path("certificates/<str:code>/", views.certificate_detail, name="certificate-detail"),
    path("certificates/<str:code>/certificate.pdf", views.certificate_pdf_download, name="certificate-pdf"),
    path(
        "certificates/<str:code>/credential.jwt", views.certificate_credential, name="certificate-credential"
    ),
    path("certificates/<str:code>/share/", views.certificate_share, name="certificate-share"),
    path("certificates/<str:code>/revoke/", views.certificate_revoke, name="certificate-revoke"),
    # The proctor (and the CDO's review).
    path("sessions/", session_views.session_list, name="session-list"),
    path("sessions/new/", session_views.session_create, name="session-create"),
    path("sessions/<int:pk>/", session_views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/candidates/", session_views.session_enrol, name="session-enrol"),
    path("sessions/<int:pk>/candidates/import/", session_views.session_import, name="session-import"),
    # "end" first: it is a page of its own (a reason to give), not a one-click action.
    path(
        "sessions/<int:pk>/candidates/<int:candidate_pk>/end/",
        session_views.candidate_end,
        name="candidate-end",
    ),
    path(
        "sessions/<int:pk>/candidates/<int:candidate_pk>/<str:action>/",
        session_views.candidate_action,
        name="candidate-action",
    ),
    path("sessions/<int:pk>/incidents/new/", session_views.incident_create, name="incident-create"),
    path(
        "sessions/<int:pk>/incidents/<int:incident_pk>/validate/",
        session_views.incident_validate,
        name="incident-validate",
    ),
    path("sessions/<int:pk>/finalise/", session_views.session_finalise, name="session-finalise"),
    path("sessions/<int:pk>/publish/", session_views.session_publish, name="session-publish"),
    # Public, no sign-in: checking a credential, the issuer's profile and keys.
    path("check/", views.credential_check, name="credential-check"),
    path("issuer.json", views.issuer, name="issuer"),
    path("jwks.json", views.jwks, name="jwks"),
    path("frameworks/<str:code>/", views.framework, name="framework"),
]
