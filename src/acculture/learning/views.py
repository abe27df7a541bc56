"""Learning-time pages: my time, declaring time, a manager's team, the CDO's policies."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.assessments.campaign_selectors import units_headed_by
from acculture.learning import exports, selectors, services
from acculture.learning.forms import DeclareForm, PolicyForm
from acculture.learning.models import AllowancePolicy, TimeEntry
from acculture.people.policy import Perm, require, require_staff_member


@require_staff_member
def index(request):
    person = request.actor.person
    context = {
        "balance": selectors.balance_for(person),
        "entries": selectors.entries_for(person)[:100],
        "today": timezone.localdate(),
    }
    return render(request, "learning/index.html", context)


@require_staff_member
def declare(request):
    form = DeclareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.time_entry_declare(
                person=request.actor.person,
                minutes=form.cleaned_data["minutes"],
                on=form.cleaned_data["date"],
                description=form.cleaned_data["description"],
                source=form.cleaned_data["source"],
            )
        except services.LearningRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            if entry.status == TimeEntry.Status.PENDING:
                messages.success(request, _("Thank you. Your manager will check it; then it counts."))
            else:
                messages.success(request, _("Thank you. Your time is counted."))
            return redirect("learning:index")
    return render(request, "learning/declare.html", {"form": form})


@require_staff_member
def export_json(request):
    body = json.dumps(exports.xapi_statements(request.actor.person), indent=1, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="learning-time.xapi.json"'
    return response


@require_staff_member
def export_csv(request):
    response = HttpResponse(exports.entries_csv(request.actor.person), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="learning-time.csv"'
    return response


@require(Perm.LEARNING_TEAM)
def team(request):
    manager = request.actor.person
    unit_ids = units_headed_by(manager)
    figures = selectors.team_figures(request.actor.organisation, unit_ids)
    pending = list(selectors.pending_for_manager(manager))
    return render(request, "learning/team.html", {"figures": figures, "pending": pending})


@require(Perm.LEARNING_TEAM)
@require_POST
def decide(request, pk):
    # Only a direct report's declaration is found: anyone else's is "not found".
    entry = get_object_or_404(TimeEntry, pk=pk, person__manager=request.actor.person)
    approve = request.POST.get("decision") == "approve"
    try:
        services.time_entry_decide(entry=entry, approver=request.actor.person, approve=approve)
    except services.LearningRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if approve:
            messages.success(request, _("The time is counted."))
        else:
            messages.success(request, _("The time is not counted."))
    return redirect("learning:team")


@require(Perm.LEARNING_POLICIES)
def policies(request):
    found = AllowancePolicy.objects.filter(organisation=request.actor.organisation).select_related(
        "unit", "function"
    )
    return render(request, "learning/policies.html", {"policies": found})


@require(Perm.LEARNING_POLICIES)
def policy_create(request):
    organisation = request.actor.organisation
    form = PolicyForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.allowance_policy_set(
                organisation=organisation, created_by=request.user, **form.cleaned_data
            )
        except services.LearningRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The learning-time policy is saved."))
            return redirect("learning:policies")
    return render(request, "learning/policy_form.html", {"form": form})
