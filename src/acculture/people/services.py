"""Workflows that change people data. Each runs in one transaction."""

import csv
import hashlib
import io
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from acculture.people.models import (
    UNIT_SEPARATOR,
    ApiToken,
    AuditEvent,
    LoginAttempt,
    Organisation,
    Person,
    RoleGrant,
    Site,
    StaffImport,
    Unit,
    User,
)
from acculture.people.staff_files import (
    COLUMNS,
    Problem,
    StaffFile,
    StaffFileError,
    check_rows,
    read_staff_file,
)

Progress = Callable[[str, int, int], None]


def audit_record(
    *, actor: User | None, organisation: Organisation | None, action: str, subject: str = "", **detail
) -> None:
    AuditEvent.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        organisation=organisation,
        action=action,
        subject=subject,
        detail=detail,
    )


# --- Staff import -----------------------------------------------------------------------

PERSON_FIELDS = ("first_name", "last_name", "email", "unit_id", "site_id", "job_title", "hierarchy_level",
                 "hire_date", "birth_year", "language", "is_active")  # fmt: skip
# Which file column feeds which Person field; a column absent from the file leaves the
# field as it is, so a file with only the four required columns never wipes other data.
FIELD_COLUMN = {"unit_id": "unit_path", "site_id": "site", "job_title": "job_title",
                "hierarchy_level": "hierarchy_level", "hire_date": "hire_date",
                "birth_year": "birth_year", "language": "language"}  # fmt: skip


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    units_created: int = 0
    sites_created: int = 0
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {
            "rows": self.rows, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "deactivated": self.deactivated,
            "units_created": self.units_created, "sites_created": self.sites_created,
            "problems": [p.as_dict() for p in self.problems], "dry_run": self.dry_run,
        }  # fmt: skip

    def summary(self) -> str:
        if self.problems:
            n = len(self.problems)
            return ngettext(
                "%(n)s problem found; nothing was written.", "%(n)s problems found; nothing was written.", n
            ) % {"n": n}
        if self.dry_run:
            text = _(
                "%(rows)s lines checked. If you import: %(created)s new, %(updated)s updated, "
                "%(unchanged)s unchanged, %(deactivated)s deactivated."
            )
        else:
            text = _(
                "%(rows)s lines imported: %(created)s new, %(updated)s updated, "
                "%(unchanged)s unchanged, %(deactivated)s deactivated."
            )
        return text % self.as_dict()


def _noop_progress(stage: str, done: int, total: int) -> None:
    pass


def people_import(
    *,
    organisation: Organisation,
    data: bytes,
    filename: str,
    dry_run: bool = False,
    deactivate_missing: bool = False,
    progress: Progress = _noop_progress,
) -> ImportReport:
    """Upsert the people of a staff file by employee number, all or nothing.

    The whole file is checked first; if anything is wrong the report lists every
    problem and nothing is written. Otherwise units and sites are created from the paths,
    people are created or updated, managers are resolved whatever the row order, and
    (with `deactivate_missing`) people absent from the file are deactivated.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        staff = read_staff_file(data, filename)
    except StaffFileError as exc:
        report.problems = exc.problems
        return report
    report.rows = len(staff.rows)
    progress("checked", len(staff.rows), len(staff.rows))
    with transaction.atomic():
        existing = {
            p["employee_number"]: p
            for p in Person.objects.filter(organisation=organisation).values(
                "id", "employee_number", "manager_id", "manager__employee_number", *PERSON_FIELDS
            )
        }
        in_file = {row.employee_number for row in staff.rows}
        check_rows(
            staff,
            {n: p["manager__employee_number"] for n, p in existing.items() if n not in in_file},
        )
        emails_elsewhere = {
            p["email"]: n for n, p in existing.items() if n not in in_file and p["is_active"] and p["email"]
        }
        for row in staff.rows:
            if (other := emails_elsewhere.get(row.email)) and not deactivate_missing:
                staff.problems.append(
                    Problem(
                        row.line,
                        "email",
                        row.email,
                        _("This e-mail address is already used by employee number %(n)s.") % {"n": other},
                    )
                )
        report.problems = sorted(
            staff.problems,
            key=lambda p: (p.line or 0, COLUMNS.index(p.column) if p.column in COLUMNS else 99),
        )
        if report.problems:
            return report
        _apply(organisation, staff, existing, report, deactivate_missing, progress)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _ensure_units(organisation: Organisation, paths: set[str], report: ImportReport) -> dict[str, int]:
    wanted: set[str] = set()
    for path in paths:
        parts = path.split(UNIT_SEPARATOR)
        wanted.update(UNIT_SEPARATOR.join(parts[: i + 1]) for i in range(len(parts)))
    ids = dict(Unit.objects.filter(organisation=organisation).values_list("path", "id"))
    missing = sorted(wanted - ids.keys(), key=lambda p: p.count(UNIT_SEPARATOR))
    # Create level by level so every parent has an id before its children.
    depth_groups: dict[int, list[str]] = {}
    for path in missing:
        depth_groups.setdefault(path.count(UNIT_SEPARATOR), []).append(path)
    for depth in sorted(depth_groups):
        new_units = []
        for path in depth_groups[depth]:
            parent, _sep, name = path.rpartition(UNIT_SEPARATOR)
            new_units.append(
                Unit(organisation=organisation, path=path, name=name, depth=depth, parent_id=ids.get(parent))
            )
        for unit in Unit.objects.bulk_create(new_units, batch_size=500):
            ids[unit.path] = unit.id
        report.units_created += len(new_units)
    return ids


def _ensure_sites(organisation: Organisation, names: set[str], report: ImportReport) -> dict[str, int]:
    ids = dict(Site.objects.filter(organisation=organisation).values_list("name", "id"))
    new = [Site(organisation=organisation, name=n) for n in sorted(names - ids.keys())]
    for site in Site.objects.bulk_create(new):
        ids[site.name] = site.id
    report.sites_created = len(new)
    return ids


def _apply(
    organisation, staff: StaffFile, existing: dict, report: ImportReport, deactivate_missing, progress
) -> None:
    unit_ids = _ensure_units(organisation, {r.unit_path for r in staff.rows if r.unit_path}, report)
    site_ids = _ensure_sites(organisation, {r.site for r in staff.rows if r.site}, report)
    present = set(staff.columns)
    with_managers = "manager_employee_number" in present

    def values_for(row) -> dict:
        values = {
            "first_name": row.first_name, "last_name": row.last_name, "email": row.email,
            "unit_id": unit_ids.get(row.unit_path) if row.unit_path else None,
            "site_id": site_ids.get(row.site) if row.site else None,
            "job_title": row.job_title or "", "hierarchy_level": row.hierarchy_level or "staff",
            "hire_date": row.hire_date, "birth_year": row.birth_year,
            "language": row.language or "fr", "is_active": True,
        }  # fmt: skip
        return {k: v for k, v in values.items() if k not in FIELD_COLUMN or FIELD_COLUMN[k] in present}

    # New people are created managers first, one layer of the reporting tree at a time,
    # so each row is written once with its manager already known: a second pass of
    # UPDATEs over 100,000 rows would cost more than the inserts themselves.
    ids = {number: person["id"] for number, person in existing.items()}
    pending = [row for row in staff.rows if row.employee_number not in existing]
    total = len(staff.rows)
    while pending:
        ready = [
            r
            for r in pending
            if not with_managers or not r.manager_employee_number or r.manager_employee_number in ids
        ]
        if not ready:  # cannot happen after check_rows rejected cycles and unknown managers
            raise RuntimeError("Unresolvable managers in a checked staff file.")
        created = Person.objects.bulk_create(
            [
                Person(
                    organisation=organisation,
                    employee_number=row.employee_number,
                    manager_id=ids[row.manager_employee_number]
                    if with_managers and row.manager_employee_number
                    else None,
                    **values_for(row),
                )
                for row in ready
            ],
            batch_size=1000,
        )
        ids.update((person.employee_number, person.id) for person in created)
        report.created += len(created)
        progress("created", report.created, total)
        ready_numbers = {r.employee_number for r in ready}
        pending = [r for r in pending if r.employee_number not in ready_numbers]

    changes: list[tuple[dict, dict]] = []
    changed_fields: set[str] = set()
    for row in staff.rows:
        current = existing.get(row.employee_number)
        if current is None:
            continue
        values = values_for(row)
        if with_managers:
            values["manager_id"] = ids[row.manager_employee_number] if row.manager_employee_number else None
        if diff := {k: v for k, v in values.items() if current[k] != v}:
            changed_fields.update(diff)
            changes.append((current, diff))
    # bulk_update writes the union of changed fields, so unchanged ones keep their value.
    to_update = [
        Person(id=current["id"], **{name: diff.get(name, current[name]) for name in changed_fields})
        for current, diff in changes
    ]
    if to_update:
        Person.objects.bulk_update(to_update, sorted(changed_fields), batch_size=1000)
    report.updated = len(to_update)
    report.unchanged = total - report.created - report.updated
    if deactivate_missing:
        in_file = {row.employee_number for row in staff.rows}
        missing = [p["id"] for n, p in existing.items() if n not in in_file and p["is_active"]]
        for start in range(0, len(missing), 1000):
            Person.objects.filter(id__in=missing[start : start + 1000]).update(is_active=False)
        report.deactivated = len(missing)
    progress("done", total, total)


def staff_import_check(
    *, organisation: Organisation, uploaded_by: User, data: bytes, filename: str, deactivate_missing: bool
) -> StaffImport:
    """Store an uploaded staff file with the result of a dry run, for HR to confirm."""
    report = people_import(
        organisation=organisation,
        data=data,
        filename=filename,
        dry_run=True,
        deactivate_missing=deactivate_missing,
    )
    return StaffImport.objects.create(
        organisation=organisation,
        uploaded_by=uploaded_by,
        filename=filename.replace("\x00", "")[:255],  # PostgreSQL text cannot hold NUL
        content=data,
        deactivate_missing=deactivate_missing,
        status=StaffImport.Status.CHECKED if report.ok else StaffImport.Status.INVALID,
        report=report.as_dict(),
    )


def staff_import_apply(*, staff_import: StaffImport, actor: User) -> ImportReport | None:
    """Apply a checked upload exactly once. A second click, a replayed request or two
    tabs find it already applied and get None: the conditional UPDATE decides."""
    with transaction.atomic():
        claimed = StaffImport.objects.filter(pk=staff_import.pk, status=StaffImport.Status.CHECKED).update(
            status=StaffImport.Status.APPLIED, applied_at=timezone.now()
        )
        if not claimed:
            return None
        report = people_import(
            organisation=staff_import.organisation,
            data=bytes(staff_import.content),
            filename=staff_import.filename,
            deactivate_missing=staff_import.deactivate_missing,
        )
        if not report.ok:
            # The organisation changed since the check (another import): undo the claim.
            transaction.set_rollback(True)
            return report
        StaffImport.objects.filter(pk=staff_import.pk).update(report=report.as_dict())
        audit_record(
            actor=actor, organisation=staff_import.organisation, action="people.import",
            subject=f"staff_import:{staff_import.pk}", created=report.created, updated=report.updated,
            deactivated=report.deactivated,
        )  # fmt: skip
    return report


# --- Staff export -----------------------------------------------------------------------


def people_export_rows(*, organisation: Organisation) -> Iterable[list[str]]:
    """The staff list in the import's columns, header first; import(export) changes nothing."""
    yield list(COLUMNS)
    people = (
        Person.objects.filter(organisation=organisation)
        .order_by("employee_number")
        .values_list(
            "employee_number",
            "first_name",
            "last_name",
            "email",
            "unit__path",
            "site__name",
            "job_title",
            "hierarchy_level",
            "manager__employee_number",
            "hire_date",
            "birth_year",
            "language",
        )
    )
    for values in people.iterator(chunk_size=2000):
        yield ["" if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v)) for v in values]


def people_export_csv(*, organisation: Organisation, out: io.TextIOBase) -> int:
    writer = csv.writer(out, lineterminator="\n")
    count = -1
    for count, row in enumerate(people_export_rows(organisation=organisation)):  # noqa: B007
        writer.writerow(row)
    return count


# --- Roles ------------------------------------------------------------------------------


def role_grant(*, person: Person, role: str, granted_by: User | None) -> RoleGrant:
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(
            person=person, role=role, defaults={"granted_by": granted_by}
        )
        if created:
            audit_record(actor=granted_by, organisation=person.organisation, action="role.grant",
                         subject=f"person:{person.pk}", role=role)  # fmt: skip
    return grant


def role_revoke(*, person: Person, role: str, revoked_by: User | None) -> bool:
    with transaction.atomic():
        deleted, _rows = RoleGrant.objects.filter(person=person, role=role).delete()
        if deleted:
            audit_record(actor=revoked_by, organisation=person.organisation, action="role.revoke",
                         subject=f"person:{person.pk}", role=role)  # fmt: skip
    return bool(deleted)


# --- Accounts ----------------------------------------------------------------------------


def account_for_person(*, person: Person) -> User:
    """The person's login account, created (without a usable password) on first need."""
    if person.user_id:
        return person.user
    with transaction.atomic():
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User.objects.create_user(person.email, None)
        Person.objects.filter(pk=person.pk, user__isnull=True).update(user=user)
    person.refresh_from_db(fields=["user"])
    return person.user


def login_is_throttled(*, email: str, address: str | None) -> bool:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    failures = LoginAttempt.objects.filter(succeeded=False, at__gte=since)
    if failures.filter(email=email.lower()).count() >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        return True
    return bool(address) and failures.filter(address=address).count() >= settings.LOGIN_FAILURES_PER_ADDRESS


def login_attempt_record(*, email: str, address: str | None, succeeded: bool) -> None:
    LoginAttempt.objects.create(email=email.lower()[:254], address=address, succeeded=succeeded)
    if succeeded:
        # A successful login clears the account's failures so an honest typo is forgotten.
        LoginAttempt.objects.filter(email=email.lower(), succeeded=False).delete()
    LoginAttempt.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()


# --- API tokens --------------------------------------------------------------------------

API_TOKEN_PREFIX = "acc_"


def api_token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, person: Person, name: str) -> tuple[ApiToken, str]:
    """Create a token for `person`; return it with the token itself, which is never stored
    and cannot be shown again (only its SHA-256 is kept)."""
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        api_token = ApiToken.objects.create(
            person=person, name=name, token_hash=api_token_digest(token), hint=token[:8]
        )
        audit_record(actor=person.user, organisation=person.organisation, action="api_token.create",
                     subject=f"person:{person.pk}", token=api_token.pk, name=name)  # fmt: skip
    return api_token, token


def api_token_revoke(*, api_token: ApiToken, now=None) -> bool:
    """Revoke the token at once; False when it already was."""
    with transaction.atomic():
        # A conditional UPDATE: two clicks revoke (and audit) once.
        revoked = ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
            revoked_at=now or timezone.now()
        )
        if revoked:
            person = api_token.person
            audit_record(actor=person.user, organisation=person.organisation, action="api_token.revoke",
                         subject=f"person:{person.pk}", token=api_token.pk)  # fmt: skip
    api_token.refresh_from_db(fields=["revoked_at"])
    return bool(revoked)
