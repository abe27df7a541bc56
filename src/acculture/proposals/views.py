"""Shadow-committee pages: every member of staff reads the proposals and leadership's
answers and may support them; champions write them; leadership decides."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.people.policy import Perm, forbidden, require, require_staff_member
from acculture.proposals import selectors, services
from acculture.proposals.forms import DecisionForm, ProposalForm
from acculture.proposals.models import Proposal

PAGE_SIZE = 25


def _proposal(request, pk) -> Proposal:
    # Another organisation's proposal is "not found", never "forbidden".
    return get_object_or_404(
        selectors.proposals_for(request.actor.organisation, viewer=request.actor.person), pk=pk
    )


@require_staff_member
def index(request):
    status = request.GET.get("status", "")
    if status not in Proposal.Status.values:
        status = ""
    organisation = request.actor.organisation
    context = {
        "page": Paginator(
            selectors.proposals_for(organisation, viewer=request.actor.person, status=status), PAGE_SIZE
        ).get_page(request.GET.get("page")),
        "counts": selectors.proposal_counts(organisation),
        "statuses": Proposal.Status.choices,
        "status": status,
        "today": timezone.localdate(),
        "can_submit": request.actor.can(Perm.PROPOSALS_SUBMIT),
    }
    return render(request, "proposals/index.html", context)


@require(Perm.PROPOSALS_SUBMIT)
def create(request):
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(author=request.actor.person, **form.cleaned_data)
        except services.ProposalRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("Your proposal is sent to leadership. Colleagues can now support it.")
            )
            return redirect("proposals:detail", proposal.pk)
    return render(request, "proposals/form.html", {"form": form}, status=400 if form.errors else 200)


@require_staff_member
def detail(request, pk):
    proposal = _proposal(request, pk)
    context = {
        "proposal": proposal,
        "steps": proposal.steps.select_related("by"),
        "today": timezone.localdate(),
        "decision_form": DecisionForm(proposal=proposal)
        if request.actor.can(Perm.PROPOSALS_DECIDE) and proposal.next_statuses()
        else None,
        "is_author": proposal.author_id == request.actor.person.pk,
    }
    return render(request, "proposals/detail.html", context)


@require_staff_member
def edit(request, pk):
    proposal = _proposal(request, pk)
    if proposal.author_id != request.actor.person.pk:
        return forbidden(request, _("Only the person who wrote this proposal can change it."))
    initial = {"title": proposal.title, "problem": proposal.problem, "proposal": proposal.proposal}
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_edit(
                proposal=proposal, editor=request.actor.person, title=data["title"],
                problem=data["problem"], text=data["proposal"],
            )  # fmt: skip
        except services.ProposalRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your proposal is updated."))
            return redirect("proposals:detail", proposal.pk)
    return render(
        request,
        "proposals/form.html",
        {"form": form, "proposal": proposal},
        status=400 if form.errors else 200,
    )


@require_staff_member
@require_POST
def support(request, pk):
    proposal = _proposal(request, pk)
    try:
        if request.POST.get("action") == "withdraw":
            services.support_withdraw(proposal=proposal, person=request.actor.person)
            messages.success(request, _("You no longer support this proposal."))
        else:
            services.support_give(proposal=proposal, person=request.actor.person)
            messages.success(request, _("Thank you: your support is counted."))
    except services.ProposalRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("proposals:detail", proposal.pk)


@require(Perm.PROPOSALS_DECIDE)
@require_POST
def decide(request, pk):
    proposal = _proposal(request, pk)
    if request.POST.get("status") == proposal.status:  # a replayed form: nothing to do twice
        messages.info(request, _("This decision was already saved."))
        return redirect("proposals:detail", proposal.pk)
    form = DecisionForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            services.proposal_move(
                proposal=proposal, by=request.actor.person, status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except services.ProposalRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The decision is saved. Everyone on the staff can read it."))
            return redirect("proposals:detail", proposal.pk)
    context = {
        "proposal": proposal, "steps": proposal.steps.select_related("by"), "today": timezone.localdate(),
        "decision_form": form, "form": form, "is_author": proposal.author_id == request.actor.person.pk,
    }  # fmt: skip
    return render(request, "proposals/detail.html", context, status=400)
