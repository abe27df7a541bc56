"""The assessment over the REST API: the same services as the browser pages.

A person only ever reaches their own assessments (anyone else gets a 404). An answer
carries its question's position and item code plus an `Idempotency-Key` header: a
replay of the same key gets the same outcome again (marked `Idempotent-Replayed: true`),
an answer to a question that is no longer the current one gets a 409 with the current
position. See docs/api.md.
"""

import json
from datetime import datetime
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from acculture.api.schemas import Error, Invalid
from acculture.assessments import selectors, services
from acculture.assessments.forms import AnswerForm, text
from acculture.assessments.models import Assessment, Campaign, Result
from acculture.content.models import Item
from acculture.people.models import Person

router = Router(tags=["assessments"])

Language = Literal["fr", "en"]
# Stored keys are namespaced so that an API key can never meet the browser's own keys.
KEY_NAMESPACE = "api:"


class AssessmentOut(Schema):
    id: int
    status: str
    mode: str
    position: int = Field(description="The position of the current question (answered + 1).")
    started_at: datetime
    completed_at: datetime | None


class StartIn(Schema):
    campaign: int | None = Field(None, description="A launched campaign the person is invited to.")


class Choice(Schema):
    id: str
    text: str


class FieldLabel(Schema):
    id: str
    label: str


class Attachment(Schema):
    url: str
    title: str


class Progress(Schema):
    answered: int
    left: int = Field(description="A fair estimate of the questions left.")
    minutes: int = Field(description="About how many minutes they take.")


class QuestionOut(Schema):
    assessment: int
    position: int
    item: str
    type: str
    language: Language
    stem: str
    choices: list[Choice]
    fields: list[FieldLabel]
    attachment: Attachment | None
    progress: Progress


class AnswerIn(Schema):
    position: int = Field(ge=1, description="The position of the question answered.")
    item: str = Field(min_length=1, max_length=80, description="The code of the question answered.")
    answer: str | list[str] | dict[str, str] | None = Field(
        None,
        description="A choice id (single), a list of ids (multiple), a text (short), or field id → text.",
    )
    dont_know: bool = False


class Answered(Schema):
    position: int
    item: str
    answer: str = Field(description="The answer in words, as the person gave it.")
    dont_know: bool


class Feedback(Schema):
    correct: bool
    explanation: str


class AnswerOut(Schema):
    answered: Answered
    feedback: Feedback | None = Field(description="Practice mode only: right or not, and why.")
    assessment: AssessmentOut
    next: QuestionOut | None = Field(description="The current question; null once the assessment is over.")


class Conflict(Schema):
    detail: str
    status: str
    position: int


class CompetenceLevel(Schema):
    code: str
    name: str
    level: float
    band: str
    low: float = Field(description="Lower end of the 80 % interval of the level.")
    high: float = Field(description="Upper end of the 80 % interval of the level.")
    uncertainty: str
    items: int
    previous: float | None
    change: float | None


class ResultOut(Schema):
    assessment: int
    framework: str
    completed_at: datetime
    overall_level: float
    overall_band: str
    items_answered: int
    minutes: int
    competences: list[CompetenceLevel]


class HistoryEntry(Schema):
    assessment: int
    framework: str
    completed_at: datetime
    overall_level: float
    items_answered: int


def _person(request) -> Person:
    person = request.actor.person
    if person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    return person


def _own_assessment(request, assessment_id: int) -> Assessment:
    """The caller's own assessment, or a 404 that says nothing about anyone else's."""
    assessment = (
        Assessment.objects.select_related("framework", "current_item")
        .filter(pk=assessment_id, person=_person(request))
        .exclude(mode=Assessment.Mode.CERTIFICATION)  # proctored: only through its own pages
        .first()
    )
    if assessment is None:
        raise HttpError(404, "You have no assessment with this id.")
    return assessment


def _language(request, lang: Language | None) -> Language:
    return lang or _person(request).language


def _assessment_out(assessment: Assessment) -> AssessmentOut:
    return AssessmentOut(
        id=assessment.pk,
        status=assessment.status,
        mode=assessment.mode,
        position=assessment.current_position,
        started_at=assessment.started_at,
        completed_at=assessment.completed_at,
    )


def _question_out(request, assessment: Assessment, language: Language) -> QuestionOut:
    """The current question as the person sees it: never the key, the why or the explanation."""
    item = assessment.current_item
    progress = selectors.progress_for(assessment)
    fields = []
    if item.type == Item.Type.FIELDS:
        fields = [
            FieldLabel(id=f["id"], label=f["label"].get(language) or f["label"]["fr"])
            for f in item.answer.get("fields", [])
        ]
    attachment = None
    if item.attachment:
        attachment = Attachment(
            url=request.build_absolute_uri(reverse("content:attachment", args=[item.attachment])),
            title=text(item, "attachment_title", language) or item.attachment,
        )
    return QuestionOut(
        assessment=assessment.pk,
        position=assessment.current_position,
        item=item.code,
        type=item.type,
        language=language,
        stem=text(item, "stem", language),
        choices=[Choice(id=c["id"], text=c.get(language) or c["fr"]) for c in item.choices],
        fields=fields,
        attachment=attachment,
        progress=Progress(answered=progress["answered"], left=progress["left"], minutes=progress["minutes"]),
    )


@router.post(
    "/start",
    response={200: AssessmentOut, 201: AssessmentOut, 400: Error, 404: Error, 409: Error, 422: Invalid},
    summary="Start an assessment, or get the one in progress",
)
def start(request, payload: StartIn):
    """201 with a new assessment; 200 with the one already in progress (from any device).
    409 when the person cannot start now (a retake too soon, a closed campaign)."""
    if not isinstance(json.loads(request.body or b"{}"), dict):
        # A JSON array or number would otherwise be read as an empty object.
        return Status(422, {"detail": _("The body must be a JSON object, for example {}."), "errors": []})
    person = _person(request)
    campaign = None
    if payload.campaign is not None:
        campaign = Campaign.objects.filter(pk=payload.campaign, organisation=person.organisation).first()
        if campaign is None:
            raise HttpError(404, "There is no campaign with this id in your organisation.")
    existed = (
        Assessment.objects.filter(person=person, status=Assessment.Status.IN_PROGRESS)
        .exclude(mode=Assessment.Mode.CERTIFICATION)
        .exists()
    )
    try:
        with translation.override(person.language):
            assessment = services.assessment_start(person=person, campaign=campaign)
    except services.AssessmentRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status((200 if existed else 201), _assessment_out(assessment))


@router.get(
    "/results",
    response={200: list[HistoryEntry], 422: Invalid},
    summary="The caller's finished assessments, newest first",
)
def results(request):
    person = _person(request)
    return [
        HistoryEntry(
            assessment=r.assessment_id,
            framework=r.framework.code,
            completed_at=r.completed_at,
            overall_level=r.overall_level,
            items_answered=r.items_answered,
        )
        for r in Result.objects.filter(person=person).select_related("framework").order_by("-completed_at")
    ]


@router.get(
    "/{int:assessment_id}/question",
    response={200: QuestionOut, 404: Error, 409: Conflict, 422: Invalid},
    summary="The current question, in the caller's language",
)
def question(request, assessment_id: int, lang: Query[Language | None] = None):
    """409 once the assessment is finished: read its result instead."""
    assessment = _own_assessment(request, assessment_id)
    if assessment.status == Assessment.Status.COMPLETED:
        return Status(
            409,
            Conflict(
                detail="This assessment is finished: read its result.",
                status="finished",
                position=assessment.current_position,
            ),
        )
    return _question_out(request, assessment, _language(request, lang))


EXPECTED_SHAPE = {
    Item.Type.SINGLE: (str, "a choice id"),
    Item.Type.MULTIPLE: (list, "a list of choice ids"),
    Item.Type.SHORT: (str, "a text"),
    Item.Type.FIELDS: (dict, "an object of field id → text"),
}


def _validated_response(item: Item, payload: AnswerIn, language: str) -> object:
    """The answer in the shape the service scores, checked by the browser's own form.
    Raises a 422 that says what is wrong, in the same words the page uses."""
    if not payload.dont_know:
        kind, words = EXPECTED_SHAPE[Item.Type(item.type)]
        if payload.answer is None:
            raise ValidationError(
                [{"loc": ["body", "answer"], "msg": f"Give an answer ({words}), or send dont_know: true."}]
            )
        if not isinstance(payload.answer, kind):
            raise ValidationError(
                [{"loc": ["body", "answer"], "msg": f"This question ({item.type}) takes {words}."}]
            )
    data = MultiValueDict({"position": [str(payload.position)], "item": [payload.item]})
    if payload.dont_know:
        data["dont_know"] = "1"
    elif isinstance(payload.answer, dict):
        for field_id, value in payload.answer.items():
            data[f"field_{field_id}"] = value
    elif isinstance(payload.answer, list):
        data.setlist("answer", payload.answer)
    else:
        data["answer"] = payload.answer
    with translation.override(language):
        form = AnswerForm(data, item=item, language=language)
        if not form.is_valid():
            raise ValidationError(
                [
                    {"loc": ["body", "answer" if name.startswith("field_") else name], "msg": str(message)}
                    for name, messages in form.errors.items()
                    for message in messages
                ]
            )
        return form.response()


@router.post(
    "/{int:assessment_id}/answers",
    response={200: AnswerOut, 400: Error, 404: Error, 409: Conflict, 422: Invalid},
    summary="Answer the current question (exactly once, with an Idempotency-Key)",
)
def answer(
    request,
    response: HttpResponse,
    assessment_id: int,
    payload: AnswerIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=1, max_length=60),
    lang: Query[Language | None] = None,
):
    """The same key again gets the same outcome (200, header `Idempotent-Replayed: true`).
    409 `stale` when `position` is no longer the current question (the body says which
    is); 409 `finished` once the assessment is over; 422 when the body is not an answer
    to this question (nothing is recorded)."""
    assessment = _own_assessment(request, assessment_id)
    language = _language(request, lang)
    item = assessment.current_item
    is_current = (
        assessment.status == Assessment.Status.IN_PROGRESS
        and item is not None
        and payload.position == assessment.current_position
        and payload.item == item.code
    )
    # Only an answer to the current question is checked and scored; for any other the
    # service decides under its lock (replay, stale or finished) without reading it.
    value = _validated_response(item, payload, language) if is_current else None
    outcome = services.response_submit(
        assessment_id=assessment.pk,
        person=assessment.person,
        position=payload.position,
        item_code=payload.item,
        response=value,
        idempotency_key=KEY_NAMESPACE + idempotency_key,
        language=language,
    )
    current = outcome.assessment
    if outcome.status == "finished":
        return Status(
            409,
            Conflict(
                detail="This assessment is finished: read its result.",
                status="finished",
                position=current.current_position,
            ),
        )
    if outcome.status == "stale":
        return Status(
            409,
            Conflict(
                detail=f"Question {payload.position} is not the current one: question "
                f"{current.current_position} is.",
                status="stale",
                position=current.current_position,
            ),
        )
    recorded = outcome.response
    if outcome.status == "replayed":
        if (recorded.position, recorded.item.code) != (payload.position, payload.item):
            return Status(
                422, {"detail": "This Idempotency-Key was already used for another answer: use a new key."}
            )
        response["Idempotent-Replayed"] = "true"
        current = _own_assessment(request, assessment_id)  # where the person is now
    feedback = None
    if current.mode == Assessment.Mode.PRACTICE:
        feedback = Feedback(
            correct=recorded.correct, explanation=text(recorded.item, "explanation", language)
        )
    with translation.override(language):
        shown = selectors.answer_display(recorded, language)
    return AnswerOut(
        answered=Answered(
            position=recorded.position,
            item=recorded.item.code,
            answer=str(shown),
            dont_know=recorded.dont_know,
        ),
        feedback=feedback,
        assessment=_assessment_out(current),
        next=_question_out(request, current, language)
        if current.status == Assessment.Status.IN_PROGRESS
        else None,
    )


@router.get(
    "/{int:assessment_id}/result",
    response={200: ResultOut, 404: Error, 409: Conflict, 422: Invalid},
    summary="The result of a finished assessment: a level per competence with its uncertainty",
)
def result(request, assessment_id: int, lang: Query[Language | None] = None):
    assessment = _own_assessment(request, assessment_id)
    if assessment.status != Assessment.Status.COMPLETED:
        return Status(
            409,
            Conflict(
                detail="This assessment is not finished yet: answer its current question.",
                status=assessment.status,
                position=assessment.current_position,
            ),
        )
    language = _language(request, lang)
    outcome = get_object_or_404(Result.objects.select_related("framework", "person"), assessment=assessment)
    with translation.override(language):
        view = selectors.results_for(outcome, language)
    intervals = outcome.by_code()
    return ResultOut(
        assessment=assessment.pk,
        framework=outcome.framework.code,
        completed_at=outcome.completed_at,
        overall_level=outcome.overall_level,
        overall_band=str(view["overall_band"]),
        items_answered=outcome.items_answered,
        minutes=view["minutes"],
        competences=[
            CompetenceLevel(
                code=row["code"],
                name=row["name"],
                level=row["level"],
                band=str(row["band"]),
                low=intervals[row["code"]]["low"],
                high=intervals[row["code"]]["high"],
                uncertainty=str(row["uncertainty"]),
                items=row["items"],
                previous=row["previous"],
                change=row["change"],
            )
            for row in view["rows"]
        ],
    )
