"""Digital Factory pages: the calendar, a session, registering; running a session and
taking attendance; the CDO's labs and workshops."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.factory import selectors, services
from acculture.factory.conf import rule
from acculture.factory.forms import (
    AttendanceForm,
    CalendarFilterForm,
    FactoryForm,
    FeedbackForm,
    SessionChangeForm,
    SessionForm,
    WorkshopForm,
)
from acculture.factory.ics import session_ics
from acculture.factory.models import Factory, Registration, Session, Workshop
from acculture.people.policy import Perm, require, require_staff_member
from acculture.people.services import audit_record


def _visible_session(request, pk) -> Session:
    """A published session of the person's organisation (a draft is only its runners')."""
    found = Session.objects.select_related("workshop", "factory__site", "facilitator").filter(
        pk=pk, workshop__organisation=request.actor.organisation
    )
    return get_object_or_404(found.exclude(status=Session.Status.DRAFT))


def _session_to_run(request, pk) -> Session:
    """A session the actor runs, or any of the organisation's for the Factory's manager;
    anything else is "not found"."""
    found = Session.objects.select_related("workshop", "factory", "facilitator").filter(
        pk=pk, workshop__organisation=request.actor.organisation
    )
    if not request.actor.can(Perm.FACTORY_MANAGE):
        found = found.filter(facilitator=request.actor.person)
    return get_object_or_404(found)


def _audit_people_viewed(request, session) -> None:
    """Who is registered is personal data seen by someone else: it goes to the audit log."""
    audit_record(
        actor=request.user,
        organisation=request.actor.organisation,
        action="factory.registrations_viewed",
        subject=f"session:{session.pk}",
    )


def _own_registration(request, session) -> Registration | None:
    return Registration.objects.filter(session=session, person=request.actor.person).first()


# --- Everyone -----------------------------------------------------------------------------


@require_staff_member
def index(request):
    person = request.actor.person
    context = {
        **selectors.registrations_for(person),
        "recommended": selectors.workshops_recommended(person),
        "can_run": request.actor.can(Perm.FACTORY_FACILITATE),
        "can_manage": request.actor.can(Perm.FACTORY_MANAGE),
    }
    return render(request, "factory/index.html", context)


@require_staff_member
def calendar(request):
    organisation = request.actor.organisation
    form = CalendarFilterForm(request.GET or None, organisation=organisation)
    filters = selectors.CalendarFilters(**form.values()) if request.GET else selectors.CalendarFilters()
    start = filters.start or timezone.localdate()
    sessions = selectors.calendar_sessions(organisation, filters)
    query = request.GET.copy()
    query.pop("start", None)
    return render(
        request,
        "factory/calendar.html",
        {
            "form": form,
            "days": selectors.by_day(sessions),
            "start": start,
            "end": start + timezone.timedelta(days=filters.days - 1),
            "next_start": start + timezone.timedelta(days=filters.days),
            "filters_query": query.urlencode(),
            "filtered": any(v for k, v in form.values().items() if k != "start") if request.GET else False,
        },
    )


@require_staff_member
def workshops(request):
    found = Workshop.objects.filter(organisation=request.actor.organisation, is_active=True).prefetch_related(
        "targets__competence"
    )
    return render(request, "factory/workshops.html", {"workshops": found})


@require_staff_member
def workshop_detail(request, pk):
    workshop = get_object_or_404(
        Workshop.objects.prefetch_related("targets__competence"),
        pk=pk,
        organisation=request.actor.organisation,
    )
    sessions = selectors.sessions_with_seats(workshop.sessions.published().upcoming()).order_by("starts_at")
    return render(request, "factory/workshop_detail.html", {"workshop": workshop, "sessions": sessions})


@require_staff_member
def session_detail(request, pk):
    session = _visible_session(request, pk)
    registration = _own_registration(request, session)
    now = timezone.now()
    context = {
        "session": session,
        "registration": registration if registration and registration.status != "expired" else None,
        "expired": registration is not None and registration.status == Registration.Status.EXPIRED,
        "taken": services.seats_taken(session),
        "open": session.status == Session.Status.PUBLISHED and session.starts_at > now,
        "can_cancel": registration is not None and services.can_cancel(registration, now),
        "cancel_hours": rule("FACTORY_CANCEL_HOURS"),
        "position": selectors.waiting_position(registration)
        if registration and registration.status == Registration.Status.WAITLISTED
        else None,
        "can_give_feedback": registration is not None
        and registration.attendance == Registration.Attendance.ATTENDED,
    }
    context["free"] = max(0, session.capacity - context["taken"])
    return render(request, "factory/session_detail.html", context)


@require_staff_member
@require_POST
def session_register(request, pk):
    session = _visible_session(request, pk)
    try:
        registration = services.registration_create(session=session, person=request.actor.person)
    except services.FactoryRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You have a seat. We have sent you an e-mail with the invitation."))
        elif registration.status == Registration.Status.OFFERED:
            messages.success(request, _("A seat is free for you: accept it below."))
        else:
            messages.success(
                request,
                _("The session is full: you are on the waiting list. We will e-mail you if a seat frees up."),
            )
    return redirect("factory:session-detail", pk=session.pk)


@require_staff_member
@require_POST
def session_cancel(request, pk):
    session = _visible_session(request, pk)
    registration = get_object_or_404(Registration, session=session, person=request.actor.person)
    try:
        services.registration_cancel(registration=registration)
    except services.FactoryRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your registration is cancelled. Thank you for freeing the seat."))
    return redirect("factory:session-detail", pk=session.pk)


@require_staff_member
@require_POST
def session_accept(request, pk):
    session = _visible_session(request, pk)
    registration = get_object_or_404(Registration, session=session, person=request.actor.person)
    try:
        services.offer_accept(registration=registration)
    except services.FactoryRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The seat is yours. We have sent you an e-mail with the invitation."))
    return redirect("factory:session-detail", pk=session.pk)


@require_staff_member
def session_ics_download(request, pk):
    session = _visible_session(request, pk)
    response = HttpResponse(session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="workshop-{session.pk}.ics"'
    return response


@require_staff_member
def session_feedback(request, pk):
    session = _visible_session(request, pk)
    registration = _own_registration(request, session)
    if registration is None or registration.attendance != Registration.Attendance.ATTENDED:
        raise Http404  # only attendees have a feedback form
    instance = getattr(registration, "feedback", None)
    form = FeedbackForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.feedback_give(registration=registration, **form.cleaned_data)
        messages.success(request, _("Thank you for your opinion. The facilitator will read it."))
        return redirect("factory:index")
    return render(
        request,
        "factory/feedback.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )


# --- Facilitators ------------------------------------------------------------------------


@require(Perm.FACTORY_FACILITATE)
def run(request):
    manage = request.actor.can(Perm.FACTORY_MANAGE)
    sessions = selectors.sessions_to_run(request.actor.person, manage=manage)
    now = timezone.now()
    return render(
        request,
        "factory/run.html",
        {
            "upcoming": sessions.filter(ends_at__gt=now).order_by("starts_at"),
            "past": sessions.filter(ends_at__lte=now).order_by("-starts_at")[:30],
            "manage": manage,
        },
    )


@require(Perm.FACTORY_FACILITATE)
def session_create(request):
    actor = request.actor
    manage = actor.can(Perm.FACTORY_MANAGE)
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        organisation=actor.organisation,
        facilitator=actor.person,
        manage=manage,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(
                workshop=data["workshop"], factory=data["factory"], facilitator=data["facilitator"],
                starts_at=data["starts_at"], ends_at=data["ends_at"], time_zone=data["time_zone"],
                capacity=data["capacity"], place=data["place"], link=data["link"], publish=data["publish"],
                actor=request.user,
            )  # fmt: skip
        except services.FactoryRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            if session.status == Session.Status.PUBLISHED:
                messages.success(request, _("The session is published: people can register."))
            else:
                messages.success(request, _("The session is saved. Publish it when you are ready."))
            return redirect("factory:session-manage", pk=session.pk)
    return render(request, "factory/session_form.html", {"form": form}, status=400 if form.errors else 200)


@require(Perm.FACTORY_FACILITATE)
def session_manage(request, pk):
    session = _session_to_run(request, pk)
    _audit_people_viewed(request, session)
    return render(
        request,
        "factory/session_manage.html",
        {
            "session": session,
            **selectors.session_people(session),
            "feedback": selectors.feedback_summary(session),
            "attendance_open": services.attendance_open(session),
        },
    )


@require(Perm.FACTORY_FACILITATE)
@require_POST
def session_publish(request, pk):
    session = _session_to_run(request, pk)
    try:
        services.session_publish(session=session, actor=request.user)
    except services.FactoryRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The session is published: people can register."))
    return redirect("factory:session-manage", pk=session.pk)


@require(Perm.FACTORY_FACILITATE)
def session_attendance(request, pk):
    """One list of big checkboxes, one button: made to be used on a phone at the door."""
    session = _session_to_run(request, pk)
    if request.method == "GET":
        _audit_people_viewed(request, session)
    seated = selectors.session_people(session)["seated"]
    confirmed = [r for r in seated if r.status == Registration.Status.CONFIRMED]
    initial = {"present": [str(r.pk) for r in confirmed if r.attendance == Registration.Attendance.ATTENDED]}
    form = AttendanceForm(
        request.POST if request.method == "POST" else None, registrations=confirmed, initial=initial
    )
    is_open = services.attendance_open(session)
    if request.method == "POST" and is_open and form.is_valid():
        try:
            counts = services.attendance_record(
                session=session, attended={int(pk) for pk in form.cleaned_data["present"]}, actor=request.user
            )
        except services.FactoryRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Attendance saved: %(attended)s came, %(no_show)s did not. Their time is counted.")
                % counts,
            )
            return redirect("factory:session-manage", pk=session.pk)
    return render(
        request,
        "factory/attendance.html",
        {"session": session, "form": form, "open": is_open, "people": confirmed},
    )


# --- The Factory's manager (CDO) ----------------------------------------------------------


@require(Perm.FACTORY_MANAGE)
def manage(request):
    organisation = request.actor.organisation
    return render(
        request,
        "factory/manage.html",
        {
            "factories": Factory.objects.filter(organisation=organisation)
            .select_related("site")
            .prefetch_related("facilitators"),
            "workshops": Workshop.objects.filter(organisation=organisation),
        },
    )


@require(Perm.FACTORY_MANAGE)
def lab_edit(request, pk=None):
    organisation = request.actor.organisation
    factory = get_object_or_404(Factory, pk=pk, organisation=organisation) if pk else None
    initial = (
        {"name": factory.name, "site": factory.site_id, "address": factory.address,
         "facilitators": list(factory.facilitators.all())}
        if factory else None
    )  # fmt: skip
    form = FactoryForm(
        request.POST if request.method == "POST" else None, organisation=organisation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.factory_save(
                organisation=organisation, factory=factory, actor=request.user, **form.cleaned_data
            )
        except services.FactoryRefused as refusal:
            form.add_error("name", str(refusal))
        else:
            messages.success(request, _("The lab is saved."))
            return redirect("factory:manage")
    return render(
        request,
        "factory/lab_form.html",
        {"form": form, "factory": factory},
        status=400 if form.errors else 200,
    )


@require(Perm.FACTORY_MANAGE)
def workshop_edit(request, pk=None):
    organisation = request.actor.organisation
    workshop = get_object_or_404(Workshop, pk=pk, organisation=organisation) if pk else None
    initial = None
    if workshop:
        targets = list(workshop.targets.all())
        initial = {
            "title": workshop.title, "description": workshop.description, "track": workshop.track,
            "format": workshop.format, "duration_minutes": workshop.duration_minutes,
            "prerequisites": workshop.prerequisites, "competences": [t.competence_id for t in targets],
            "level_min": min((t.level_min for t in targets), default=1),
            "level_max": max((t.level_max for t in targets), default=4),
            "is_active": workshop.is_active,
        }  # fmt: skip
    form = WorkshopForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        competences, low, high = data.pop("competences"), data.pop("level_min"), data.pop("level_max")
        services.workshop_save(
            organisation=organisation, workshop=workshop, actor=request.user,
            targets=[(c, low, high) for c in competences], **data,
        )  # fmt: skip
        messages.success(request, _("The workshop is saved."))
        return redirect("factory:manage")
    return render(
        request,
        "factory/workshop_form.html",
        {"form": form, "workshop": workshop},
        status=400 if form.errors else 200,
    )


@require(Perm.FACTORY_FACILITATE)
def session_withdraw(request, pk):
    """A confirmation page, then the POST that cancels the whole session."""
    session = _session_to_run(request, pk)
    people = session.registrations.filter(status__in=Registration.ACTIVE).count()
    if request.method == "POST":
        try:
            told = services.session_withdraw(session=session, actor=request.user)
        except services.FactoryRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("The session is cancelled. %(n)s people registered or waiting are told by e-mail.")
                % {"n": told},
            )
        return redirect("factory:session-manage", pk=session.pk)
    return render(request, "factory/session_withdraw.html", {"session": session, "people": people})


@require(Perm.FACTORY_FACILITATE)
def session_edit(request, pk):
    session = _session_to_run(request, pk)
    initial = {"capacity": session.capacity, "place": session.place, "link": session.link}
    form = SessionChangeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, actor=request.user, **form.cleaned_data)
        except services.FactoryRefused as refusal:
            form.add_error("capacity", str(refusal))
        else:
            messages.success(
                request, _("The session is changed. New seats are offered to the people waiting.")
            )
            return redirect("factory:session-manage", pk=session.pk)
    return render(
        request,
        "factory/session_edit.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )
