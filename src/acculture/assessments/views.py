from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, push_url

from acculture.assessments import engine, selectors, services
from acculture.assessments.charts import progress_chart, radar_chart
from acculture.assessments.forms import AnswerForm, text
from acculture.assessments.models import Assessment, Campaign, Response
from acculture.people.policy import require_staff_member
from acculture.prepared import PreparedRead


def _own_assessments(request):
    """A person only ever reaches their own assessments (anyone else gets a 404).
    A proctored certification test is taken only through the certification pages."""
    return _assessments_of(request.actor.person)


def _assessments_of(person):
    return Assessment.objects.filter(person=person).exclude(mode=Assessment.Mode.CERTIFICATION)


# The question page's read, at every question and every answer: compiled once per process.
OWN_ASSESSMENT = PreparedRead(
    lambda person, pk: _assessments_of(person).filter(pk=pk), person=-917_000_001, pk=-917_000_002
)


def _own_assessment(request, pk) -> Assessment:
    # The question page and the answer form both need the current item: it comes from the
    # cached bank, which the page loads anyway (one query fewer per request, no joins).
    assessment = OWN_ASSESSMENT.first(person=request.actor.person.pk, pk=pk)
    if assessment is None:
        raise Http404
    return engine.with_current_item(assessment)


@require_staff_member
def index(request):
    person = request.actor.person
    return render(request, "assessments/index.html", selectors.home_for(person))


@require_staff_member
@require_POST
def start(request):
    person = request.actor.person
    campaign = None
    if campaign_id := request.POST.get("campaign"):
        campaign = get_object_or_404(Campaign, pk=campaign_id, organisation=person.organisation)
    try:
        assessment = services.assessment_start(person=person, campaign=campaign)
    except services.AssessmentRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("assessments:index")
    return redirect("assessments:question", pk=assessment.pk)


@require_staff_member
def question(request, pk):
    assessment = _own_assessment(request, pk)
    if assessment.status == Assessment.Status.COMPLETED:
        return redirect("assessments:results", pk=assessment.pk)
    item = assessment.current_item
    language = request.LANGUAGE_CODE
    form = AnswerForm(request.POST or None, item=item, language=language)
    if request.method == "POST" and form.is_valid():
        outcome = services.response_submit(
            assessment_id=assessment.pk,
            person=request.actor.person,
            position=form.cleaned_data["position"],
            item_code=form.cleaned_data["item"],
            response=form.response(),
            idempotency_key=f"position-{form.cleaned_data['position']}",
            language=language,
            seen=assessment,
        )
        if outcome.status == "stale":
            messages.info(request, _("That question was already answered: here is where you are now."))
        answered = outcome.status in ("recorded", "replayed")
        if answered and assessment.mode == Assessment.Mode.PRACTICE:
            target = reverse("assessments:feedback", args=[assessment.pk, outcome.response.position])
            if request.htmx:
                # The explanation in this very response, its own address pushed: a reload
                # or the back button asks for that page, never for this POST again.
                page = _feedback_page(request, outcome.response, outcome.assessment)
                return push_url(page, target)
        elif outcome.assessment.status == Assessment.Status.COMPLETED:
            target = reverse("assessments:results", args=[assessment.pk])
        elif answered and request.htmx:
            # The next question in this very response (one request per answer with
            # htmx); the address stays the question's, so a reload shows it again.
            return _question_page(
                request,
                outcome.assessment,
                AnswerForm(item=outcome.assessment.current_item, language=language),
            )
        else:
            return redirect("assessments:question", pk=assessment.pk)  # htmx follows it and swaps
        return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    if (
        request.method == "POST"
        and not form.is_valid()
        and form.data.get("position") != str(assessment.current_position)
    ):
        # An old page posted with a problem: show the current question instead.
        return redirect("assessments:question", pk=assessment.pk)
    return _question_page(request, assessment, form)


def _question_page(request, assessment: Assessment, form: AnswerForm):
    """The question page, or with htmx only its question area (and its title)."""
    item, language = assessment.current_item, request.LANGUAGE_CODE
    context = {
        "assessment": assessment,
        "item": item,
        "form": form,
        "stem": text(item, "stem", language),
        "attachment_title": text(item, "attachment_title", language) if item.attachment else "",
        "progress": selectors.progress_for(assessment),
    }
    template = "assessments/question.html#question" if request.htmx else "assessments/question.html"
    return render(request, template, context, status=400 if form.errors else 200)


@require_staff_member
def feedback(request, pk, position):
    """Practice mode: the explanation right after an answer."""
    # The answer, its assessment and its item in one read: this page follows every answer.
    response = get_object_or_404(
        Response.objects.select_related("assessment", "item"),
        assessment__in=_own_assessments(request).filter(pk=pk, mode=Assessment.Mode.PRACTICE),
        position=position,
    )
    return _feedback_page(request, response, response.assessment)


def _feedback_page(request, response: Response, assessment: Assessment):
    """The explanation page, or with htmx only its area (and its title)."""
    language = request.LANGUAGE_CODE
    template = "assessments/feedback.html#feedback" if request.htmx else "assessments/feedback.html"
    return render(
        request,
        template,
        {
            "assessment": assessment,
            "response": response,
            "tutorials": list(response.item.tutorials.all()),
            "answer": selectors.answer_display(response, language),
            "explanation": text(response.item, "explanation", language),
            "stem": text(response.item, "stem", language),
        },
    )


@require_staff_member
def results(request, pk):
    assessment = _own_assessment(request, pk)
    if assessment.status != Assessment.Status.COMPLETED:
        return redirect("assessments:question", pk=assessment.pk)
    context = selectors.results_for(assessment.result, request.LANGUAGE_CODE)
    context["radar"] = radar_chart(context["rows"], language=request.LANGUAGE_CODE)
    context["assessment"] = assessment
    return render(request, "assessments/results.html", context)


@require_staff_member
def review(request, pk):
    """Every question of a finished assessment with the person's answer and the explanation."""
    assessment = _own_assessment(request, pk)
    if assessment.status != Assessment.Status.COMPLETED:
        return redirect("assessments:question", pk=assessment.pk)
    language = request.LANGUAGE_CODE
    answers = [
        {
            "response": response,
            "stem": text(response.item, "stem", language),
            "answer": selectors.answer_display(response, language),
            "explanation": text(response.item, "explanation", language),
        }
        for response in assessment.responses.select_related("item")
    ]
    return render(request, "assessments/review.html", {"assessment": assessment, "answers": answers})


@require_staff_member
def progress(request):
    history = selectors.history_for(request.actor.person, request.LANGUAGE_CODE)
    chart = progress_chart(history["points"], language=request.LANGUAGE_CODE) if history["points"] else None
    return render(request, "assessments/progress.html", {**history, "chart": chart})
