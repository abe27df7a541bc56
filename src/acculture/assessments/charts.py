"""Hand-written SVG charts: presentation attributes only (no <style>, no <script>), so
they pass the Content-Security-Policy; each page shows the same figures in a table."""

import math
from datetime import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

MAX_LEVEL = 8


def radar_chart(rows: list[dict], *, language: str, size: int = 420) -> SafeString:
    """Levels (0–8) per competence on a radar; the previous result dashed when known."""
    n = len(rows)
    if n < 3:
        return mark_safe("")
    centre = size / 2
    radius = size / 2 - 48

    def point(index: int, level: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / n
        r = radius * max(0.0, min(level, MAX_LEVEL)) / MAX_LEVEL
        return centre + r * math.cos(angle), centre + r * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="100%" '
        f'class="chart radar" role="img" aria-labelledby="radar-title">',
        f'<title id="radar-title">{escape(_("Your level per competence, from 0 at the centre to 8 at the edge"))}</title>',
    ]
    for ring in (2, 4, 6, 8):
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="#b1b4b6" stroke-width="1"/>')
    for i, row in enumerate(rows):
        x, y = point(i, MAX_LEVEL)
        parts.append(
            f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#b1b4b6" stroke-width="1"/>'
        )
        lx, ly = point(i, MAX_LEVEL + 1.1)
        anchor = "middle" if abs(lx - centre) < 10 else ("start" if lx > centre else "end")
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + 5:.1f}" font-size="14" text-anchor="{anchor}" fill="#0b0c0c">'
            f"{escape(row['code'])}</text>"
        )
    if any(r.get("previous") is not None for r in rows):
        previous = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, r.get("previous") or 0) for i, r in enumerate(rows))
        )
        parts.append(
            f'<polygon points="{previous}" fill="none" stroke="#505a5f" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    current = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, r["level"]) for i, r in enumerate(rows)))
    parts.append(
        f'<polygon points="{current}" fill="#1d70b8" fill-opacity="0.25" stroke="#1d4ed8" stroke-width="3"/>'
    )
    for i, row in enumerate(rows):
        x, y = point(i, row["level"])
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1d4ed8"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def progress_chart(
    points: list[tuple[datetime, float]], *, language: str, width: int = 640, height: int = 260
) -> SafeString:
    """The overall level (0–8) after each assessment, oldest on the left."""
    left, right, top, bottom = 44, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(level: float) -> float:
        return top + plot_h * (1 - max(0.0, min(level, MAX_LEVEL)) / MAX_LEVEL)

    step = plot_w / max(1, len(points) - 1)
    coords = [
        (left + (step * i if len(points) > 1 else plot_w / 2), y_of(level))
        for i, (_when, level) in enumerate(points)
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'class="chart progress" role="img" aria-labelledby="progress-title">',
        f'<title id="progress-title">{escape(_("Your overall level after each assessment"))}</title>',
    ]
    for level in range(0, MAX_LEVEL + 1, 2):
        y = y_of(level)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#dddddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y + 5:.1f}" font-size="13" text-anchor="end" fill="#0b0c0c">{level}</text>'
        )
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1d4ed8" stroke-width="3"/>')
    for (x, y), (when, _level) in zip(coords, points, strict=True):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#1d4ed8"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{height - 12}" font-size="12" text-anchor="middle" fill="#0b0c0c">'
            f"{when:%d/%m/%y}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
