"""Enrolling a certification session's candidates from a file (CSV or XLSX), read as the
staff file is (people/staff_files.py): every row is checked before anything is written."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from acculture.certification.models import Candidate, CertificationSession
from acculture.certification.services import _locked_session
from acculture.people.models import Person
from acculture.people.staff_files import Problem, StaffFileError, read_table


@dataclass
class ImportCheck:
    """The outcome of a candidates file: the rows to enrol, or every problem found."""

    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


CSV_COLUMNS = ("employee_number", "extra_time_percent", "accommodation")


def candidates_import(*, session: CertificationSession, data: bytes, filename: str = "") -> ImportCheck:
    """Enrol the people of a CSV or XLSX file (employee_number, extra_time_percent,
    accommodation), read as the staff file is (people/staff_files.py).

    Every row is checked first; with a single problem nothing is written, and each
    problem names its line and column so that the file can be fixed in one pass."""
    check = ImportCheck()
    try:
        _names, rows = read_table(data, filename, columns=CSV_COLUMNS, required=("employee_number",))
    except StaffFileError as error:
        check.problems = error.problems
        return check
    people = {p.employee_number: p for p in Person.objects.filter(organisation_id=session.organisation_id)}
    enrolled = set(session.candidates.values_list("person__employee_number", flat=True))
    seen: set[str] = set()
    for line, row in rows:
        number = row.get("employee_number", "")
        person = people.get(number)
        if not number:
            check.problems.append(Problem(line, "employee_number", "", _("This value is required.")))
            continue
        if person is None or not person.is_active:
            check.problems.append(
                Problem(line, "employee_number", number, _("Nobody in your organisation has this number."))
            )
            continue
        if number in enrolled or number in seen:
            check.problems.append(
                Problem(line, "employee_number", number, _("This person is already enrolled."))
            )
            continue
        seen.add(number)
        extra = row.get("extra_time_percent", "") or "0"
        if not extra.isdigit() or int(extra) > 200:
            check.problems.append(
                Problem(line, "extra_time_percent", extra, _("Write a whole number from 0 to 200."))
            )
            continue
        check.rows.append(
            {
                "person": person,
                "extra_time_percent": int(extra),
                "accommodation": row.get("accommodation", "")[:300],
            }
        )
    if not check.problems and not check.rows:
        check.problems.append(
            Problem(None, None, None, _("The file has no candidates below its first line."))
        )
    if check.problems:
        check.rows = []
        return check
    with transaction.atomic():
        locked = _locked_session(session)
        free = locked.capacity - locked.candidates.count()
        if locked.status != CertificationSession.Status.SCHEDULED:
            check.problems.append(
                Problem(
                    None, None, None, _("This session is finalised: enrol the people in another session.")
                )
            )
        elif len(check.rows) > free:
            message = _(
                "The file has %(n)s candidates but the session has %(free)s free places. Nothing was enrolled."
            ) % {"n": len(check.rows), "free": free}
            check.problems.append(Problem(None, None, None, message))
        else:
            try:
                with transaction.atomic():
                    Candidate.objects.bulk_create(Candidate(session=locked, **row) for row in check.rows)
            except IntegrityError:
                message = _("Someone enrolled one of these people meanwhile. Nothing was enrolled.")
                check.problems.append(Problem(None, None, None, message))
        if check.problems:
            check.rows = []
    return check
