"""HR's list of holders who do not meet their function's requirement, as CSV and XLSX."""

import csv
import io

from django.utils.translation import gettext as _

from acculture.functions.evaluation import Standing
from acculture.functions.selectors import ComplianceRow


def _header() -> list[str]:
    return [
        _("Employee number"), _("Last name"), _("First name"), _("Unit"), _("Function"),
        _("Holds it since"), _("Grace period until"), _("Status"), _("Evidence"), _("Evidence date"),
        _("Requirements not met"),
    ]  # fmt: skip


def _gaps(row: ComplianceRow) -> str:
    return "; ".join(
        f"{check.code or _('overall')}: {check.level if check.level is not None else '—'} / {check.minimum}"
        for check in row.eligibility.gaps
    )


def _values(row: ComplianceRow) -> list:
    guide = row.eligibility.evidence
    person = row.person
    return [
        person.employee_number, person.last_name, person.first_name, person.unit.path if person.unit else "",
        row.function.name, row.holding.started_on, row.holding.grace_until,
        str(Standing(row.standing).label),
        guide.reference if guide else "", guide.on if guide else "", _gaps(row),
    ]  # fmt: skip


def _safe(value):
    # A cell starting with = + - @ is run as a formula by spreadsheets: quote it.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def compliance_csv(rows: list[ComplianceRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_header())
    for row in rows:
        writer.writerow([_safe(v.isoformat() if hasattr(v, "isoformat") else v) for v in _values(row)])
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8


def compliance_xlsx(rows: list[ComplianceRow]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Holders"))
    sheet.append(_header())
    for row in rows:
        sheet.append([_safe(v) for v in _values(row)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
