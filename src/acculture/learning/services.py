"""Workflows that change learning time. Each runs in one transaction."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.learning import selectors
from acculture.learning.models import AllowancePolicy, TimeEntry
from acculture.people.models import Organisation, Person, Unit, User
from acculture.people.services import audit_record


class LearningRefused(Exception):
    """A change that cannot be made; the message says why, in words for the person."""


@transaction.atomic
def time_entry_record(
    *, person: Person, source: str, minutes: int, on: date, description: str = "", reference: str = ""
) -> TimeEntry:
    """Record time the platform knows was spent (approved at once).

    With a `reference`, recording the same thing again returns the entry already there
    and changes nothing, whatever the minutes: a retried task or a replayed request
    never counts the time twice.
    """
    if reference and (found := TimeEntry.objects.filter(person=person, reference=reference).first()):
        return found
    try:
        # A savepoint: a concurrent recording of the same reference loses the race on
        # the unique constraint without breaking the caller's transaction.
        with transaction.atomic():
            return TimeEntry.objects.create(
                person=person, source=source, minutes=minutes, date=on, description=description,
                reference=reference, status=TimeEntry.Status.APPROVED,
            )  # fmt: skip
    except IntegrityError:
        if not reference:
            raise
        return TimeEntry.objects.get(person=person, reference=reference)


def credit_assessment(result) -> TimeEntry:
    """Credit the time a finished assessment took: whole minutes, at least one."""
    minutes = max(1, round(result.seconds_spent / 60))
    return time_entry_record(
        person=result.person,
        source=TimeEntry.Source.ASSESSMENT,
        minutes=minutes,
        on=timezone.localdate(result.completed_at),
        reference=f"assessment:{result.assessment_id}",
    )


@transaction.atomic
def time_entry_declare(
    *, person: Person, minutes: int, on: date, description: str, source: str = TimeEntry.Source.DECLARED
) -> TimeEntry:
    """A person says they spent time learning. It waits for their manager when the
    organisation asks for approval and they have a manager; otherwise it counts at once."""
    if on > timezone.localdate():
        raise LearningRefused(_("The date must be today or in the past."))
    if source not in (TimeEntry.Source.DECLARED, TimeEntry.Source.TUTORIAL):
        raise LearningRefused(_("Choose what kind of learning it was."))
    needs_approval = person.manager_id is not None and selectors.approval_required(person.organisation, on)
    return TimeEntry.objects.create(
        person=person, source=source, minutes=minutes, date=on, description=description,
        status=TimeEntry.Status.PENDING if needs_approval else TimeEntry.Status.APPROVED,
    )  # fmt: skip


@transaction.atomic
def time_entry_decide(*, entry: TimeEntry, approver: Person, approve: bool) -> TimeEntry:
    """The person's own manager counts a declaration, or not. Anyone else is refused."""
    entry = TimeEntry.objects.select_for_update().select_related("person").get(pk=entry.pk)
    if entry.person.manager_id != approver.pk:
        raise LearningRefused(_("Only the person's manager can decide on this time."))
    if entry.status != TimeEntry.Status.PENDING:
        raise LearningRefused(_("This time has already been decided on."))
    entry.status = TimeEntry.Status.APPROVED if approve else TimeEntry.Status.REJECTED
    entry.approved_by = approver.user
    entry.save(update_fields=["status", "approved_by"])
    audit_record(
        actor=approver.user,
        organisation=approver.organisation,
        action="learning.time_approved" if approve else "learning.time_rejected",
        subject=f"person:{entry.person_id}",
        entry=entry.pk,
        minutes=entry.minutes,
    )
    return entry


@transaction.atomic
def allowance_policy_set(
    *,
    organisation: Organisation,
    unit: Unit | None,
    minutes_per_month: int,
    effective_from: date,
    requires_approval: bool = True,
    created_by: User | None,
    function=None,
) -> AllowancePolicy:
    """Give `minutes_per_month` from `effective_from` on, to the organisation, to a
    unit and the units below it, or to the holders of a function. Earlier policies stay:
    they still count for the months they covered."""
    if unit is not None and unit.organisation_id != organisation.pk:
        raise LearningRefused(_("Choose a unit of your organisation."))
    if function is not None and function.organisation_id != organisation.pk:
        raise LearningRefused(_("Choose a function of your organisation."))
    if unit is not None and function is not None:
        raise LearningRefused(_("Choose a unit or a function, not both."))
    policy = AllowancePolicy.objects.create(
        organisation=organisation, unit=unit, function=function, minutes_per_month=minutes_per_month,
        effective_from=effective_from, requires_approval=requires_approval, created_by=created_by,
    )  # fmt: skip
    audit_record(
        actor=created_by,
        organisation=organisation,
        action="learning.policy_set",
        subject=f"function:{function.pk}" if function else f"unit:{unit.pk}" if unit else "organisation",
        minutes_per_month=minutes_per_month,
        effective_from=effective_from.isoformat(),
    )
    return policy
