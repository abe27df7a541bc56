"""Workflows of reverse mentoring. Each runs in one transaction; the programme row (or
the pair row) is locked first, so two CDOs clicking at once, or a replayed request,
change nothing twice."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.learning.models import TimeEntry
from acculture.learning.services import time_entry_record
from acculture.mentoring import matching
from acculture.mentoring.cohorts import cohort_build, latest_levels, reasons_data
from acculture.mentoring.models import SLOTS, Enrolment, Feedback, Meeting, Pair, Programme
from acculture.people.models import Language, Organisation, Person, User
from acculture.people.services import audit_record

MAX_CAPACITY = 5
FINAL_FEEDBACK_DAYS = 14  # the end-of-programme feedback opens this many days before the end


class MentoringRefused(Exception):
    """A change that cannot be made; the message says why and what to do."""


# --- Programmes ---------------------------------------------------------------------------


def _check_dates(enrol_until: date, starts_on: date, ends_on: date) -> None:
    if not enrol_until <= starts_on < ends_on:
        raise MentoringRefused(
            _(
                "Put the dates in order: enrolment closes before the pairs start, and the programme ends after."
            )
        )


@transaction.atomic
def programme_create(*, organisation: Organisation, created_by: User | None, **fields) -> Programme:
    _check_dates(fields["enrol_until"], fields["starts_on"], fields["ends_on"])
    programme = Programme.objects.create(organisation=organisation, created_by=created_by, **fields)
    audit_record(actor=created_by, organisation=organisation, action="mentoring.programme_created",
                 subject=f"programme:{programme.pk}")  # fmt: skip
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, actor: User | None, **fields) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status == Programme.Status.CLOSED:
        raise MentoringRefused(_("This programme is finished: it can no longer change."))
    for name, value in fields.items():
        setattr(programme, name, value)
    _check_dates(programme.enrol_until, programme.starts_on, programme.ends_on)
    programme.save()
    return programme


@transaction.atomic
def programme_open(*, programme: Programme, actor: User | None) -> Programme:
    """Open enrolment: people who may take part see the invitation on their home page."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status != Programme.Status.DRAFT:
        return programme
    if not programme.mentor_levels or not programme.mentee_levels:
        raise MentoringRefused(_("Choose who may mentor and who may be mentored before opening enrolment."))
    programme.status = Programme.Status.OPEN
    programme.save(update_fields=["status"])
    audit_record(actor=actor, organisation=programme.organisation, action="mentoring.programme_opened",
                 subject=f"programme:{programme.pk}")  # fmt: skip
    return programme


# --- Enrolment ----------------------------------------------------------------------------


@transaction.atomic
def enrolment_save(
    *,
    programme: Programme,
    person: Person,
    role: str,
    competences: list[str],
    slots: list[str],
    languages: list[str],
    mode: str = Enrolment.Mode.EITHER,
    goals_text: str = "",
    capacity: int = 1,
) -> Enrolment:
    """Enrol `person` on one side of `programme`, or change their enrolment. A mentor
    may only offer competences their latest result puts at the programme's minimum level."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if role not in programme.roles_open_to(person):
        raise MentoringRefused(_("This programme is not open to you on that side, or enrolment has closed."))
    codes = set(programme.framework.competences.values_list("code", flat=True))
    competences = [c for c in dict.fromkeys(competences) if c in codes]
    slots = [s for s in SLOTS if s in set(slots)]
    languages = [code for code in Language.values if code in set(languages)]
    if not competences:
        raise MentoringRefused(
            _("Choose at least one skill you want to work on.")
            if role == Enrolment.Role.MENTEE
            else _("Choose at least one skill you can teach.")
        )
    if not slots:
        raise MentoringRefused(_("Choose at least one time in the week when you are free."))
    if not languages:
        raise MentoringRefused(_("Choose at least one language you can speak in the meetings."))
    if role == Enrolment.Role.MENTOR:
        if not 1 <= capacity <= MAX_CAPACITY:
            raise MentoringRefused(_("Choose between 1 and %(n)d people to mentor.") % {"n": MAX_CAPACITY})
        levels = latest_levels([person.pk], programme.framework_id).get(person.pk, {})
        too_low = [c for c in competences if levels.get(c, 0) < programme.mentor_min_level]
        if too_low:
            raise MentoringRefused(
                _("To teach a skill you need level %(level)d or more on it in your latest assessment. "
                  "Untick %(codes)s, or take the assessment again.")
                % {"level": programme.mentor_min_level, "codes": ", ".join(too_low)}
            )  # fmt: skip
    else:
        capacity = 1
    existing = Enrolment.objects.filter(programme=programme, person=person).first()
    if existing and existing.role != role:
        raise MentoringRefused(_("You are already enrolled on the other side of this programme."))
    values = {"role": role, "competences": competences, "slots": slots, "languages": languages, "mode": mode,
              "goals_text": goals_text.strip(), "capacity": capacity}  # fmt: skip
    if existing is None:
        try:
            with transaction.atomic():  # a savepoint: a twin request may have enrolled first
                return Enrolment.objects.create(programme=programme, person=person, **values)
        except IntegrityError:
            existing = Enrolment.objects.get(programme=programme, person=person)
            if existing.role != role:
                raise MentoringRefused(
                    _("You are already enrolled on the other side of this programme.")
                ) from None
    for name, value in values.items():
        setattr(existing, name, value)
    existing.save()
    return existing


# --- Matching and the CDO's review --------------------------------------------------------


def pair_answers_expire(*, today: date, programme: Programme | None = None) -> int:
    """Published pairs not answered by both sides in time expire: their mentees wait for
    the next matching. One UPDATE, safe to repeat."""
    pairs = Pair.objects.filter(status=Pair.Status.PUBLISHED, respond_by__lt=today)
    if programme is not None:
        pairs = pairs.filter(programme=programme)
    return pairs.update(status=Pair.Status.EXPIRED)


@transaction.atomic
def matching_run(*, programme: Programme, actor: User | None) -> list[Pair]:
    """Propose pairs for every mentee without one, keeping locked pairs and pairs already
    published or under way; declined, expired and excluded pairs are never proposed
    again. Replaces the unlocked proposals. Returns the proposals."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status not in (Programme.Status.OPEN, Programme.Status.RUNNING):
        raise MentoringRefused(_("Open enrolment first; pairs are proposed from the people enrolled."))
    pair_answers_expire(today=timezone.localdate(), programme=programme)
    Pair.objects.filter(programme=programme, status=Pair.Status.PROPOSED, locked=False).delete()
    built = cohort_build(programme)
    proposed = matching.assign(built.cohort)
    score = matching.scores(built.cohort)
    kept = set(map(tuple, built.cohort.locked))
    created = []
    for i, j in proposed:
        if (i, j) in kept:
            continue
        pair = Pair(programme=programme, mentor=built.mentors[i], mentee=built.mentees[j],
                    score=round(float(score[j, i]), 4), reasons=reasons_data(built, i, j))  # fmt: skip
        created.append(pair)
    Pair.objects.bulk_create(created)
    # Locked proposals get fresh reasons too: enrolments may have changed since.
    index_m = {e.pk: i for i, e in enumerate(built.mentors)}
    index_e = {e.pk: j for j, e in enumerate(built.mentees)}
    for pair in Pair.objects.filter(programme=programme, status=Pair.Status.PROPOSED, locked=True):
        i, j = index_m.get(pair.mentor_id), index_e.get(pair.mentee_id)
        if i is not None and j is not None:  # both still active
            pair.score, pair.reasons = round(float(score[j, i]), 4), reasons_data(built, i, j)
            pair.save(update_fields=["score", "reasons"])
    programme.matched_at = timezone.now()
    programme.save(update_fields=["matched_at"])
    audit_record(actor=actor, organisation=programme.organisation, action="mentoring.matching_run",
                 subject=f"programme:{programme.pk}", proposed=len(created))  # fmt: skip
    return list(Pair.objects.filter(programme=programme, status=Pair.Status.PROPOSED))


def _proposed(pair: Pair) -> Pair:
    pair = Pair.objects.select_for_update().select_related("programme").get(pk=pair.pk)
    if pair.status != Pair.Status.PROPOSED:
        raise MentoringRefused(_("This pair is already published: it can no longer be changed."))
    return pair


@transaction.atomic
def pair_lock(*, pair: Pair, locked: bool, actor: User | None) -> Pair:
    """A locked proposal stays as it is when matching runs again."""
    pair = _proposed(pair)
    pair.locked = locked
    pair.save(update_fields=["locked"])
    return pair


@transaction.atomic
def pair_exclude(*, pair: Pair, actor: User | None) -> Pair:
    """The CDO rules a proposal out: these two are never proposed together again."""
    pair = _proposed(pair)
    pair.status, pair.locked = Pair.Status.EXCLUDED, False
    pair.save(update_fields=["status", "locked"])
    audit_record(actor=actor, organisation=pair.programme.organisation, action="mentoring.pair_excluded",
                 subject=f"pair:{pair.pk}")  # fmt: skip
    return pair


@transaction.atomic
def pair_swap(*, first: Pair, second: Pair, actor: User | None) -> tuple[Pair, Pair]:
    """Exchange the mentors of two proposals, if both new pairs keep every hard rule.
    Both come out locked: the CDO chose them."""
    if first.pk == second.pk or first.programme_id != second.programme_id:
        raise MentoringRefused(_("Choose two different pairs of the same programme."))
    a, b = (_proposed(p) for p in sorted([first, second], key=lambda p: p.pk))
    a.mentor_id, b.mentor_id = b.mentor_id, a.mentor_id
    built = cohort_build(a.programme)
    index_m = {e.pk: i for i, e in enumerate(built.mentors)}
    index_e = {e.pk: j for j, e in enumerate(built.mentees)}
    ok = matching.feasibility(built.cohort)
    forbidden = set(built.cohort.forbidden)
    score = matching.scores(built.cohort)
    for pair in (a, b):
        i, j = index_m.get(pair.mentor_id), index_e.get(pair.mentee_id)
        if i is None or j is None:
            raise MentoringRefused(
                _("One of these people has left the organisation: exclude their pair instead.")
            )
        if not ok[j, i] or (i, j) in forbidden:
            raise MentoringRefused(
                _(
                    "%(mentor)s cannot mentor %(mentee)s: a rule forbids it (hierarchy, reporting line or language)."
                )
                % {"mentor": built.mentors[i].person, "mentee": built.mentees[j].person}
            )
        pair.score, pair.reasons, pair.locked = round(float(score[j, i]), 4), reasons_data(built, i, j), True
    for pair in (a, b):
        pair.save(update_fields=["mentor", "score", "reasons", "locked"])
    return a, b


@transaction.atomic
def programme_publish(*, programme: Programme, actor: User | None) -> int:
    """Send every proposal to both sides, who accept or decline within the programme's
    delay. Returns how many pairs were published."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    today = timezone.localdate()
    pairs = list(Pair.objects.filter(programme=programme, status=Pair.Status.PROPOSED))
    if not pairs:
        raise MentoringRefused(_("There is no proposed pair to publish. Run the matching first."))
    respond_by = today + timedelta(days=programme.answer_within_days)
    Pair.objects.filter(pk__in=[p.pk for p in pairs]).update(
        status=Pair.Status.PUBLISHED, respond_by=respond_by, locked=False
    )
    programme.status, programme.published_at = Programme.Status.RUNNING, timezone.now()
    programme.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, organisation=programme.organisation, action="mentoring.pairs_published",
                 subject=f"programme:{programme.pk}", pairs=len(pairs))  # fmt: skip
    from acculture.mentoring.tasks import pair_published_email

    pair_ids = [p.pk for p in pairs]
    transaction.on_commit(lambda: [pair_published_email.enqueue(pk) for pk in pair_ids])
    return len(pairs)


# --- The pair's life ----------------------------------------------------------------------


def _locked_pair(pair: Pair, person: Person) -> tuple[Pair, str]:
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("programme", "mentor__person", "mentee__person")
        .get(pk=pair.pk)
    )
    side = pair.side_of(person)
    if side is None:
        raise MentoringRefused(_("Only the mentor and the mentee of this pair can do this."))
    return pair, side


def pair_answer(*, pair: Pair, person: Person, accept: bool, charter: bool = False, goals: str = "") -> Pair:
    """One side accepts (with the charter) or declines. Both accepting starts the pair;
    a decline frees the mentee for the next matching, never with the same mentor. An
    answer after the delay expires the pair (that change stays, the answer is refused)."""
    late = Pair.objects.filter(
        pk=pair.pk, status=Pair.Status.PUBLISHED, respond_by__lt=timezone.localdate()
    ).update(status=Pair.Status.EXPIRED)
    if late:
        raise MentoringRefused(_("The time to answer has passed. The CDO will propose a new pair."))
    return _pair_answer(pair=pair, person=person, accept=accept, charter=charter, goals=goals)


@transaction.atomic
def _pair_answer(*, pair: Pair, person: Person, accept: bool, charter: bool, goals: str) -> Pair:
    pair, side = _locked_pair(pair, person)
    if pair.status != Pair.Status.PUBLISHED:
        raise MentoringRefused(_("This pair is no longer waiting for an answer."))
    now = timezone.now()
    if accept and not charter:
        raise MentoringRefused(_("Tick the box to accept the confidentiality charter, or decline the pair."))
    answer = Pair.Answer.ACCEPTED if accept else Pair.Answer.DECLINED
    fields = [f"{side}_answer"]
    setattr(pair, f"{side}_answer", answer)
    if accept:
        setattr(pair, f"{side}_charter_at", now)
        fields.append(f"{side}_charter_at")
        if side == Enrolment.Role.MENTEE and goals.strip():
            pair.agreed_goals = goals.strip()
            fields.append("agreed_goals")
    if not accept:
        pair.status = Pair.Status.DECLINED
        fields.append("status")
    elif pair.mentor_answer == pair.mentee_answer == Pair.Answer.ACCEPTED:
        pair.status, pair.activated_at = Pair.Status.ACTIVE, now
        fields += ["status", "activated_at"]
        if not pair.agreed_goals:
            pair.agreed_goals = pair.mentee.goals_text
            fields.append("agreed_goals")
    pair.save(update_fields=fields)
    return pair


@transaction.atomic
def meeting_log(
    *, pair: Pair, person: Person, on: date, minutes: int, topics: str, idempotency_key: str = ""
) -> Meeting:
    """Record a meeting and credit its time as learning time to both sides, once."""
    pair, _side = _locked_pair(pair, person)
    if pair.status != Pair.Status.ACTIVE:
        raise MentoringRefused(_("Meetings can be logged once both of you have accepted the pair."))
    if on > timezone.localdate():
        raise MentoringRefused(_("The date must be today or in the past."))
    if on < timezone.localdate(pair.activated_at) - timedelta(days=31):
        raise MentoringRefused(_("Log meetings held since the pair started."))
    if idempotency_key and (found := pair.meetings.filter(idempotency_key=idempotency_key).first()):
        return found
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(pair=pair, on=on, minutes=minutes, topics=topics.strip(),
                                             logged_by=person, idempotency_key=idempotency_key)  # fmt: skip
    except IntegrityError:
        return pair.meetings.get(idempotency_key=idempotency_key)
    description = _("Reverse-mentoring meeting")
    for enrolment in (pair.mentor, pair.mentee):
        time_entry_record(person=enrolment.person, source=TimeEntry.Source.MENTORING, minutes=minutes, on=on,
                          description=description, reference=f"mentoring-meeting:{meeting.pk}")  # fmt: skip
    if pair.nudged_at:
        pair.nudged_at = None  # the pair spoke again: a later silence deserves a new nudge
        pair.save(update_fields=["nudged_at"])
    return meeting


def feedback_open(pair: Pair, kind: str, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    if pair.status not in (Pair.Status.ACTIVE, Pair.Status.ENDED):
        return False
    if kind == Feedback.Kind.MIDPOINT:
        return today >= pair.programme.midpoint
    return today >= pair.programme.ends_on - timedelta(days=FINAL_FEEDBACK_DAYS)


@transaction.atomic
def feedback_give(
    *, pair: Pair, person: Person, kind: str, rating: int, goals_reached: str, comment: str = ""
) -> Feedback:
    """The half-way check-in or the final feedback, once per side. Private: its author
    and the CDO read it; everyone else sees counts of large groups."""
    pair, _side = _locked_pair(pair, person)
    if not feedback_open(pair, kind):
        raise MentoringRefused(
            _("This feedback is not open yet. It opens half-way, and two weeks before the end.")
        )
    if Feedback.objects.filter(pair=pair, author=person, kind=kind).exists():
        raise MentoringRefused(_("You have already given this feedback. Thank you."))
    return Feedback.objects.create(pair=pair, author=person, kind=kind, rating=rating,
                                   goals_reached=goals_reached, comment=comment.strip())  # fmt: skip


@transaction.atomic
def programme_close(*, programme: Programme, actor: User | None) -> Programme:
    """End the programme: pairs under way end; pairs not answered expire."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    Pair.objects.filter(programme=programme, status=Pair.Status.ACTIVE).update(status=Pair.Status.ENDED)
    Pair.objects.filter(programme=programme, status__in=[Pair.Status.PUBLISHED, Pair.Status.PROPOSED]).update(
        status=Pair.Status.EXPIRED
    )
    programme.status = Programme.Status.CLOSED
    programme.save(update_fields=["status"])
    audit_record(actor=actor, organisation=programme.organisation, action="mentoring.programme_closed",
                 subject=f"programme:{programme.pk}")  # fmt: skip
    return programme


def pair_claim_nudge(*, pair_id: int, quiet_before, now) -> Pair | None:
    """Claim the right to nudge one quiet pair (a conditional UPDATE: two workers never
    nudge twice). Call inside the transaction that sends the mail."""
    from django.db.models import Q

    claimed = (
        Pair.objects.filter(pk=pair_id, status=Pair.Status.ACTIVE)
        .filter(Q(nudged_at__isnull=True) | Q(nudged_at__lt=quiet_before))
        .update(nudged_at=now)
    )
    return (
        Pair.objects.select_related("programme", "mentor__person", "mentee__person").get(pk=pair_id)
        if claimed
        else None
    )
