"""Champions pages: the directory for everyone, putting oneself or a report forward, the
champion's profile, and the CDO's decisions, suggestions and coverage."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.champions import selectors, services
from acculture.champions.forms import (
    DecisionForm,
    DirectorySearchForm,
    ManagerNominationForm,
    ProfileForm,
    SelfNominationForm,
)
from acculture.champions.models import ChampionProfile, Nomination
from acculture.people.models import Person, Role, Unit
from acculture.people.policy import Perm, forbidden, require, require_staff_member
from acculture.people.services import audit_record


@require_staff_member
def directory(request):
    organisation = request.actor.organisation
    form = DirectorySearchForm(request.GET or None, organisation=organisation)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.directory(
        organisation, q=(filters.get("q") or "").strip(), competence=filters.get("competence"),
        site=filters.get("site"), language=filters.get("language") or "",
    )  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "champions/directory.html",
        {"form": form, "page": page, "query": query.urlencode(), "searched": bool(filters and any(filters.values()))},
    )  # fmt: skip


@require_staff_member
def me(request):
    """Where a person stands: champion or not, their nominations, putting themselves forward."""
    person = request.actor.person
    form = SelfNominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_create(
                person=person, source=Nomination.Source.SELF, nominated_by=person,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except services.ChampionsRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Thank you. The Chief Digital Officer will read it and tell you."))
            return redirect("champions:me")
    context = {
        "form": form,
        "is_champion": request.actor.has_role(Role.CHAMPION),
        "nominations": Nomination.objects.filter(person=person)
        .select_related("nominated_by")
        .order_by("-created_at"),
        "pending": Nomination.objects.filter(person=person, status=Nomination.Status.PENDING).exists(),
    }
    return render(request, "champions/me.html", context, status=400 if form.errors else 200)


@require_staff_member
@require_POST
def withdraw(request, pk):
    person = request.actor.person
    # Found only by the person or whoever put them forward: anyone else meets "not found".
    nomination = get_object_or_404(
        Nomination.objects.filter(Q(person=person) | Q(nominated_by=person)),
        pk=pk,
        organisation=person.organisation,
    )
    try:
        services.nomination_withdraw(nomination=nomination, by=person)
    except services.ChampionsRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The nomination is withdrawn."))
    return redirect("champions:me")


@require_staff_member
@require_POST
def step_down(request):
    if services.champion_step_down(person=request.actor.person):
        messages.success(request, _("You are no longer a champion. Thank you for your help."))
    return redirect("champions:me")


# Managers are whoever has someone reporting to them; TEAM_AGGREGATES is the permission
# every manager holds, so it stands for "is a manager" here.
@require(Perm.TEAM_AGGREGATES)
def nominate(request):
    manager = request.actor.person
    form = ManagerNominationForm(request.POST or None, organisation=manager.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.nomination_create(
                person=form.cleaned_data["person"], source=Nomination.Source.MANAGER, nominated_by=manager,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except services.ChampionsRefused as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(
                request,
                _("Thank you. %(name)s is put forward; the Chief Digital Officer will decide.")
                % {"name": nomination.person.full_name},
            )
            return redirect("champions:nominate")
    sent = (
        Nomination.objects.filter(nominated_by=manager).select_related("person").order_by("-created_at")[:50]
    )
    return render(
        request, "champions/nominate.html", {"form": form, "sent": sent}, status=400 if form.errors else 200
    )


@require_staff_member
def profile(request):
    person = request.actor.person
    if not request.actor.has_role(Role.CHAMPION):
        return forbidden(request, _("Only champions have a profile in the directory."))
    current, _created = ChampionProfile.objects.get_or_create(
        person=person, defaults={"organisation": person.organisation, "site": person.site}
    )
    initial = {
        "how_i_help": current.how_i_help, "competences": list(current.competences.all()), "site": current.site,
        "availability": current.availability, "languages": current.language_codes, "listed": current.listed,
        "show_email": current.show_email, "show_unit": current.show_unit,
    }  # fmt: skip
    form = ProfileForm(request.POST or None, initial=initial, organisation=person.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(person=person, **form.cleaned_data)
        except services.ChampionsRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your profile is saved. This is what colleagues see."))
            return redirect("champions:me")
    return render(
        request,
        "champions/profile.html",
        {"form": form, "profile": current},
        status=400 if form.errors else 200,
    )


@require(Perm.CHAMPIONS_MANAGE)
def manage(request):
    organisation = request.actor.organisation
    context = {
        "pending": selectors.pending_nominations(organisation),
        "decided": Nomination.objects.filter(organisation=organisation)
        .exclude(status=Nomination.Status.PENDING)
        .select_related("person", "decided_by")
        .order_by("-decided_at")[:20],
        "coverage": selectors.coverage(organisation),
    }
    return render(request, "champions/manage.html", context)


@require(Perm.CHAMPIONS_MANAGE)
def decide(request, pk):
    organisation = request.actor.organisation
    nomination = get_object_or_404(
        Nomination.objects.select_related("person", "person__unit", "person__site", "nominated_by"),
        pk=pk, organisation=organisation,
    )  # fmt: skip
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.nomination_decide(
                nomination=nomination,
                decided_by=request.user,
                accept=accept,
                reason=form.cleaned_data["reason"],
            )
        except services.ChampionsRefused as refusal:
            messages.error(request, str(refusal))
        else:
            if accept:
                messages.success(
                    request, _("%(name)s is now a champion.") % {"name": nomination.person.full_name}
                )
            else:
                messages.success(request, _("The nomination is declined; %(name)s will be told why.")
                                 % {"name": nomination.person.full_name})  # fmt: skip
        return redirect("champions:manage")
    return render(request, "champions/decide.html", {"form": form, "nomination": nomination},
                  status=400 if form.errors else 200)  # fmt: skip


@require(Perm.CHAMPIONS_MANAGE)
def suggestions(request):
    organisation = request.actor.organisation
    found = selectors.suggestions(organisation)
    # The list rests on individual results: looking at it is an access to personal data.
    audit_record(actor=request.user, organisation=organisation, action="champions.suggestions_viewed",
                 subject="organisation", people=len(found))  # fmt: skip
    context = {
        "suggestions": found,
        "min_level": int(selectors.SUGGEST_MIN_LEVEL),
        "min_hours": selectors.SUGGEST_MIN_MINUTES // 60,
    }
    return render(request, "champions/suggestions.html", context)


@require(Perm.CHAMPIONS_MANAGE)
@require_POST
def suggest(request, pk):
    organisation = request.actor.organisation
    person = get_object_or_404(Person, pk=pk, organisation=organisation)
    try:
        services.nomination_create(
            person=person, source=Nomination.Source.SUGGESTED, nominated_by=request.actor.person,
            reason=_("Suggested from assessment results and participation."),
        )  # fmt: skip
    except services.ChampionsRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("%(name)s is put forward. Decide below.") % {"name": person.full_name})
    return redirect("champions:manage")


@require(Perm.CHAMPIONS_MANAGE)
def coverage(request):
    organisation = request.actor.organisation
    parent = None
    if unit_id := request.GET.get("unit"):
        if not unit_id.isdigit():
            return redirect("champions:coverage")
        parent = get_object_or_404(Unit, pk=unit_id, organisation=organisation)
    context = {"coverage": selectors.coverage(organisation, parent=parent), "ratio": settings.CHAMPION_RATIO}
    return render(request, "champions/coverage.html", context)
