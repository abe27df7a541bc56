"""Small-wins pages: the feed, posting and changing one's own win, kudos, featuring."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.people.policy import Perm, forbidden, require, require_staff_member
from acculture.wins import selectors, services
from acculture.wins.forms import FeedFilterForm, WinEditForm, WinForm
from acculture.wins.models import Win, WinImage

PAGE_SIZE = 20


def _win(request, pk) -> Win:
    # Another organisation's win is "not found", never "forbidden".
    return get_object_or_404(
        selectors.wins_feed(request.actor.organisation, viewer=request.actor.person), pk=pk
    )


@require_staff_member
def index(request):
    organisation = request.actor.organisation
    filters = FeedFilterForm(request.GET or None, organisation=organisation)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    feed = selectors.wins_feed(
        organisation,
        viewer=request.actor.person,
        competence=chosen.get("competence", ""),
        unit=chosen.get("unit"),
        site_id=chosen["site"].pk if chosen.get("site") else None,
        featured=chosen.get("featured", False),
    )
    page = Paginator(feed, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page, "filters": filters, "query": query.urlencode(),
        "counts": selectors.win_counts(organisation),
    }  # fmt: skip
    return render(request, "wins/index.html", context)


@require_staff_member
def create(request):
    form = WinForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            win = services.win_post(author=request.actor.person, **form.cleaned_data)
        except services.WinRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Thank you for sharing. Your small win is in the feed."))
            return redirect("wins:detail", win.pk)
    return render(request, "wins/form.html", {"form": form}, status=400 if form.errors else 200)


@require_staff_member
def detail(request, pk):
    win = _win(request, pk)
    context = {
        "win": win,
        "is_author": win.author_id == request.actor.person.pk,
        "can_feature": request.actor.can(Perm.WINS_FEATURE),
    }
    return render(request, "wins/detail.html", context)


@require_staff_member
def edit(request, pk):
    win = _win(request, pk)
    if win.author_id != request.actor.person.pk:
        return forbidden(request, _("Only the person who posted this small win can change it."))
    initial = {
        "title": win.title, "before": win.before, "after": win.after,
        "minutes_saved_per_week": win.minutes_saved_per_week, "competences": list(win.competences.all()),
    }  # fmt: skip
    form = WinEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.win_edit(win=win, editor=request.actor.person, **form.cleaned_data)
        except services.WinRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your small win is updated."))
            return redirect("wins:detail", win.pk)
    return render(request, "wins/form.html", {"form": form, "win": win}, status=400 if form.errors else 200)


@require_staff_member
def image(request, pk):
    found = get_object_or_404(WinImage, win__pk=pk, win__organisation=request.actor.organisation)
    response = HttpResponse(bytes(found.data), content_type=found.content_type)
    response["Content-Disposition"] = f'inline; filename="win-{pk}"'
    response["Cache-Control"] = "private, max-age=3600"
    # The bytes were checked on upload; this is the belt to those braces.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_staff_member
@require_POST
def kudos(request, pk):
    win = _win(request, pk)
    try:
        if request.POST.get("action") == "withdraw":
            services.kudos_withdraw(win=win, person=request.actor.person)
            messages.success(request, _("Your kudos are withdrawn."))
        else:
            services.kudos_give(win=win, person=request.actor.person)
            messages.success(request, _("Your kudos are counted. Thank you for cheering a colleague."))
    except services.WinRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("wins:detail", win.pk)


@require(Perm.WINS_FEATURE)
@require_POST
def feature(request, pk):
    win = _win(request, pk)
    featured = request.POST.get("action") != "unfeature"
    services.win_feature(win=win, by=request.user, featured=featured)
    if featured:
        messages.success(request, _("The small win is featured. The chat channels hear about it."))
    else:
        messages.success(request, _("The small win is no longer featured."))
    return redirect("wins:detail", win.pk)
