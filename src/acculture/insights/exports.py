"""Every dashboard table as CSV or XLSX: the figures the page shows, hidden ones left
blank with the reason in a last column, so a file never holds more than the page."""

import csv
import io

from django.utils.translation import gettext as _

from acculture.insights.tables import Table, hidden_reason


def _lines(table: Table, least: int):
    yield [column.label for column in table.columns] + [_("Note")]
    for row in table.rows:
        values = list(row.values)
        note = ""
        if not row.shown:
            note = hidden_reason(row.status, least)
        elif any(v is None for v in values):
            note = _("A blank figure: too few people were assessed for it to be shown.")
        yield [("" if v is None else v) for v in values] + [note]


def table_csv(table: Table, least: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in _lines(table, least):
        # A cell starting with = + - @ would be run as a formula by a spreadsheet.
        writer.writerow([f"'{v}" if isinstance(v, str) and v and v[0] in "=+-@" else v for v in line])
    return out.getvalue()


def table_xlsx(table: Table, least: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = table.slug[:31]
    for number, line in enumerate(_lines(table, least)):
        sheet.append([str(v) if isinstance(v, str) else v for v in line])
        if number == 0:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
    for cell in sheet["A"]:
        # openpyxl writes text starting with "=" as a formula; keep it text.
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
