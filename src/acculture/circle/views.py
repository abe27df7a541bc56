"""Circle pages: the spaces and their categories, threads, replies with a preview that
needs no script, reactions (htmx swaps them in place when present), one's own edits,
moderation, search, notifications and settings. Who may read what: selectors.py."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.circle import selectors, services
from acculture.circle.forms import BODY_MAX, EditForm, MessageForm, SearchForm, SettingsForm, ThreadForm
from acculture.circle.models import Member, ModerationAction, Notification, Post, Space
from acculture.people.policy import Perm, require, require_staff_member

PER_PAGE = 30


def _refusal_status(refusal: services.CircleRefused) -> int:
    return 429 if isinstance(refusal, services.RateLimited) else 409


def _preview_fragment(request):
    """htmx asks for the preview alone: the form stays as the person left it."""
    body = request.POST.get("body", "")[:BODY_MAX]
    return render(
        request, "circle/_preview.html", {"preview": body.strip(), "preview_empty": not body.strip()}
    )


@require_staff_member
def index(request):
    actor = request.actor
    categories = selectors.category_index(actor)
    context = {
        "open": [c for c in categories if c.space == Space.OPEN],
        "champions": [c for c in categories if c.space == Space.CHAMPIONS],
        "can_champions": actor.can(Perm.CIRCLE_CHAMPIONS),
        "unread": selectors.unread_count(actor.person),
        "search_form": SearchForm(),
    }
    return render(request, "circle/index.html", context)


@require_staff_member
def category(request, slug):
    actor = request.actor
    found = selectors.category_for(actor, slug)
    threads = selectors.threads_for(actor).filter(category=found).select_related("author")
    page = Paginator(threads, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "circle/category.html", {"category": found, "page": page})


@require_staff_member
def thread_new(request, slug):
    actor = request.actor
    found = selectors.category_for(actor, slug)
    if request.htmx and "preview" in request.POST:
        return _preview_fragment(request)
    form = ThreadForm(request.POST or None, request.FILES or None)
    preview = None
    status = 200
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.cleaned_data["body"]
        else:
            try:
                thread = services.thread_create(
                    category=found, author=actor.person, title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"], image=form.image_value(),
                )  # fmt: skip
            except services.CircleRefused as refusal:
                form.add_error(None, str(refusal))
                status = _refusal_status(refusal)
            else:
                messages.success(request, _("Your thread is open. Colleagues can now reply."))
                return redirect("circle:thread", pk=thread.pk)
    if form.errors and status == 200:
        status = 400
    return render(request, "circle/thread_new.html", {"category": found, "form": form, "preview": preview},
                  status=status)  # fmt: skip


def _thread_context(request, thread, form):
    actor = request.actor
    posts = Post.objects.filter(thread=thread).select_related("author").defer("image")
    page = Paginator(posts, 50).get_page(request.GET.get("page"))
    selectors.reactions_for(list(page.object_list), actor.person)
    return {
        "thread": thread,
        "page": page,
        "form": form,
        "moderator": selectors.is_moderator(actor),
        "history": ModerationAction.objects.filter(thread=thread).select_related("moderator")[:20]
        if selectors.is_moderator(actor)
        else [],
    }


@require_staff_member
def thread(request, pk):
    actor = request.actor
    found = selectors.thread_for(actor, pk)
    if request.htmx and "preview" in request.POST and not found.is_locked:
        return _preview_fragment(request)
    form = MessageForm(request.POST or None, request.FILES or None)
    preview = None
    status = 200
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.cleaned_data["body"]
        else:
            try:
                post = services.post_reply(
                    thread=found,
                    author=actor.person,
                    body=form.cleaned_data["body"],
                    image=form.image_value(),
                )
            except services.CircleRefused as refusal:
                form.add_error(None, str(refusal))
                status = _refusal_status(refusal)
            else:
                messages.success(request, _("Your reply is posted."))
                last = Paginator(Post.objects.filter(thread=found), 50).num_pages
                return redirect(f"{reverse('circle:thread', args=[found.pk])}?page={last}#post-{post.pk}")
    if form.errors and status == 200:
        status = 400
    context = _thread_context(request, found, form)
    context["preview"] = preview
    return render(request, "circle/thread.html", context, status=status)


@require_staff_member
def post_edit(request, pk):
    actor = request.actor
    post = selectors.post_for(actor, pk, own=True)
    initial = {"body": post.body, "title": post.thread.title}
    form = EditForm(request.POST or None, initial=initial, first=post.is_first)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                post=post,
                editor=actor.person,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
            )
        except services.CircleRefused as refusal:
            form.add_error(None, str(refusal))
            status = 409
        else:
            messages.success(request, _("Your message is changed."))
            return redirect(f"{reverse('circle:thread', args=[post.thread_id])}#post-{post.pk}")
    if form.errors and status == 200:
        status = 400
    return render(request, "circle/post_edit.html", {"post": post, "form": form}, status=status)


@require_staff_member
@require_POST
def react(request, pk):
    actor = request.actor
    post = selectors.post_for(actor, pk)
    try:
        services.reaction_toggle(post=post, person=actor.person, kind=request.POST.get("kind", ""))
    except services.CircleRefused as refusal:
        if request.htmx:
            return HttpResponse(str(refusal), status=400)
        messages.error(request, str(refusal))
    if request.htmx:
        selectors.reactions_for([post], actor.person)
        return render(request, "circle/thread.html#reactions", {"post": post})
    return redirect(f"{reverse('circle:thread', args=[post.thread_id])}#post-{post.pk}")


@require_staff_member
def image(request, pk):
    post = selectors.post_for(request.actor, pk)
    data = Post.objects.filter(pk=post.pk).values_list("image", flat=True).first()
    if not post.image_type or not data:
        raise Http404
    response = HttpResponse(bytes(data), content_type=post.image_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require(Perm.CIRCLE_MODERATE)
@require_POST
def thread_moderate(request, pk):
    found = selectors.thread_for(request.actor, pk)
    action = request.POST.get("action", "")
    if action not in ModerationAction.Action.values:
        messages.error(request, _("Choose one of the moderation buttons."))
    elif services.thread_moderate(thread=found, action=action, moderator=request.user,
                                  reason=request.POST.get("reason", "")):  # fmt: skip
        messages.success(
            request, _("The thread is %(what)s.") % {"what": ModerationAction.Action(action).label}
        )
    return redirect("circle:thread", pk=found.pk)


@require(Perm.CIRCLE_MODERATE)
@require_POST
def post_moderate(request, pk):
    post = selectors.post_for(request.actor, pk)
    hide = request.POST.get("action") == "hide"
    if services.post_moderate(
        post=post, hide=hide, moderator=request.user, reason=request.POST.get("reason", "")
    ):
        messages.success(request, _("The message is hidden.") if hide else _("The message is shown again."))
    return redirect(f"{reverse('circle:thread', args=[post.thread_id])}#post-{post.pk}")


@require_staff_member
def search(request):
    actor = request.actor
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid():
        page = Paginator(selectors.search(actor, form.cleaned_data["q"]), PER_PAGE).get_page(
            request.GET.get("page")
        )
    return render(request, "circle/search.html", {"form": form, "page": page, "q": request.GET.get("q", "")},
                  status=400 if form.errors else 200)  # fmt: skip


@require_staff_member
def notifications(request):
    person = request.actor.person
    if request.method == "POST":
        services.notifications_mark_read(person=person)
        messages.success(request, _("All your notifications are marked as read."))
        return redirect("circle:notifications")
    # A thread hidden since, or a space the person no longer reads, drops out of the list.
    found = (
        Notification.objects.filter(person=person, post__thread__in=selectors.threads_for(request.actor))
        .select_related("post__author", "post__thread")
        .defer("post__image")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "circle/notifications.html", {"page": page, "unread": selectors.unread_count(person)}
    )


@require_staff_member
def notification_open(request, pk):
    """Open what a notification points to, and count it as read."""
    person = request.actor.person
    found = (
        Notification.objects.filter(person=person, pk=pk).select_related("post").defer("post__image").first()
    )
    if found is None:
        raise Http404
    services.notifications_mark_read(person=person, notification_ids=[found.pk])
    return redirect(f"{reverse('circle:thread', args=[found.post.thread_id])}#post-{found.post_id}")


@require_staff_member
def member_settings(request):
    person = request.actor.person
    member = Member.objects.filter(person=person).first()
    initial = {
        "handle": member.handle if member else "",
        "email_notifications": member.email_notifications if member else True,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(person=person, **form.cleaned_data)
        except services.CircleRefused as refusal:
            form.add_error("handle", str(refusal))
        else:
            messages.success(request, _("Your circle settings are saved."))
            return redirect("circle:index")
    return render(request, "circle/settings.html", {"form": form, "email_local": person.email.split("@")[0]},
                  status=400 if form.errors else 200)  # fmt: skip
