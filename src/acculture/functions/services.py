"""Workflows that change functions, their requirements and their holders. Each runs in
one transaction; a refusal raises FunctionRefused with a message for the person."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.frameworks.models import Competence, Framework
from acculture.functions.models import MAX_LEVEL, MIN_LEVEL, CompetenceRequirement, Function, Holding
from acculture.people.models import Organisation, Person, User
from acculture.people.services import audit_record
from acculture.people.staff_files import Problem, StaffFileError, _parse_date, read_table


class FunctionRefused(Exception):
    """A change that cannot be made; the message says why and how to fix it."""


def _check_level(value: Decimal | None, what: str) -> None:
    if value is not None and not MIN_LEVEL <= value <= MAX_LEVEL:
        raise FunctionRefused(
            _("The minimum level for %(what)s must be between 0 and 8, for example 3.5.") % {"what": what}
        )


@transaction.atomic
def function_save(
    *,
    organisation: Organisation,
    function: Function | None = None,
    name: str,
    description: str = "",
    framework: Framework,
    overall_level: Decimal | None,
    evidence: str = Function.EvidenceKind.ASSESSMENT,
    assessment_months: int = 12,
    grace_days: int = 180,
    minimums: dict[Competence, Decimal] | None = None,
    actor: User | None,
) -> Function:
    """Create a function (`function` None) or replace its settings and requirements.

    A function needs at least one requirement: an overall level or a competence's level.
    Competences must be the function's framework's."""
    minimums = {c: v for c, v in (minimums or {}).items() if v is not None}
    _check_level(overall_level, _("the overall level"))
    for competence, value in minimums.items():
        if competence.framework_id != framework.pk:
            raise FunctionRefused(_("Choose competences of the function's framework."))
        _check_level(value, competence.code)
    if overall_level is None and not minimums:
        raise FunctionRefused(_("Give at least one minimum level: the overall level or a competence's."))
    duplicate = Function.objects.filter(organisation=organisation, name__iexact=name)
    if function is not None:
        duplicate = duplicate.exclude(pk=function.pk)
    if duplicate.exists():
        raise FunctionRefused(_("A function with this name already exists. Choose another name."))
    values = dict(
        name=name, description=description, framework=framework, overall_level=overall_level,
        evidence=evidence, assessment_months=assessment_months, grace_days=grace_days,
    )  # fmt: skip
    if function is None:
        function = Function(organisation=organisation)
    else:
        # Two HR people saving the same function at once: the second waits, then wins whole.
        function = Function.objects.select_for_update().get(pk=function.pk, organisation=organisation)
    for key, value in values.items():
        setattr(function, key, value)
    try:
        with transaction.atomic():
            function.save()
    except IntegrityError:
        raise FunctionRefused(_("A function with this name already exists. Choose another name.")) from None
    function.competence_requirements.exclude(competence__in=list(minimums)).delete()
    for competence, value in minimums.items():
        CompetenceRequirement.objects.update_or_create(
            function=function, competence=competence, defaults={"minimum_level": value}
        )
    audit_record(
        actor=actor, organisation=organisation, action="functions.function_saved", subject=f"function:{function.pk}",
        overall_level=str(overall_level) if overall_level is not None else None,
        minimums={c.code: str(v) for c, v in minimums.items()},
    )  # fmt: skip
    return function


FUTURE_LIMIT = timedelta(days=366)  # HR may record a move planned for the coming year


def _start_too_late() -> str:
    return _("The start date must be today, in the past, or within a year from today.")


def _already_holds(person: Person) -> str:
    return _("%(name)s already holds this function.") % {"name": person.full_name}


@transaction.atomic
def holding_create(*, function: Function, person: Person, started_on: date, actor: User | None) -> Holding:
    """`person` holds `function` from `started_on`. Holding it already is refused."""
    if person.organisation_id != function.organisation_id:
        raise FunctionRefused(_("No one in your organisation has this employee number."))
    if started_on > timezone.localdate() + FUTURE_LIMIT:
        raise FunctionRefused(_start_too_late())
    if Holding.objects.filter(function=function, person=person).exists():
        raise FunctionRefused(_already_holds(person))
    try:
        with transaction.atomic():  # a concurrent assignment loses on the unique constraint
            holding = Holding.objects.create(
                function=function, person=person, started_on=started_on, assigned_by=actor
            )
    except IntegrityError:
        raise FunctionRefused(_already_holds(person)) from None
    audit_record(
        actor=actor, organisation=function.organisation, action="functions.holder_added",
        subject=f"person:{person.pk}", function=function.pk, started_on=started_on.isoformat(),
    )  # fmt: skip
    return holding


@transaction.atomic
def holding_remove(*, holding: Holding, actor: User | None) -> None:
    audit_record(
        actor=actor, organisation=holding.function.organisation, action="functions.holder_removed",
        subject=f"person:{holding.person_id}", function=holding.function_id,
    )  # fmt: skip
    holding.delete()


HOLDER_COLUMNS = ("employee_number", "start_date")


@dataclass
class HolderImport:
    created: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@transaction.atomic
def holdings_import(
    *, function: Function, data: bytes, filename: str, actor: User | None, today: date | None = None
) -> HolderImport:
    """Assign the people of a CSV or XLSX file (columns employee_number and, optionally,
    start_date — today when empty) to `function`. Every row is checked first; if any row
    has a problem, each is reported with its line and column and nothing is written."""
    today = today or timezone.localdate()
    report = HolderImport()
    try:
        _names, rows = read_table(data, filename, columns=HOLDER_COLUMNS, required=("employee_number",))
    except StaffFileError as error:
        report.problems = error.problems
        return report
    # Lock the function: two uploads at once cannot both pass the "already holds" check.
    function = Function.objects.select_for_update().get(pk=function.pk)
    wanted: list[tuple[int, str, date]] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        number = cells.get("employee_number", "")
        if not number:
            report.problems.append(Problem(line, "employee_number", "", _("This value is required.")))
            continue
        if number in seen:
            report.problems.append(
                Problem(
                    line,
                    "employee_number",
                    number,
                    _("This employee number is already on line %(l)s.") % {"l": seen[number]},
                )
            )
            continue
        seen[number] = line
        started_on = today
        if text := cells.get("start_date"):
            try:
                started_on = _parse_date(text)
            except ValueError:
                report.problems.append(
                    Problem(
                        line,
                        "start_date",
                        text,
                        _("This is not a valid date. Write it as 2026-09-01 or 01/09/2026."),
                    )
                )
                continue
            if started_on > today + FUTURE_LIMIT:
                report.problems.append(Problem(line, "start_date", text, _start_too_late()))
                continue
        wanted.append((line, number, started_on))
    if not wanted and not report.problems:
        report.problems.append(Problem(None, None, None, _("The file has a header but no people.")))
    people = {
        p.employee_number: p
        for p in Person.objects.filter(
            organisation_id=function.organisation_id, employee_number__in=[w[1] for w in wanted]
        )
    }
    holders = set(Holding.objects.filter(function=function).values_list("person__employee_number", flat=True))
    for line, number, _started_on in wanted:
        if number not in people:
            report.problems.append(
                Problem(
                    line,
                    "employee_number",
                    number,
                    _("No one in your organisation has this employee number."),
                )
            )
        elif not people[number].is_active:
            report.problems.append(
                Problem(
                    line, "employee_number", number, _("This person has left the organisation (inactive).")
                )
            )
        elif number in holders:
            report.problems.append(Problem(line, "employee_number", number, _already_holds(people[number])))
    if report.problems:
        report.problems.sort(key=lambda p: (p.line or 0, p.column or ""))
        return report
    Holding.objects.bulk_create(
        [Holding(function=function, person=people[n], started_on=s, assigned_by=actor) for _l, n, s in wanted]
    )
    report.created = len(wanted)
    audit_record(
        actor=actor, organisation=function.organisation, action="functions.holders_imported",
        subject=f"function:{function.pk}", filename=filename, created=report.created,
    )  # fmt: skip
    return report
