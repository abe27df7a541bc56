"""The dashboard's SVG charts: presentation attributes only (no <style>, no <script>), so
they pass the Content-Security-Policy. Every chart sits beside a table of the same figures;
a hidden figure is drawn as nothing and said as such in the table."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK, MUTED, GRID, BLUE = "#0b0c0c", "#505a5f", "#dddddd", "#1d4ed8"
# Light to dark blue, one step per whole level 0–8 (readable with black or white text).
HEAT = ["#f3f7fd", "#dbe7f9", "#c0d5f4", "#9dbdec", "#76a1e2", "#4f84d7", "#2f67c7", "#1f4fa6", "#153a7d"]


def _svg(width: int, height: int, title: str, ident: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'class="chart" role="img" aria-labelledby="{ident}-title">'
        f'<title id="{ident}-title">{escape(title)}</title>{"".join(body)}</svg>'
    )


def bar_chart(rows: list[tuple[str, float | None]], *, title: str, ident: str, maximum: float = 100,
              unit: str = " %") -> SafeString:  # fmt: skip
    """Horizontal bars, one per row; a hidden figure leaves an empty line."""
    left, bar_h, gap, width = 200, 22, 10, 640
    height = max(1, len(rows)) * (bar_h + gap) + 10
    body = []
    for i, (label, value) in enumerate(rows):
        y = 5 + i * (bar_h + gap)
        short = label if len(label) <= 28 else label[:27] + "…"
        body.append(
            f'<text x="{left - 8}" y="{y + 16}" font-size="13" text-anchor="end" fill="{INK}">{escape(short)}</text>'
        )
        if value is None:
            body.append(f'<text x="{left + 4}" y="{y + 16}" font-size="13" fill="{MUTED}">—</text>')
            continue
        w = (width - left - 70) * max(0.0, min(value, maximum)) / maximum
        body.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{BLUE}"/>')
        body.append(
            f'<text x="{left + w + 6:.1f}" y="{y + 16}" font-size="13" fill="{INK}">{value:g}{escape(unit)}</text>'
        )
    return _svg(width, height, title, ident, body)


def line_chart(
    points: list[tuple[str, float | None]], *, title: str, ident: str, maximum: float = 100
) -> SafeString:
    """A line over time (0 to `maximum`); hidden months break the line."""
    width, height, left, right, top, bottom = 640, 240, 44, 16, 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)
    body = []
    for tick in range(0, 5):
        value = maximum * tick / 4
        y = top + plot_h * (1 - tick / 4)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="{INK}">{value:g}</text>'
        )
    segment: list[str] = []
    for i, (label, value) in enumerate(points):
        x = left + step * i
        if i % max(1, len(points) // 6) == 0 or i == len(points) - 1:
            body.append(
                f'<text x="{x:.1f}" y="{height - 12}" font-size="12" text-anchor="middle" fill="{INK}">{escape(label)}</text>'
            )
        if value is None:
            if len(segment) > 1:
                body.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" stroke="{BLUE}" stroke-width="3"/>'
                )
            segment = []
            continue
        y = top + plot_h * (1 - max(0.0, min(value, maximum)) / maximum)
        segment.append(f"{x:.1f},{y:.1f}")
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BLUE}"/>')
    if len(segment) > 1:
        body.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{BLUE}" stroke-width="3"/>')
    return _svg(width, height, title, ident, body)


def heatmap(labels: list[str], codes: list[str], values: list[list[float | None]], *, title: str,
            ident: str) -> SafeString:  # fmt: skip
    """Units (rows) × competences (columns), the mean level written in each cell."""
    left, cell_w, cell_h, top = 200, 44, 26, 26
    width = left + cell_w * max(1, len(codes)) + 10
    height = top + cell_h * max(1, len(labels)) + 6
    body = []
    for j, code in enumerate(codes):
        body.append(
            f'<text x="{left + cell_w * j + cell_w / 2:.1f}" y="{top - 8}" font-size="12" text-anchor="middle" '
            f'fill="{INK}">{escape(code)}</text>'
        )
    for i, label in enumerate(labels):
        y = top + cell_h * i
        short = label if len(label) <= 28 else label[:27] + "…"
        body.append(
            f'<text x="{left - 8}" y="{y + 17}" font-size="12" text-anchor="end" fill="{INK}">{escape(short)}</text>'
        )
        for j, value in enumerate(values[i]):
            x = left + cell_w * j
            if value is None:
                body.append(
                    f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="#ffffff" stroke="{GRID}"/>'
                )
                continue
            colour = HEAT[max(0, min(8, int(value)))]
            text = "#ffffff" if value >= 4.5 else INK
            body.append(f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{colour}"/>')
            body.append(
                f'<text x="{x + cell_w / 2 - 1:.1f}" y="{y + 17}" font-size="12" text-anchor="middle" '
                f'fill="{text}">{value:.1f}</text>'
            )
    return _svg(width, height, title, ident, body)


def interval_chart(rows: list[tuple[str, float | None, float | None, float | None]], *, title: str,
                   ident: str) -> SafeString:  # fmt: skip
    """A mean (dot) and its confidence interval (line) per row, on the 0–8 scale."""
    left, row_h, width = 160, 34, 640
    height = 30 + row_h * max(1, len(rows))
    plot_w = width - left - 30

    def x_of(v: float) -> float:
        return left + plot_w * max(0.0, min(v, 8.0)) / 8

    body = []
    for tick in range(0, 9, 2):
        x = x_of(tick)
        body.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 22}" stroke="{GRID}"/>')
        body.append(
            f'<text x="{x:.1f}" y="{height - 6}" font-size="12" text-anchor="middle" fill="{INK}">{tick}</text>'
        )
    for i, (label, mean, low, high) in enumerate(rows):
        y = 8 + row_h * i + row_h / 2
        body.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="13" text-anchor="end" fill="{INK}">{escape(label)}</text>'
        )
        if mean is None:
            continue
        body.append(
            f'<line x1="{x_of(low):.1f}" y1="{y:.1f}" x2="{x_of(high):.1f}" y2="{y:.1f}" stroke="{MUTED}" stroke-width="3"/>'
        )
        body.append(f'<circle cx="{x_of(mean):.1f}" cy="{y:.1f}" r="6" fill="{BLUE}"/>')
    return _svg(width, height, title, ident, body)


def stacked_chart(rows: list[tuple[str, list[int] | None]], *, title: str, ident: str) -> SafeString:
    """Per competence, the share of people in each band, as one bar of 100 %."""
    left, bar_h, gap, width = 80, 20, 8, 640
    height = max(1, len(rows)) * (bar_h + gap) + 10
    plot_w = width - left - 20
    colours = [HEAT[8], HEAT[6], HEAT[4], HEAT[2], HEAT[0]]
    body = []
    for i, (label, counts) in enumerate(rows):
        y = 5 + i * (bar_h + gap)
        body.append(
            f'<text x="{left - 8}" y="{y + 15}" font-size="13" text-anchor="end" fill="{INK}">{escape(label)}</text>'
        )
        total = sum(counts or [])
        if not counts or not total:
            continue
        x = float(left)
        for count, colour in zip(counts, colours, strict=False):
            w = plot_w * count / total
            if w > 0:
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}" stroke="#ffffff"/>'
                )
            x += w
    return _svg(width, height, title, ident, body)


def dashboard_charts(board) -> dict[str, SafeString]:
    """The chart of each dashboard table that has one, from the table's own figures."""
    from django.utils.translation import gettext as _

    tables = board.tables
    out = {}
    units = tables["units"]
    if units.rows:
        k = len(board.codes)
        out["units"] = heatmap(
            [row.label for row in units.rows],
            board.codes,
            [row.values[6 : 6 + k] for row in units.rows],
            title=_("Mean level per unit and competence, from 0 (light) to 8 (dark)"),
            ident="chart-units",
        )
        out["units_illiteracy"] = bar_chart(
            [(row.label, row.values[4]) for row in units.rows],
            title=_("Share of people at levels 1–2 or not assessed, per unit"),
            ident="chart-units-illiteracy",
        )
    out["levels"] = stacked_chart(
        [(entry["code"], entry["counts"]) for entry in board.distribution],
        title=_("People per band of levels, for each competence"),
        ident="chart-levels",
    )
    for slug in ("sites", "hierarchy"):
        out[slug] = bar_chart(
            [(row.label, row.values[4]) for row in tables[slug].rows],
            title=_("Share of people at levels 1–2 or not assessed"),
            ident=f"chart-{slug}",
        )
    out["ages"] = interval_chart(
        [(row.label, row.values[2], row.values[3], row.values[4]) for row in tables["ages"].rows],
        title=_("Mean level per age bracket, with its 95 % confidence interval"),
        ident="chart-ages",
    )
    out["trend"] = line_chart(
        [(row.label, row.values[4]) for row in tables["trend"].rows],
        title=_("Share of people at levels 1–2 or not assessed, month by month"),
        ident="chart-trend",
    )
    out["campaigns"] = bar_chart(
        [(row.label, row.values[4]) for row in tables["campaigns"].rows],
        title=_("Share of the people invited who completed the assessment"),
        ident="chart-campaigns",
    )
    return out
