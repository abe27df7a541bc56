"""Reading and checking staff files (CSV or XLSX) before anything is written.

`read_staff_file` turns the bytes of an upload into rows keyed by column name, each with
the line number a person sees in their spreadsheet; `check_rows` validates each value and
the file as a whole (duplicates, unknown managers, reporting cycles). Every problem names
its line, column and value and says what to do, so HR can fix the file in one pass.
"""

import csv
import io
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.people.models import UNIT_SEPARATOR, HierarchyLevel, Language

COLUMNS = (
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "unit_path",
    "site",
    "job_title",
    "hierarchy_level",
    "manager_employee_number",
    "hire_date",
    "birth_year",
    "language",
)
REQUIRED = COLUMNS[:4]
MAX_LENGTHS = {
    "employee_number": 40,
    "first_name": 100,
    "last_name": 100,
    "email": 254,
    "site": 200,
    "job_title": 200,
}


@dataclass(frozen=True)
class Problem:
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(_("line %(line)s") % {"line": self.line})
        if self.column:
            where.append(_("column %(column)s") % {"column": self.column})
        prefix = ", ".join(where)
        shown = f" ({self.value!r})" if self.value not in (None, "") else ""
        return f"{prefix}{shown}: {self.message}" if prefix else self.message

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class StaffRow:
    line: int
    employee_number: str
    first_name: str
    last_name: str
    email: str
    unit_path: str | None = None
    site: str | None = None
    job_title: str | None = None
    hierarchy_level: str | None = None
    manager_employee_number: str | None = None
    hire_date: date | None = None
    birth_year: int | None = None
    language: str | None = None


@dataclass
class StaffFile:
    columns: tuple[str, ...] = ()
    rows: list[StaffRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class StaffFileError(Exception):
    """The file cannot be read at all (encoding, format, no header)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets store 1234 as 1234.0
    return str(value).strip()


def _raw_rows_csv(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if b"\x00" in data:
        # No text file has NUL bytes; PostgreSQL could not even store them in the report.
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise StaffFileError(
            [
                Problem(
                    line,
                    None,
                    None,
                    _("This is not a text file. Save your staff list as CSV or .xlsx and upload that."),
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StaffFileError(
            [
                Problem(
                    line,
                    None,
                    None,
                    _(
                        "The file is not in UTF-8 (byte %(pos)s). Save it again as "
                        "“CSV UTF-8” from your spreadsheet and upload it again."
                    )
                    % {"pos": exc.start},
                )
            ]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows = []
    try:
        # A quoted cell may span lines; a row is named by the line it starts on.
        start = 1
        for values in reader:
            if header is None:
                header = values
            else:
                rows.append((start, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise StaffFileError(
            [Problem(reader.line_num, None, None, _("The CSV cannot be read: %s") % exc)]
        ) from None
    return header or [], rows


def _raw_rows_xlsx(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise StaffFileError(
            [
                Problem(
                    None, None, None, _("The spreadsheet cannot be opened. Check that it is an .xlsx file.")
                )
            ]
        ) from None
    sheet = workbook.worksheets[0]
    header: list[str] | None = None
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell_text(v) for v in values]
        if header is None:
            header = cells
            continue
        rows.append((number, cells))
    workbook.close()
    return header or [], rows


def read_table(
    data: bytes, filename: str, *, columns: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV (UTF-8, comma or semicolon) or XLSX file whose first line names its
    columns: the names, then each non-blank row as (its line, {column: text}). Raises
    StaffFileError when the file is empty or unreadable, or when a column is unknown,
    repeated or, if required, missing — every such problem at once, on line 1."""
    if not data.strip():
        raise StaffFileError([Problem(None, None, None, _("The file is empty."))])
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        header, raw_rows = _raw_rows_xlsx(data)
    else:
        header, raw_rows = _raw_rows_csv(data)
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    while names and names[-1] == "":
        names.pop()
    problems = []
    for index, name in enumerate(names, start=1):
        if name not in columns:
            problems.append(
                Problem(
                    1,
                    name or _("unnamed column %(n)s") % {"n": index},
                    None,
                    _("Unknown column. The columns are: %(cols)s.") % {"cols": ", ".join(columns)},
                )
            )
    seen = set()
    for name in names:
        if name in seen and name in columns:
            problems.append(Problem(1, name, None, _("This column appears twice.")))
        seen.add(name)
    for name in required:
        if name not in names:
            problems.append(Problem(1, name, None, _("This required column is missing from the first line.")))
    if problems:
        raise StaffFileError(problems)
    rows = []
    for line, values in raw_rows:
        cells = {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(names)}
        if any(cells.values()):  # blank lines at the end of a spreadsheet are not rows
            rows.append((line, cells))
    return names, rows


def read_staff_file(data: bytes, filename: str) -> StaffFile:
    """Parse a staff file into rows. Raises StaffFileError when it cannot be read at all;
    value problems are collected in `StaffFile.problems` (see `check_rows`)."""
    names, rows = read_table(data, filename, columns=COLUMNS, required=REQUIRED)
    result = StaffFile(columns=tuple(names))
    for line, cells in rows:
        result.rows.append(_check_row(line, cells, result.problems))
    if not result.rows and not result.problems:
        raise StaffFileError([Problem(None, None, None, _("The file has a header but no people."))])
    return result


_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _parse_date(text: str) -> date:
    if m := _DATE_FR.match(text):
        day, month, year = (int(g) for g in m.groups())
        return date(year, month, day)
    return date.fromisoformat(text)


def _check_row(line: int, cells: dict[str, str], problems: list[Problem]) -> StaffRow:
    def problem(column: str, message: str) -> None:
        problems.append(Problem(line, column, cells.get(column, ""), message))

    for column in REQUIRED:
        if not cells.get(column):
            problem(column, _("This value is required."))
    for column, limit in MAX_LENGTHS.items():
        if len(cells.get(column, "")) > limit:
            problem(column, _("Too long: at most %(n)s characters.") % {"n": limit})
    row = StaffRow(
        line=line,
        employee_number=cells.get("employee_number", ""),
        first_name=cells.get("first_name", ""),
        last_name=cells.get("last_name", ""),
        email=cells.get("email", "").lower(),
        site=cells.get("site") or None,
        job_title=cells.get("job_title") or None,
        manager_employee_number=cells.get("manager_employee_number") or None,
    )
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            problem(
                "email", _("This is not a valid e-mail address. Write it like jeanne.martin@example.org.")
            )
    if unit_path := cells.get("unit_path"):
        parts = [p.strip() for p in unit_path.split(UNIT_SEPARATOR.strip())]
        if any(not p for p in parts):
            problem(
                "unit_path",
                _("A unit name is empty. Separate units with “ / ”, for example “Direction / DSI”."),
            )
        else:
            row.unit_path = UNIT_SEPARATOR.join(parts)
    if level := cells.get("hierarchy_level"):
        if level.lower() not in HierarchyLevel.values:
            problem(
                "hierarchy_level",
                _("Unknown hierarchy level. Use one of: %(values)s.")
                % {"values": ", ".join(HierarchyLevel.values)},
            )
        row.hierarchy_level = level.lower()
    if language := cells.get("language"):
        if language.lower() not in Language.values:
            problem("language", _("Unknown language. Use fr or en."))
        row.language = language.lower()
    if hire := cells.get("hire_date"):
        try:
            row.hire_date = _parse_date(hire)
        except ValueError:
            problem("hire_date", _("This is not a valid date. Write it as 2021-09-01 or 01/09/2021."))
    if birth := cells.get("birth_year"):
        this_year = timezone.now().year
        if not birth.isdigit() or not 1900 <= int(birth) <= this_year - 14:
            problem(
                "birth_year",
                _("Not a possible birth year: write four digits between 1900 and %(y)s.")
                % {"y": this_year - 14},
            )
        else:
            row.birth_year = int(birth)
    if row.manager_employee_number and row.manager_employee_number == row.employee_number:
        problem("manager_employee_number", _("A person cannot be their own manager."))
    return row


def check_rows(staff: StaffFile, existing_managers: dict[str, str | None] | None = None) -> None:
    """Whole-file checks: repeated employee numbers and e-mails, unknown managers and
    reporting cycles. `existing_managers` maps employee numbers already in the
    organisation (and not in the file) to their manager's employee number."""
    existing_managers = existing_managers or {}
    by_number: dict[str, int] = {}
    by_email: dict[str, int] = {}
    for row in staff.rows:
        if row.employee_number:
            if (first := by_number.get(row.employee_number)) is not None:
                staff.problems.append(
                    Problem(
                        row.line,
                        "employee_number",
                        row.employee_number,
                        _("This employee number is already on line %(l)s.") % {"l": first},
                    )
                )
            else:
                by_number[row.employee_number] = row.line
        if row.email:
            if (first := by_email.get(row.email)) is not None:
                staff.problems.append(
                    Problem(
                        row.line,
                        "email",
                        row.email,
                        _("This e-mail address is already on line %(l)s.") % {"l": first},
                    )
                )
            else:
                by_email[row.email] = row.line
    if "manager_employee_number" not in staff.columns:
        return
    graph: dict[str, str | None] = dict(existing_managers)
    for row in staff.rows:
        graph[row.employee_number] = row.manager_employee_number
    for row in staff.rows:
        manager = row.manager_employee_number
        if manager and manager not in graph:
            staff.problems.append(
                Problem(
                    row.line,
                    "manager_employee_number",
                    manager,
                    _("No one has this employee number, in the file or already in the organisation."),
                )
            )
    lines = {row.employee_number: row.line for row in staff.rows}
    reported: set[str] = set()
    for start in lines:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in on_path and node not in reported:
            on_path.add(node)
            path.append(node)
            node = graph.get(node)
        if node is not None and node in on_path:
            cycle = path[path.index(node) :]
            reported.update(cycle)
            first = min(cycle, key=lambda n: lines.get(n, 10**9))
            staff.problems.append(
                Problem(
                    lines.get(first),
                    "manager_employee_number",
                    graph.get(first),
                    _("These people manage each other in a loop: %(chain)s.")
                    % {"chain": " → ".join([*cycle, cycle[0]])},
                )
            )
        else:
            reported.update(path)  # no cycle through these nodes: skip them next time
