import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from acculture.people.staff_files import StaffFileError, read_staff_file

HEADER = "employee_number,first_name,last_name,email"


def parse(text: str, filename: str = "staff.csv", encoding: str = "utf-8"):
    return read_staff_file(text.encode(encoding), filename)


def messages(staff):
    return [(p.line, p.column, p.message) for p in staff.problems]


def test_it_reads_a_comma_separated_file_with_a_byte_order_mark():
    staff = read_staff_file(("\ufeff" + HEADER + "\nA1,Zoé,Durand,zoe@example.org\n").encode(), "s.csv")
    assert [(r.line, r.employee_number, r.first_name) for r in staff.rows] == [(2, "A1", "Zoé")]
    assert staff.problems == []


def test_it_reads_a_semicolon_separated_file_and_ignores_blank_lines():
    staff = parse(
        "employee_number;first_name;last_name;email;unit_path\nA1;Jo;Lee;jo@example.org;DG / DSI\n;;;;\n"
    )
    assert len(staff.rows) == 1
    assert staff.rows[0].unit_path == "DG / DSI"


def test_it_reads_an_excel_file_with_numbers_and_dates_as_cells():
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append([*HEADER.split(","), "hire_date", "birth_year"])
    sheet.append([12345, "Ana", "Lopez", "ana@example.org", datetime(2020, 3, 1), 1980])
    buffer = io.BytesIO()
    book.save(buffer)
    staff = read_staff_file(buffer.getvalue(), "staff.xlsx")
    row = staff.rows[0]
    assert (row.line, row.employee_number, row.hire_date.isoformat(), row.birth_year) == (
        2,
        "12345",
        "2020-03-01",
        1980,
    )


def test_an_empty_file_is_refused():
    with pytest.raises(StaffFileError, match="empty"):
        parse("")


def test_a_file_with_only_a_header_is_refused():
    with pytest.raises(StaffFileError, match="no people"):
        parse(HEADER + "\n")


def test_a_missing_required_column_is_named():
    with pytest.raises(StaffFileError) as error:
        parse("employee_number,first_name,last_name\nA1,Jo,Lee\n")
    assert [(p.line, p.column) for p in error.value.problems] == [(1, "email")]


def test_an_unknown_column_is_reported_so_that_no_data_is_silently_dropped():
    with pytest.raises(StaffFileError) as error:
        parse(HEADER + ",emial_perso\nA1,Jo,Lee,jo@example.org,x\n")
    assert error.value.problems[0].column == "emial_perso"


def test_a_file_that_is_not_utf8_names_the_line_and_says_how_to_fix_it():
    with pytest.raises(StaffFileError) as error:
        parse(HEADER + "\nA1,Jo,Lee,jo@example.org\nA2,Hélène,Roy,h@example.org\n", encoding="latin-1")
    problem = error.value.problems[0]
    assert problem.line == 3
    assert "UTF-8" in problem.message


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("email", "not-an-address", "valid e-mail"),
        ("hierarchy_level", "boss", "Unknown hierarchy level"),
        ("language", "de", "Unknown language"),
        ("hire_date", "2021-02-30", "not a valid date"),
        ("hire_date", "31/04/2020", "not a valid date"),
        ("birth_year", "1850", "birth year"),
        ("birth_year", "19x0", "birth year"),
        ("unit_path", "DG /  / DSI", "unit name is empty"),
    ],
)
def test_each_bad_value_is_reported_with_its_line_column_and_value(column, value, fragment):
    header = "employee_number,first_name,last_name,email" + ("" if column == "email" else f",{column}")
    line = "A1,Jo,Lee," + (value if column == "email" else f"jo@example.org,{value}")
    staff = parse(f"{header}\n{line}\n")
    assert len(staff.problems) == 1
    problem = staff.problems[0]
    assert (problem.line, problem.column, problem.value) == (2, column, value)
    assert fragment in problem.message


def test_a_required_value_left_empty_is_reported():
    staff = parse(HEADER + "\nA1,,Lee,jo@example.org\n")
    assert messages(staff) == [(2, "first_name", "This value is required.")]


@given(st.binary(max_size=400))
@settings(max_examples=150, deadline=None)
def test_arbitrary_bytes_never_crash_the_reader(data):
    try:
        staff = read_staff_file(data, "fuzz.csv")
    except StaffFileError as error:
        assert error.problems
    else:
        assert all(p.message for p in staff.problems)


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12), min_size=4, max_size=4
    )
)
@settings(max_examples=150, deadline=None)
def test_arbitrary_cells_never_crash_the_row_checks(cells):
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    writer.writerow(cells)
    try:
        staff = parse(out.getvalue())
    except StaffFileError as error:
        assert error.problems
    else:
        assert all(p.line == 2 for p in staff.problems)


def test_a_binary_file_named_csv_is_refused_before_any_value_is_read():
    with pytest.raises(StaffFileError, match="not a text file") as error:
        read_staff_file(HEADER.encode() + b"\nA1,Jo\x00,Lee,jo@example.org\n", "staff.csv")
    assert error.value.problems[0].line == 2
