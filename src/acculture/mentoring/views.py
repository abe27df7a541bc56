"""Reverse-mentoring pages: a person's mentoring, enrolment, a pair's page; the CDO's
programmes, matching review and report. Thin: access → form → service → render."""

import uuid

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from acculture.mentoring import selectors, services
from acculture.mentoring.forms import (
    AnswerForm,
    EnrolmentForm,
    FeedbackForm,
    MeetingForm,
    MenteeAnswerForm,
    ProgrammeForm,
    SwapForm,
)
from acculture.mentoring.models import Enrolment, Feedback, Pair, Programme
from acculture.people.policy import Perm, forbidden, require, require_staff_member
from acculture.people.services import audit_record

# --- Access helpers: one place per object type -------------------------------------------


def _managed_programme(request, pk) -> Programme:
    """A programme of the CDO's own organisation; anyone else's is "not found"."""
    return get_object_or_404(Programme, pk=pk, organisation=request.actor.organisation)


def _my_pair(request, pk) -> Pair:
    """A pair the person is in, once published; every other pair is "not found"."""
    person = request.actor.person
    pair = get_object_or_404(
        Pair.objects.select_related("programme", "mentor__person", "mentee__person").filter(
            Q(mentor__person=person) | Q(mentee__person=person)
        ),
        pk=pk,
        status__in=[Pair.Status.PUBLISHED, Pair.Status.ACTIVE, Pair.Status.ENDED],
    )
    pair.my_side = pair.side_of(person)
    pair.other = pair.mentee.person if pair.my_side == Enrolment.Role.MENTOR else pair.mentor.person
    return pair


# --- A person's side ----------------------------------------------------------------------


@require_staff_member
def index(request):
    return render(request, "mentoring/index.html", selectors.mentoring_for(request.actor.person))


@require_staff_member
def enrol(request, pk, role):
    person = request.actor.person
    programme = get_object_or_404(Programme, pk=pk, organisation=person.organisation)
    if role not in Enrolment.Role.values:
        raise Http404
    if role not in programme.roles_open_to(person):
        return forbidden(
            request, _("This programme is not open to you on that side, or enrolment has closed.")
        )
    existing = Enrolment.objects.filter(programme=programme, person=person, role=role).first()
    initial = {"languages": [person.language], "mode": Enrolment.Mode.EITHER, "capacity": 1}
    if existing:
        initial = {name: getattr(existing, name) for name in
                   ("competences", "goals_text", "slots", "languages", "mode", "capacity")}  # fmt: skip
    form = EnrolmentForm(request.POST or None, programme=programme, role=role, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_save(programme=programme, person=person, role=role, **form.cleaned_data)
        except services.MentoringRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("Thank you: you are enrolled. You will hear when your pair is proposed.")
            )
            return redirect("mentoring:index")
    return render(
        request, "mentoring/enrol.html", {"form": form, "programme": programme, "role": role},
        status=400 if form.errors else 200,
    )  # fmt: skip


@require_staff_member
def pair_detail(request, pk):
    pair = _my_pair(request, pk)
    answer_class = MenteeAnswerForm if pair.my_side == Enrolment.Role.MENTEE else AnswerForm
    context = {
        "pair": pair,
        "programme": pair.programme,
        "reasons": selectors.reasons_in_words(pair),
        "meetings": list(pair.meetings.all()),
        "answer_form": answer_class(initial={"goals": pair.mentee.goals_text}),
        "my_answer": getattr(pair, f"{pair.my_side}_answer"),
        "feedback_open": {
            kind.value: services.feedback_open(pair, kind)
            and not Feedback.objects.filter(pair=pair, author=request.actor.person, kind=kind).exists()
            for kind in Feedback.Kind
        },
        "outcome": selectors.outcome_for(pair) if pair.my_side == Enrolment.Role.MENTEE else None,
    }
    return render(request, "mentoring/pair_detail.html", context)


@require_staff_member
@require_POST
def pair_answer(request, pk):
    pair = _my_pair(request, pk)
    form_class = MenteeAnswerForm if pair.my_side == Enrolment.Role.MENTEE else AnswerForm
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("mentoring:pair-detail", pk=pair.pk)
    try:
        pair = services.pair_answer(
            pair=pair, person=request.actor.person, accept=form.cleaned_data["decision"] == "accept",
            charter=form.cleaned_data["charter"], goals=form.cleaned_data.get("goals", ""),
        )  # fmt: skip
    except services.MentoringRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if pair.status == Pair.Status.ACTIVE:
            messages.success(request, _("You both accepted: the pair has started. Plan your first meeting."))
        elif pair.status == Pair.Status.DECLINED:
            messages.success(
                request, _("You declined. Thank you for saying so: someone else will be proposed.")
            )
            return redirect("mentoring:index")
        else:
            messages.success(
                request, _("Thank you. The pair starts as soon as the other person accepts too.")
            )
    return redirect("mentoring:pair-detail", pk=pair.pk)


@require_staff_member
def meeting_create(request, pk):
    pair = _my_pair(request, pk)
    form = MeetingForm(request.POST or None, initial={"on": timezone.localdate(),
                                                       "minutes": pair.programme.meeting_minutes})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_log(pair=pair, person=request.actor.person,
                                 idempotency_key=request.POST.get("key", "")[:64], **form.cleaned_data)  # fmt: skip
        except services.MentoringRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("The meeting is logged. Its time counts as learning time for both of you.")
            )
            return redirect("mentoring:pair-detail", pk=pair.pk)
    # One key per form shown: sending the same form twice logs the meeting once.
    key = request.POST.get("key") or uuid.uuid4().hex
    return render(request, "mentoring/meeting_form.html", {"form": form, "pair": pair, "key": key},
                  status=400 if form.errors else 200)  # fmt: skip


@require_staff_member
def feedback(request, pk, kind):
    pair = _my_pair(request, pk)
    if kind not in Feedback.Kind.values:
        raise Http404
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(pair=pair, person=request.actor.person, kind=kind, **form.cleaned_data)
        except services.MentoringRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("mentoring:pair-detail", pk=pair.pk)
    return render(request, "mentoring/feedback_form.html",
                  {"form": form, "pair": pair, "kind": Feedback.Kind(kind), "open": services.feedback_open(pair, kind)},
                  status=400 if form.errors else 200)  # fmt: skip


# --- The CDO's side -----------------------------------------------------------------------


@require(Perm.MENTORING_MANAGE)
def programme_list(request):
    programmes = Programme.objects.filter(organisation=request.actor.organisation).annotate(
        mentors=Count("enrolments", filter=Q(enrolments__role=Enrolment.Role.MENTOR)),
        mentees=Count("enrolments", filter=Q(enrolments__role=Enrolment.Role.MENTEE)),
    )
    return render(request, "mentoring/programme_list.html", {"programmes": programmes})


@require(Perm.MENTORING_MANAGE)
def programme_create(request):
    return _programme_form(request, None)


@require(Perm.MENTORING_MANAGE)
def programme_edit(request, pk):
    return _programme_form(request, _managed_programme(request, pk))


def _programme_form(request, programme):
    form = ProgrammeForm(request.POST or None, initial=ProgrammeForm.initial_for(programme))
    if request.method == "POST" and form.is_valid():
        try:
            if programme is None:
                programme = services.programme_create(
                    organisation=request.actor.organisation, created_by=request.user, **form.cleaned_data
                )
            else:
                programme = services.programme_update(
                    programme=programme, actor=request.user, **form.cleaned_data
                )
        except services.MentoringRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("mentoring:programme-detail", pk=programme.pk)
    return render(request, "mentoring/programme_form.html", {"form": form, "programme": programme},
                  status=400 if form.errors else 200)  # fmt: skip


@require(Perm.MENTORING_MANAGE)
def programme_detail(request, pk):
    programme = _managed_programme(request, pk)
    figures = selectors.programme_figures(programme)
    return render(request, "mentoring/programme_detail.html", {"programme": programme, "figures": figures})


@require(Perm.MENTORING_MANAGE)
@require_POST
def programme_action(request, pk):
    programme = _managed_programme(request, pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.programme_open(programme=programme, actor=request.user)
            messages.success(
                request, _("Enrolment is open: the people it is for see an invitation on their home page.")
            )
        elif action == "match":
            pairs = services.matching_run(programme=programme, actor=request.user)
            text = ngettext("%(n)d pair is proposed. Check it, then publish.",
                            "%(n)d pairs are proposed. Check them, then publish.", len(pairs))  # fmt: skip
            messages.success(request, text % {"n": len(pairs)})
            return redirect("mentoring:matching", pk=programme.pk)
        elif action == "publish":
            count = services.programme_publish(programme=programme, actor=request.user)
            text = ngettext("%(n)d pair is published: each side is asked to accept.",
                            "%(n)d pairs are published: each side is asked to accept.", count)  # fmt: skip
            messages.success(request, text % {"n": count})
        elif action == "close":
            services.programme_close(programme=programme, actor=request.user)
            messages.success(request, _("The programme is finished."))
        else:
            messages.error(request, _("Choose an action."))
    except services.MentoringRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("mentoring:programme-detail", pk=programme.pk)


@require(Perm.MENTORING_MANAGE)
def matching(request, pk):
    """The proposals with their reasons. They name people and their measured levels on
    the skills they teach, so each reading is in the audit log."""
    programme = _managed_programme(request, pk)
    pairs = list(
        Pair.objects.filter(programme=programme, status__in=Pair.LIVE).select_related(
            "mentor__person__unit", "mentee__person__unit", "programme"
        )
    )
    names = selectors.competence_names(programme.framework_id)
    for pair in pairs:
        pair.words = selectors.reasons_in_words(pair, names)
    audit_record(actor=request.user, organisation=programme.organisation, action="mentoring.proposals_viewed",
                 subject=f"programme:{programme.pk}")  # fmt: skip
    context = {
        "programme": programme, "pairs": pairs, "swap_form": SwapForm(programme=programme),
        "proposed": sum(p.status == Pair.Status.PROPOSED for p in pairs),
        "waiting": selectors._waiting_for_new_match(programme),
    }  # fmt: skip
    return render(request, "mentoring/matching.html", context)


def _managed_pair(request, pk) -> Pair:
    return get_object_or_404(Pair, pk=pk, programme__organisation=request.actor.organisation)


@require(Perm.MENTORING_MANAGE)
@require_POST
def proposal_action(request, pk):
    pair = _managed_pair(request, pk)
    action = request.POST.get("action")
    try:
        if action in ("lock", "unlock"):
            services.pair_lock(pair=pair, locked=action == "lock", actor=request.user)
            messages.success(
                request, _("The pair is locked.") if action == "lock" else _("The pair is unlocked.")
            )
        elif action == "exclude":
            services.pair_exclude(pair=pair, actor=request.user)
            messages.success(request, _("The pair is excluded: run the matching again to find someone else."))
    except services.MentoringRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("mentoring:matching", pk=pair.programme_id)


@require(Perm.MENTORING_MANAGE)
@require_POST
def swap(request, pk):
    programme = _managed_programme(request, pk)
    form = SwapForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            services.pair_swap(
                first=form.cleaned_data["first"], second=form.cleaned_data["second"], actor=request.user
            )
        except services.MentoringRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The mentors are swapped; both pairs are locked."))
    else:
        messages.error(request, _("Choose two pairs whose mentors to swap."))
    return redirect("mentoring:matching", pk=programme.pk)


@require(Perm.MENTORING_MANAGE)
def report(request, pk):
    programme = _managed_programme(request, pk)
    return render(request, "mentoring/report.html",
                  {"programme": programme, "figures": selectors.programme_figures(programme)})  # fmt: skip


@require(Perm.MENTORING_MANAGE)
def feedback_list(request, pk):
    """Each person's feedback, for the CDO only; every reading is in the audit log."""
    programme = _managed_programme(request, pk)
    found = list(
        Feedback.objects.filter(pair__programme=programme)
        .select_related("author", "pair__mentor__person", "pair__mentee__person")
        .order_by("-created_at")
    )
    audit_record(actor=request.user, organisation=programme.organisation, action="mentoring.feedback_read",
                 subject=f"programme:{programme.pk}", feedback=[f.pk for f in found])  # fmt: skip
    return render(request, "mentoring/feedback_list.html", {"programme": programme, "feedback": found})
