"""Workflows of the assessment: start, answer, finish. Each runs in one transaction.

The way one answer travels (DESIGN.md): lock the assessment row → score the answer →
posterior update → stopping rule → next item → one commit of the response and the new
state. A double click, a browser back, a replayed POST or two tabs never record an answer
twice or skip a question: the form carries the question's position and an idempotency
key; a replay gets the outcome it already had, a stale page is sent to the current one.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.assessments import engine
from acculture.assessments.models import Assessment, Campaign, Invitation, Response, Result
from acculture.content.models import Item
from acculture.content.scoring import score
from acculture.frameworks.models import Framework
from acculture.people.models import Person
from acculture.prepared import PreparedInsert, PreparedUpdate
from acculture.psychometrics import Session, band

# An 80 % credible interval, said in words as "probably between … and …".
INTERVAL_Z = 1.2816
# Time on one question is capped so that a tab left open overnight does not count as learning.
MAX_SECONDS_PER_ITEM = 15 * 60


class AssessmentRefused(Exception):
    """The person cannot start now; the message says why and what to do."""


@dataclass(frozen=True)
class SubmitOutcome:
    status: Literal["recorded", "replayed", "stale", "finished"]
    assessment: Assessment
    response: Response | None


def retake_available_at(person: Person) -> datetime | None:
    last = (
        Result.objects.filter(person=person)
        .order_by("-completed_at")
        .values_list("completed_at", flat=True)
        .first()
    )
    if last is None:
        return None
    return last + timedelta(days=settings.ASSESSMENT_RETAKE_DAYS)


def assessment_start(
    *, person: Person, campaign: Campaign | None = None, now: datetime | None = None
) -> Assessment:
    """Start an assessment, or return the one in progress (from any device or tab)."""
    now = now or timezone.now()
    existing = (
        Assessment.objects.filter(person=person, status=Assessment.Status.IN_PROGRESS)
        .exclude(mode=Assessment.Mode.CERTIFICATION)
        .first()
    )
    if existing is not None:
        return existing
    if campaign is not None:
        if campaign.organisation_id != person.organisation_id or not campaign.is_open(
            timezone.localdate(now)
        ):
            raise AssessmentRefused(_("This campaign is not open."))
        if not Invitation.objects.filter(campaign=campaign, person=person).exists():
            raise AssessmentRefused(_("This campaign is for other people."))
        if Assessment.objects.filter(
            person=person, campaign=campaign, status=Assessment.Status.COMPLETED
        ).exists():
            raise AssessmentRefused(_("You have already taken the assessment of this campaign."))
    else:
        available = retake_available_at(person)
        if available is not None and now < available:
            raise AssessmentRefused(
                _("You can take the assessment again from %(date)s.")
                % {"date": timezone.localtime(available).strftime("%d/%m/%Y %H:%M")}
            )
    framework = campaign.framework if campaign else Framework.objects.filter(is_default=True).first()
    if framework is None:
        raise AssessmentRefused(_("No competency framework is loaded yet. Ask your digital programme team."))
    scope = sorted(campaign.competences.values_list("code", flat=True)) if campaign else []
    loaded = engine.load_bank(framework, scope)
    if loaded.bank.size == 0:
        raise AssessmentRefused(_("No questions are available yet. Ask your digital programme team."))
    session = engine.open_session(loaded=loaded, state=None)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                person=person,
                campaign=campaign,
                mode=Assessment.Mode.CAMPAIGN if campaign else Assessment.Mode.PRACTICE,
                framework=framework,
                competence_codes=scope,
                seed=secrets.randbits(48),
                started_at=now,
            )
            _present_next(assessment, session, loaded, now)
            assessment.save()
    except IntegrityError:
        # Another tab started one a moment ago: the unique constraint kept it single.
        return Assessment.objects.exclude(mode=Assessment.Mode.CERTIFICATION).get(
            person=person, status=Assessment.Status.IN_PROGRESS
        )
    return assessment


def assessment_start_certification(
    *, person: Person, framework: Framework, now: datetime | None = None
) -> Assessment:
    """Start a proctored test over the whole framework: certification items only, and
    never an item the person has already seen (in practice, a campaign or an earlier
    sitting). The caller (the certification app) guards one test per enrolment."""
    now = now or timezone.now()
    loaded = engine.load_bank(framework, ())
    session = engine.open_session(loaded=loaded, state=None, mode=Assessment.Mode.CERTIFICATION)
    seen = Response.objects.filter(assessment__person=person).values_list("item__code", flat=True)
    session.exclude([loaded.bank.index[code] for code in set(seen) if code in loaded.bank.index])
    if not session.available.any():
        raise AssessmentRefused(
            _("No certification questions are available. Ask your digital programme team.")
        )
    assessment = Assessment.objects.create(
        person=person,
        mode=Assessment.Mode.CERTIFICATION,
        framework=framework,
        seed=secrets.randbits(48),
        started_at=now,
    )
    _present_next(assessment, session, loaded, now)
    assessment.save()
    return assessment


def response_submit(
    *,
    assessment_id: int,
    person: Person,
    position: int,
    item_code: str,
    response: object,
    idempotency_key: str,
    language: str = "fr",
    now: datetime | None = None,
    seen: Assessment | None = None,
) -> SubmitOutcome:
    """Record the answer to the question at `position`, exactly once.

    `seen` is the caller's own read of this assessment a moment ago (the question view's,
    which validated the form against its item). For the page's answer to the current
    question, the answer is scored and the next question chosen from it, outside any
    lock, then written only if the assessment is still where `seen` was (see
    `_submit_as_seen`). Otherwise, or when that write finds it moved, the state that an
    answer changes is read under the lock."""
    now = now or timezone.now()
    if seen is not None and (outcome := _submit_as_seen(seen, person, position, item_code, response,
                                                        idempotency_key, language, now)):  # fmt: skip
        return outcome
    with transaction.atomic():
        # The current item from the cached bank, like the question page's (no join).
        locked = Assessment.objects.select_for_update()
        assessment = engine.with_current_item(locked.get(pk=assessment_id, person=person))
        # The pages' key is the position's own ("position-N"; the API's are namespaced) and
        # nothing is stored yet at the current position: such a key there is no replay, and
        # the first answer to a question costs no look-up.
        fresh = idempotency_key == f"position-{position}" and position == assessment.current_position
        replay = (
            assessment.responses.filter(idempotency_key=idempotency_key).first()
            if idempotency_key and not fresh
            else None
        )
        if replay is not None:
            return SubmitOutcome("replayed", assessment, replay)
        if assessment.status == Assessment.Status.COMPLETED:
            return SubmitOutcome("finished", assessment, None)
        item = assessment.current_item
        if item is None or position != assessment.current_position or item_code != item.code:
            return SubmitOutcome("stale", assessment, assessment.responses.filter(position=position).first())
        step = _answer_step(assessment, item, response, language, now)
        saved = _response_create(
            assessment, step, position, response, idempotency_key or f"position-{position}", now
        )
        assessment.current_position += 1
        assessment.seconds_spent += step.seconds
        if step.session.decision().stop:
            _finish(assessment, step.session, step.loaded, now)
        else:
            _present_next(assessment, step.session, step.loaded, now)
        assessment.save(update_fields=ANSWER_CHANGES)
    return SubmitOutcome("recorded", assessment, saved)


# The writes of an answer, compiled once per process (acculture.prepared): the shortcut's
# new state, where the assessment is still in progress at the answered position, and the
# answer's row (both paths).
ANSWER_MOVE = PreparedUpdate(
    lambda pk, position: Assessment.objects.filter(
        pk=pk, status=Assessment.Status.IN_PROGRESS, current_position=position
    ),
    fields=("current_position", "seconds_spent", "current_item_id", "presented_at", "engine_state"),
    pk=-917_000_001,
    position=917_000_002,  # a PositiveIntegerField: a negative example would match nothing
)
RESPONSE_INSERT = PreparedInsert(Response)


def _submit_as_seen(
    seen: Assessment,
    person: Person,
    position: int,
    item_code: str,
    response: object,
    idempotency_key: str,
    language: str,
    now: datetime,
) -> SubmitOutcome | None:
    """The first answer to the current question, written with one conditional UPDATE.

    The engine's step (score, posterior update, next item, its JSON state) is the
    costliest part of an answer, and it depends only on the state `seen` read and on the
    answer. So it runs before the transaction, and the transaction writes the new state
    only where the assessment is still in progress at this position: the UPDATE's WHERE
    is the check, its row lock (PostgreSQL) or the write lock (SQLite) makes it atomic,
    and every change of the state moves the position or the status. The write lock is
    then held for two statements instead of the whole step, which matters on SQLite,
    where it is one lock for the whole database.

    None when this shortcut does not apply (a replay, a stale page, the last answer, which
    writes the result) or when the assessment moved meanwhile (another tab, a double
    click): the caller then takes the locked path, which knows what to answer."""
    item = seen.current_item
    if (
        seen.person_id != person.pk
        or seen.status != Assessment.Status.IN_PROGRESS
        or idempotency_key != f"position-{position}"
        or position != seen.current_position
        or item is None
        or item_code != item.code
    ):
        return None
    step = _answer_step(seen, item, response, language, now)
    if step.session.decision().stop:
        return None
    following = step.session.next_item(engine.rng_for(seen.seed, position + 1))
    if following is None:
        return None
    loaded = step.loaded
    changes = {
        "current_position": position + 1,
        "seconds_spent": seen.seconds_spent + step.seconds,
        "current_item_id": loaded.item_pk[loaded.bank.ids[following]],
        "presented_at": now,
        "engine_state": step.session.to_dict(),
    }
    with transaction.atomic():
        moved = not ANSWER_MOVE.run(changes, pk=seen.pk, position=position)
        if not moved:
            saved = _response_create(seen, step, position, response, idempotency_key, now)
    if moved:
        return None
    for name, value in changes.items():
        setattr(seen, name, value)
    seen.current_item = loaded.items[changes["current_item_id"]]  # the next page's, no query
    return SubmitOutcome("recorded", seen, saved)


@dataclass(frozen=True)
class _AnswerStep:
    """One answer scored and recorded in the engine's session, nothing written yet."""

    item: Item
    correct: bool
    scored: bool
    seconds: int
    loaded: engine.LoadedBank
    session: Session


def _answer_step(
    assessment: Assessment, item: Item, response: object, language: str, now: datetime
) -> _AnswerStep:
    """Score the answer to `item` and update the posterior from `assessment`'s state.

    Shared by both write paths, so that the shortcut and the locked path cannot drift:
    the same answers give the same questions, state and result (a test checks it)."""
    correct = response is not None and score(item.type, item.answer, response, language)
    loaded = engine.load_bank(assessment.framework_id, assessment.competence_codes)
    session = engine.open_session(loaded=loaded, state=assessment.engine_state, mode=assessment.mode)
    index = loaded.bank.index.get(item.code)
    if index is not None:
        session.record(index, correct)
    seconds = max(0, min(int((now - assessment.presented_at).total_seconds()), MAX_SECONDS_PER_ITEM))
    scored = index is not None and not item.for_pretest
    return _AnswerStep(item, correct, scored, seconds, loaded, session)


def _response_create(
    assessment: Assessment,
    step: _AnswerStep,
    position: int,
    response: object,
    idempotency_key: str,
    now: datetime,
) -> Response:
    return RESPONSE_INSERT.create(
        assessment=assessment,
        item=step.item,
        position=position,
        answer={} if response is None else {"value": response},
        dont_know=response is None,
        correct=step.correct,
        scored=step.scored,
        presented_at=assessment.presented_at,
        answered_at=now,
        seconds=step.seconds,
        idempotency_key=idempotency_key,
    )


# What an answer changes in its assessment (_present_next, or _finish at the last one).
ANSWER_CHANGES = (
    "current_position",
    "seconds_spent",
    "current_item",
    "presented_at",
    "engine_state",
    "status",
    "completed_at",
)


def _present_next(assessment: Assessment, session, loaded: engine.LoadedBank, now: datetime) -> None:
    index = session.next_item(engine.rng_for(assessment.seed, assessment.current_position))
    if index is None:
        _finish(assessment, session, loaded, now)
        return
    assessment.current_item = loaded.items[loaded.item_pk[loaded.bank.ids[index]]]
    assessment.presented_at = now
    assessment.engine_state = session.to_dict()


def _finish(assessment: Assessment, session, loaded: engine.LoadedBank, now: datetime) -> None:
    scale = engine.level_scale()
    entries = []
    for entry in session.result(scale):
        low = scale.level(entry["theta"] - INTERVAL_Z * entry["sd"])
        high = scale.level(entry["theta"] + INTERVAL_Z * entry["sd"])
        entries.append({**entry, "low": low, "high": high})
    thetas = [e["theta"] for e in entries]
    overall = scale.level(sum(thetas) / len(thetas)) if thetas else 0.0
    assessment.status = Assessment.Status.COMPLETED
    assessment.completed_at = now
    assessment.current_item = None
    assessment.engine_state = session.to_dict()
    if assessment.mode == Assessment.Mode.CERTIFICATION:
        return  # scored when its session is finalised (withdrawn questions, minimum answers)
    Result.objects.create(
        assessment=assessment,
        person_id=assessment.person_id,
        framework_id=assessment.framework_id,
        completed_at=now,
        overall_level=overall,
        overall_band=band(overall) or "",
        competences=entries,
        items_answered=assessment.current_position - 1,
        seconds_spent=assessment.seconds_spent,
    )
    # Learning sits above assessments (it credits their time), so it is imported here, at
    # call time, not at the top: assessments never depends on learning when it loads.
    from acculture.learning.services import credit_assessment

    credit_assessment(assessment.result)
    # The dashboard's current profile, likewise imported at call time (insights reads us).
    from acculture.insights.services import profile_refresh

    profile_refresh(person_id=assessment.person_id)
