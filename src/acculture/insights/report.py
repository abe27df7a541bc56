"""The monthly report for the leadership committee: the organisation's dashboard as a
PDF, built from the same tables (so the same privacy guard) as the page."""

from django.template.loader import render_to_string

from acculture.insights.charts import dashboard_charts
from acculture.insights.models import Report
from acculture.insights.selectors import Scope, dashboard_for


def render_report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    board = dashboard_for(Scope(report.organisation))
    context = {"board": board, "report": report, "charts": dashboard_charts(board)}
    html = render_to_string("insights/report.html", context)
    return HTML(string=html).write_pdf()
