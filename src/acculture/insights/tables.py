"""The tables of the insights pages: what every page, export, API answer and report shows.

A figure a group may not show is None in its row, with the row's status (insights.privacy)
saying why; `hidden_reason` puts that reason in words.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from acculture.insights import privacy


@dataclass
class Column:
    key: str
    label: str
    kind: str = "int"  # int, pct, level, minutes, text


@dataclass
class Row:
    label: str
    values: list  # None where the figure may not be shown
    status: privacy.Status = "shown"
    unit_id: int | None = None
    drillable: bool = False
    depth: int = 0

    @property
    def shown(self) -> bool:
        return self.status == "shown"


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    note: str = ""

    def cells(self):
        """(row, [(column, value)]) for templates."""
        return [(row, list(zip(self.columns, row.values, strict=True))) for row in self.rows]


def hidden_reason(status: str, least: int) -> str:
    if status == "small":
        return _("fewer than %(n)s people") % {"n": least}
    if status == "protected":
        return _("not shown, so that a smaller group cannot be worked out")
    return _("nobody")


def pct(part: float, whole: float) -> float | None:
    return round(float(100 * part / whole), 1) if whole else None


def level(total: float, count: float) -> float | None:
    return round(float(total / count), 2) if count else None
