"""The CDO's webhook pages: the endpoints, each one's delivery log, a test message."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.events import Event
from acculture.people.policy import Perm, require
from acculture.webhooks import services
from acculture.webhooks.forms import EndpointForm
from acculture.webhooks.models import Attempt, Endpoint

LOG_SIZE = 50


def _endpoint(request, pk) -> Endpoint:
    return get_object_or_404(Endpoint, pk=pk, organisation=request.actor.organisation)


@require(Perm.WEBHOOKS_MANAGE)
def index(request):
    endpoints = Endpoint.objects.filter(organisation=request.actor.organisation)
    return render(request, "webhooks/index.html", {"endpoints": endpoints})


@require(Perm.WEBHOOKS_MANAGE)
def create(request):
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        endpoint = services.endpoint_save(
            organisation=request.actor.organisation, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("The webhook is saved. Send a test message to check it works."))
        return redirect("webhooks:detail", endpoint.pk)
    return render(request, "webhooks/form.html", {"form": form}, status=400 if form.errors else 200)


@require(Perm.WEBHOOKS_MANAGE)
def edit(request, pk):
    endpoint = _endpoint(request, pk)
    initial = {"name": endpoint.name, "format": endpoint.format, "url": endpoint.url, "events": endpoint.events,
               "is_active": endpoint.is_active}  # fmt: skip
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.endpoint_save(
            organisation=request.actor.organisation, by=request.user, endpoint=endpoint, **form.cleaned_data
        )
        messages.success(request, _("The webhook is saved."))
        return redirect("webhooks:detail", endpoint.pk)
    return render(
        request,
        "webhooks/form.html",
        {"form": form, "endpoint": endpoint},
        status=400 if form.errors else 200,
    )


@require(Perm.WEBHOOKS_MANAGE)
def detail(request, pk):
    endpoint = _endpoint(request, pk)
    attempts = (
        Attempt.objects.filter(delivery__endpoint=endpoint).select_related("delivery").order_by("-at", "-pk")
    )[:LOG_SIZE]
    waiting = endpoint.deliveries.filter(status__in=["pending", "retrying"]).count()
    labels = dict(Event.choices)
    context = {
        "endpoint": endpoint, "attempts": attempts, "waiting": waiting,
        "endpoint_events": [(e, labels.get(e, e)) for e in endpoint.events],
    }  # fmt: skip
    return render(request, "webhooks/detail.html", context)


@require(Perm.WEBHOOKS_MANAGE)
@require_POST
def test(request, pk):
    endpoint = _endpoint(request, pk)
    services.delivery_test(endpoint=endpoint)
    messages.success(
        request, _("A test message is on its way. Reload this page in a moment to see whether it arrived.")
    )
    return redirect("webhooks:detail", endpoint.pk)


@require(Perm.WEBHOOKS_MANAGE)
@require_POST
def delete(request, pk):
    endpoint = _endpoint(request, pk)
    services.endpoint_delete(endpoint=endpoint, by=request.user)
    messages.success(request, _("The webhook “%(name)s” is deleted.") % {"name": endpoint.name})
    return redirect("webhooks:index")
