"""The proctor's pages (Perm.CERTIFICATION_PROCTOR): sessions, enrolment, the live board,
incidents, ending a test, finalising; and the CDO's review (Perm.CERTIFICATION_REVIEW)."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.certification import imports, selectors, services
from acculture.certification.forms import EndForm, EnrolForm, ImportForm, IncidentForm, SessionForm
from acculture.certification.models import Candidate, CertificationSession, Incident
from acculture.people.policy import Perm, forbidden, login_required
from acculture.people.services import audit_record


def require_any(*perms: Perm):
    """The actor holds at least one of `perms` in their organisation."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not any(request.actor.can(perm) for perm in perms):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


proctor_only = require_any(Perm.CERTIFICATION_PROCTOR)
proctor_or_reviewer = require_any(Perm.CERTIFICATION_PROCTOR, Perm.CERTIFICATION_REVIEW)


def _session(request, pk) -> CertificationSession:
    """A session of the actor's organisation; another organisation's is not found."""
    return get_object_or_404(
        CertificationSession.objects.select_related("framework"),
        pk=pk,
        organisation=request.actor.organisation,
    )


def _candidate(session, candidate_pk) -> Candidate:
    return get_object_or_404(
        Candidate.objects.select_related("person", "session"), pk=candidate_pk, session=session
    )


@proctor_or_reviewer
def session_list(request):
    sessions = selectors.sessions_of(request.actor.organisation)
    context = {"sessions": sessions, "is_proctor": request.actor.can(Perm.CERTIFICATION_PROCTOR)}
    return render(request, "certification/session_list.html", context)


@proctor_only
def session_create(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                organisation=request.actor.organisation, by=request.user, starts_at=form.starts_at(),
                time_zone=form.cleaned_data["time_zone"], place=form.cleaned_data["place"],
                capacity=form.cleaned_data["capacity"], review_required=form.cleaned_data["review_required"],
            )  # fmt: skip
        except services.CertificationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The session is created. Now enrol the candidates."))
            return redirect("certification:session-enrol", pk=session.pk)
    return render(
        request, "certification/session_form.html", {"form": form}, status=400 if form.errors else 200
    )


@proctor_or_reviewer
def session_detail(request, pk):
    """The live board; htmx refreshes its table every few seconds, a reload does the same."""
    session = _session(request, pk)
    context = {"session": session, **selectors.board(session), "is_proctor": request.actor.can(Perm.CERTIFICATION_PROCTOR),
               "is_reviewer": request.actor.can(Perm.CERTIFICATION_REVIEW)}  # fmt: skip
    if session.status != CertificationSession.Status.SCHEDULED:
        audit_record(actor=request.user, organisation=session.organisation, action="certification.results_viewed",
                     subject=str(session.pk))  # fmt: skip
    if request.htmx:
        return render(request, "certification/session_detail.html#board", context)
    return render(request, "certification/session_detail.html", context)


@proctor_only
def session_enrol(request, pk):
    session = _session(request, pk)
    form = EnrolForm(request.POST or None, organisation=session.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_enrol(
                session=session, person=form.cleaned_data["who"],
                extra_time_percent=form.cleaned_data["extra_time_percent"] or 0,
                accommodation=form.cleaned_data["accommodation"],
            )  # fmt: skip
        except services.CertificationRefused as refusal:
            form.add_error("who", str(refusal))
        else:
            messages.success(request, _("%(name)s is enrolled.") % {"name": candidate.person.full_name})
            return redirect("certification:session-enrol", pk=session.pk)
    context = {
        "session": session,
        "form": form,
        "import_form": ImportForm(),
        "candidates": session.candidates.select_related("person"),
    }
    return render(request, "certification/session_enrol.html", context, status=400 if form.errors else 200)


@proctor_only
@require_POST
def session_import(request, pk):
    session = _session(request, pk)
    form = ImportForm(request.POST, request.FILES)
    problems = []
    if form.is_valid():
        check = imports.candidates_import(
            session=session, data=form.cleaned_data["file"].read(), filename=form.cleaned_data["file"].name
        )
        if not check.problems:
            messages.success(request, _("%(n)s candidates enrolled from the file.") % {"n": len(check.rows)})
            return redirect("certification:session-enrol", pk=session.pk)
        problems = check.problems
    context = {"session": session, "form": EnrolForm(organisation=session.organisation), "import_form": form,
               "problems": problems, "candidates": session.candidates.select_related("person")}  # fmt: skip
    return render(request, "certification/session_enrol.html", context, status=400)


ACTIONS = {
    "check": (services.candidate_check, _("Identity checked.")),
    "authorise": (services.candidate_authorise, _("The candidate may start or resume.")),
    "pause": (services.candidate_pause, _("The candidate's test is paused.")),
}


@proctor_only
@require_POST
def candidate_action(request, pk, candidate_pk, action):
    session = _session(request, pk)
    candidate = _candidate(session, candidate_pk)
    if action not in ACTIONS:
        return redirect("certification:session-detail", pk=session.pk)
    service, done = ACTIONS[action]
    try:
        service(candidate=candidate, by=request.user)
    except services.CertificationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{candidate.person.full_name}: {done}")
    return redirect("certification:session-detail", pk=session.pk)


@proctor_only
def candidate_end(request, pk, candidate_pk):
    session = _session(request, pk)
    candidate = _candidate(session, candidate_pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_end(candidate=candidate, by=request.user, reason=form.cleaned_data["reason"])
        except services.CertificationRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("%(name)s's test is ended.") % {"name": candidate.person.full_name})
        return redirect("certification:session-detail", pk=session.pk)
    context = {"session": session, "candidate": candidate, "form": form}
    return render(request, "certification/candidate_end.html", context, status=400 if form.errors else 200)


@proctor_only
def incident_create(request, pk):
    session = _session(request, pk)
    form = IncidentForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_record(session=session, by=request.user, **form.cleaned_data)
        except services.CertificationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The incident is recorded."))
            return redirect("certification:session-detail", pk=session.pk)
    return render(request, "certification/incident_form.html", {"session": session, "form": form},
                  status=400 if form.errors else 200)  # fmt: skip


@proctor_only
@require_POST
def incident_validate(request, pk, incident_pk):
    session = _session(request, pk)
    incident = get_object_or_404(Incident, pk=incident_pk, session=session)
    try:
        services.incident_validate(incident=incident, by=request.user)
    except services.CertificationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The incident is validated: it will count at finalisation."))
    return redirect("certification:session-detail", pk=session.pk)


@proctor_only
def session_finalise(request, pk):
    session = _session(request, pk)
    if request.method == "POST":
        if services.session_finalise(session=session, by=request.user):
            session.refresh_from_db()
            if session.status == CertificationSession.Status.PUBLISHED:
                messages.success(request, _("The session is finalised and its results are published."))
            else:
                messages.success(
                    request, _("The session is finalised. The Chief Digital Officer will review the results.")
                )
        else:
            messages.info(request, _("This session was already finalised: nothing changed."))
        return redirect("certification:session-detail", pk=session.pk)
    board = selectors.board(session)
    running = [c for c in board["candidates"] if not c.finished]
    return render(request, "certification/session_finalise.html", {"session": session, "running": running})


@require_any(Perm.CERTIFICATION_REVIEW)
@require_POST
def session_publish(request, pk):
    session = _session(request, pk)
    try:
        issued = services.session_publish(session=session, by=request.user)
    except services.CertificationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if session.status == CertificationSession.Status.PUBLISHED:
            messages.info(request, _("These results were already published: nothing changed."))
        else:
            messages.success(request, _("Results published: %(n)s certificates issued.") % {"n": issued})
    return redirect("certification:session-detail", pk=session.pk)
