"""Campaign pages: HR and the CDO run campaigns; managers follow their units' completion.

Every campaign is looked up in the actor's own organisation (`_campaign`), so anyone
else, whatever their role, meets a 404.
"""

import csv

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from acculture.assessments import campaign_selectors as selectors
from acculture.assessments import campaign_services as services
from acculture.assessments.campaign_forms import (
    CampaignAudienceForm,
    CampaignCompetencesForm,
    CampaignDetailsForm,
)
from acculture.assessments.models import Campaign
from acculture.people.models import HierarchyLevel
from acculture.people.policy import Perm, require
from acculture.people.services import audit_record


def _campaign(request, pk, *, draft: bool = False) -> Campaign:
    campaign = get_object_or_404(
        Campaign.objects.select_related("framework", "organisation"),
        pk=pk,
        organisation=request.actor.organisation,
    )
    if draft and campaign.status != Campaign.Status.DRAFT:
        raise Http404
    return campaign


def _unit_param(request) -> int | None:
    value = request.GET.get("unit", "")
    return int(value) if value.isdigit() else None


@require(Perm.CAMPAIGNS_MANAGE)
def campaign_list(request):
    campaigns = selectors.campaigns_for(request.actor.organisation)
    return render(
        request, "assessments/campaigns/list.html", {"campaigns": campaigns, "today": timezone.localdate()}
    )


@require(Perm.CAMPAIGNS_MANAGE)
def campaign_create(request):
    form = CampaignDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = services.campaign_create(
            organisation=request.actor.organisation, created_by=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("The draft is saved. Choose the competences and the audience, then launch.")
        )
        return redirect("assessments:campaign-detail", pk=campaign.pk)
    return render(
        request,
        "assessments/campaigns/details_form.html",
        {"form": form, "campaign": None},
        status=400 if form.errors else 200,
    )


@require(Perm.CAMPAIGNS_MANAGE)
def campaign_detail(request, pk):
    """The "check and launch" page of a draft; the summary and actions once launched."""
    campaign = _campaign(request, pk)
    context = {
        "campaign": campaign,
        "competences": list(campaign.competences.select_related("domain")),
        "units": list(campaign.units.all()),
        "sites": list(campaign.sites.all()),
        "levels": [HierarchyLevel(level).label for level in campaign.hierarchy_levels],
        "min_group_size": settings.MIN_GROUP_SIZE,
    }
    if campaign.status == Campaign.Status.DRAFT:
        context["audience_size"] = selectors.audience_size(campaign)
    else:
        context["invited"] = campaign.invitations.count()
        context["newcomers"] = services.campaign_newcomers_count(campaign)
    return render(request, "assessments/campaigns/detail.html", context)


@require(Perm.CAMPAIGNS_MANAGE)
def campaign_edit(request, pk):
    """The details of a draft; only the message and the closing date once launched."""
    campaign = _campaign(request, pk)
    form = CampaignDetailsForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        services.campaign_update(campaign=campaign, **form.cleaned_data)
        messages.success(request, _("Your changes are saved."))
        return redirect("assessments:campaign-detail", pk=campaign.pk)
    return render(
        request,
        "assessments/campaigns/details_form.html",
        {"form": form, "campaign": campaign},
        status=400 if form.errors else 200,
    )


@require(Perm.CAMPAIGNS_MANAGE)
def campaign_competences(request, pk):
    campaign = _campaign(request, pk, draft=True)
    form = CampaignCompetencesForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        services.campaign_update(campaign=campaign, competences=form.chosen())
        messages.success(request, _("Your changes are saved."))
        return redirect("assessments:campaign-detail", pk=campaign.pk)
    return render(
        request,
        "assessments/campaigns/competences_form.html",
        {"form": form, "campaign": campaign},
        status=400 if form.errors else 200,
    )


@require(Perm.CAMPAIGNS_MANAGE)
def campaign_audience(request, pk):
    campaign = _campaign(request, pk, draft=True)
    form = CampaignAudienceForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        services.campaign_update(
            campaign=campaign,
            units=list(form.cleaned_data["units"]),
            include_subunits=form.cleaned_data["include_subunits"],
            sites=list(form.cleaned_data["sites"]),
            hierarchy_levels=form.cleaned_data["hierarchy_levels"],
        )
        messages.success(request, _("Your changes are saved."))
        return redirect("assessments:campaign-detail", pk=campaign.pk)
    return render(
        request,
        "assessments/campaigns/audience_form.html",
        {"form": form, "campaign": campaign},
        status=400 if form.errors else 200,
    )


@require(Perm.CAMPAIGNS_MANAGE)
@require_POST
def campaign_launch(request, pk):
    campaign = _campaign(request, pk)
    try:
        outcome = services.campaign_launch(campaign=campaign, actor=request.user)
    except services.CampaignRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("assessments:campaign-detail", pk=campaign.pk)
    if outcome.already_launched:
        messages.info(request, _("This campaign was already launched. Nothing was changed again."))
    else:
        messages.success(
            request,
            ngettext(
                "The campaign is launched: %(n)s person is invited and gets an e-mail.",
                "The campaign is launched: %(n)s people are invited and get an e-mail.",
                outcome.invited,
            )
            % {"n": outcome.invited},
        )
    return redirect("assessments:campaign-detail", pk=campaign.pk)


@require(Perm.CAMPAIGNS_MANAGE)
@require_POST
def campaign_invite_newcomers(request, pk):
    campaign = _campaign(request, pk)
    try:
        outcome = services.campaign_invite_newcomers(campaign=campaign, actor=request.user)
    except services.CampaignRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("assessments:campaign-detail", pk=campaign.pk)
    if outcome.invited:
        messages.success(
            request,
            ngettext(
                "%(n)s newcomer is invited and gets an e-mail.",
                "%(n)s newcomers are invited and get an e-mail.",
                outcome.invited,
            )
            % {"n": outcome.invited},
        )
    else:
        messages.info(request, _("Everyone in the audience is already invited. Nobody was invited again."))
    return redirect("assessments:campaign-detail", pk=campaign.pk)


@require(Perm.CAMPAIGNS_MANAGE)
@require_POST
def campaign_remind(request, pk):
    campaign = _campaign(request, pk)
    if not campaign.is_open():
        messages.error(request, _("Reminders go only while the campaign is open."))
    else:
        services.campaign_reminders_enqueue(campaign=campaign)
        messages.success(
            request,
            _(
                "Reminders are on their way to the people who have not finished and had no e-mail for a while."
            ),
        )
    return redirect("assessments:campaign-detail", pk=campaign.pk)


def _completion_context(tree, unit_id):
    node = tree.node(unit_id)
    if node is None or (unit_id is not None and not node.shown):
        raise Http404
    rows = [child for child in node.children if child.total.invited]
    return {"tree": tree, "node": node, "rows": rows, "min_group_size": tree.min_group_size}


@require(Perm.CAMPAIGNS_MANAGE)
def campaign_completion(request, pk):
    campaign = _campaign(request, pk)
    tree = selectors.completion_tree(campaign)
    context = _completion_context(tree, _unit_param(request))
    context.update(
        campaign=campaign, scope_label=_("Everyone invited"), drill="assessments:campaign-completion"
    )
    return render(request, "assessments/campaigns/completion.html", context)


class _Echo:
    def write(self, value):
        return value


@require(Perm.CAMPAIGNS_MANAGE)
def campaign_completion_csv(request, pk):
    campaign = _campaign(request, pk)
    tree = selectors.completion_tree(campaign)
    audit_record(
        actor=request.user,
        organisation=campaign.organisation,
        action="campaign.completion_export",
        subject=f"campaign:{campaign.pk}",
    )
    minimum = tree.min_group_size
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.pk}-completion.csv"'
    response.write("\ufeff")  # so that spreadsheet software reads the accents right
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(
        [_("Unit"), _("Invited"), _("Started"), _("Completed"), _("Completion rate (%)"), _("Note")]
    )
    for row in selectors.completion_rows(tree):
        node = row["node"]
        name = node.unit.path if node.unit else _("Everyone invited")
        if node.shown:
            total = node.total
            writer.writerow([name, total.invited, total.started, total.completed, total.rate, ""])
        else:
            writer.writerow([name, "", "", "", "", _note(node, minimum)])
    return response


def _note(node, minimum) -> str:
    if node.status == "small":
        return _("Fewer than %(n)s people") % {"n": minimum}
    return _("Not shown, so that a smaller group cannot be worked out")


# --- Managers ---------------------------------------------------------------------------


@require(Perm.TEAM_AGGREGATES)
def team_campaigns(request):
    unit_ids = selectors.units_headed_by(request.actor.person)
    campaigns = selectors.campaigns_for_units(request.actor.organisation, unit_ids) if unit_ids else []
    return render(request, "assessments/campaigns/team_list.html", {"campaigns": campaigns})


@require(Perm.TEAM_AGGREGATES)
def team_completion(request, pk):
    unit_ids = selectors.units_headed_by(request.actor.person)
    campaign = get_object_or_404(selectors.campaigns_for_units(request.actor.organisation, unit_ids), pk=pk)
    tree = selectors.completion_tree(campaign, unit_ids=unit_ids)
    context = _completion_context(tree, _unit_param(request))
    context.update(
        campaign=campaign, scope_label=_("Your units"), drill="assessments:campaign-team-completion"
    )
    return render(request, "assessments/campaigns/completion.html", context)
