from django.apps import apps as django_apps
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.db.models import Count
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.people import selectors, services
from acculture.people.forms import ApiTokenForm, LoginForm, RoleGrantForm, StaffImportForm
from acculture.people.models import GRANTABLE_ROLES, ApiToken, RoleGrant, StaffImport
from acculture.people.policy import Perm, require, require_staff_member
from acculture.people.staff_files import COLUMNS, REQUIRED


def _client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def login(request):
    if request.actor.is_authenticated:
        return redirect("home")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        address = _client_address(request)
        if services.login_is_throttled(email=email, address=address):
            form.add_error(
                None, _("Too many attempts. Wait 15 minutes, or reset your password with the link below.")
            )
            status = 429
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            services.login_attempt_record(email=email, address=address, succeeded=user is not None)
            if user is not None:
                auth_login(request, user)
                return redirect(next_url or "home")
            form.add_error(
                None, _("The e-mail address or the password is not right. Check both and try again.")
            )
    return render(request, "people/login.html", {"form": form, "next": next_url}, status=status)


@require_POST
def logout(request):
    auth_logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("people:login")


@require_staff_member
def home(request):
    actor = request.actor
    context = {
        "roles": sorted(actor.roles, key=lambda r: list(type(r)).index(r)),
        "can": {perm.name: actor.can(perm) for perm in Perm},
    }
    if actor.can(Perm.TEAM_AGGREGATES):
        context["team"] = selectors.team_summary(manager=actor.person)
    # Each app may add its own card (AppConfig.home_card, a template that decides, from
    # `can` and `actor`, whether it shows anything).
    context["app_cards"] = [
        config.home_card for config in django_apps.get_app_configs() if getattr(config, "home_card", None)
    ]
    return render(request, "people/home.html", context)


@require_staff_member
def me(request):
    person = request.actor.person
    return render(request, "people/me.html", {"person": person})


@require_staff_member
def tokens(request):
    """A person's own API tokens. A new token is shown once, on the page that answers the
    POST (never through a redirect, a message or the session), and never again."""
    person = request.actor.person
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        api_token, token = services.api_token_create(person=person, name=form.cleaned_data["name"])
        created = {"api_token": api_token, "token": token}
        form = ApiTokenForm()
    response = render(
        request,
        "people/tokens.html",
        {"form": form, "created": created, "tokens": ApiToken.objects.filter(person=person)},
        status=400 if form.errors else 200,
    )
    if created:
        response["Cache-Control"] = "no-store"  # the token must not sit in a cache or history
    return response


@require_staff_member
@require_POST
def token_revoke(request, pk):
    api_token = get_object_or_404(ApiToken, pk=pk, person=request.actor.person)
    services.api_token_revoke(api_token=api_token)
    messages.success(
        request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": api_token.name}
    )
    return redirect("people:tokens")


@require(Perm.PEOPLE_IMPORT)
def import_upload(request):
    form = StaffImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        staff_import = services.staff_import_check(
            organisation=request.actor.organisation,
            uploaded_by=request.user,
            data=upload.read(),
            filename=upload.name,
            deactivate_missing=form.cleaned_data["deactivate_missing"],
        )
        return redirect("people:import-detail", pk=staff_import.pk)
    return render(
        request,
        "people/import_upload.html",
        {
            "form": form,
            "columns": COLUMNS,
            "required": REQUIRED,
            "recent": selectors.recent_imports(request.actor.organisation),
        },
        status=400 if form.errors else 200,
    )


@require(Perm.PEOPLE_IMPORT)
def import_detail(request, pk):
    staff_import = get_object_or_404(StaffImport, pk=pk, organisation=request.actor.organisation)
    return render(
        request, "people/import_detail.html", {"staff_import": staff_import, "report": staff_import.report}
    )


@require(Perm.PEOPLE_IMPORT)
@require_POST
def import_apply(request, pk):
    staff_import = get_object_or_404(StaffImport, pk=pk, organisation=request.actor.organisation)
    report = services.staff_import_apply(staff_import=staff_import, actor=request.user)
    if report is None:
        messages.info(request, _("This file was already imported. Nothing was changed again."))
    elif report.ok:
        messages.success(request, report.summary())
    else:
        messages.error(request, _("The staff list changed since the check. Check the file again."))
    return redirect("people:import-detail", pk=pk)


class _Echo:
    def write(self, value):
        return value


@require(Perm.PEOPLE_EXPORT)
def export(request):
    import csv

    organisation = request.actor.organisation
    services.audit_record(
        actor=request.user, organisation=organisation, action="people.export", subject="staff-list"
    )
    writer = csv.writer(_Echo(), lineterminator="\r\n")

    def lines():
        yield "\ufeff"  # so that spreadsheet software reads the accents right
        for row in services.people_export_rows(organisation=organisation):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="staff-{organisation.slug}.csv"'
    return response


@require(Perm.ROLES_MANAGE)
def roles(request):
    organisation = request.actor.organisation
    form = RoleGrantForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.role_grant(person=form.person, role=form.cleaned_data["role"], granted_by=request.user)
        messages.success(
            request,
            _("%(name)s now has the role “%(role)s”.")
            % {
                "name": form.person.full_name,
                "role": dict(form.fields["role"].choices)[form.cleaned_data["role"]],
            },
        )
        return redirect("people:roles")
    grants = (
        RoleGrant.objects.filter(person__organisation=organisation)
        .select_related("person", "person__unit")
        .order_by("role", "person__last_name")
    )
    counts = dict(grants.values_list("role").annotate(n=Count("id")).values_list("role", "n"))
    return render(
        request,
        "people/roles.html",
        {"form": form, "grants": grants, "counts": counts, "grantable": GRANTABLE_ROLES},
        status=400 if form.errors else 200,
    )


@require(Perm.ROLES_MANAGE)
@require_POST
def role_revoke(request, pk):
    grant = get_object_or_404(RoleGrant, pk=pk, person__organisation=request.actor.organisation)
    services.role_revoke(person=grant.person, role=grant.role, revoked_by=request.user)
    messages.success(request, _("The role was withdrawn."))
    return redirect(reverse("people:roles"))


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Nothing, on purpose: pages say `<link rel="icon" href="data:,">`, but a browser still
    asks for /favicon.ico after a page without one (plain text such as /healthz). As a 404,
    that request rendered a page with a CSRF token, whose new cookie could arrive after the
    login page's own and make the first sign-in fail ("CSRF token incorrect")."""
    response = HttpResponse(status=204)
    response["Cache-Control"] = "max-age=86400"
    return response
