from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from acculture.people import views
from acculture.people.forms import PasswordResetForm

app_name = "people"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="people/password_reset.html",
            email_template_name="people/email/password_reset.txt",
            subject_template_name="people/email/password_reset_subject.txt",
            success_url=reverse_lazy("people:password-reset-sent"),
        ),
        name="password-reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="people/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="people/password_reset_confirm.html",
            success_url=reverse_lazy("people:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="people/password_reset_complete.html"),
        name="password-reset-complete",
    ),
    path("me/", views.me, name="me"),
    path("me/tokens/", views.tokens, name="tokens"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("staff/import/", views.import_upload, name="import"),
    path("staff/import/<int:pk>/", views.import_detail, name="import-detail"),
    path("staff/import/<int:pk>/apply/", views.import_apply, name="import-apply"),
    path("staff/export.csv", views.export, name="export"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/withdraw/", views.role_revoke, name="role-revoke"),
]
