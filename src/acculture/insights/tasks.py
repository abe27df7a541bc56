"""Background work of insights: the monthly report for the leadership committee.

`report_build` may run twice (a retried task, two workers): it claims the report with a
conditional UPDATE from "pending", so only one run renders it.
"""

from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from acculture.insights.models import Report


@task()
def report_build(report_id: int) -> str:
    """Render the month's report as a PDF (WeasyPrint) and store it on the report."""
    from acculture.insights.report import render_report_pdf

    report = Report.objects.select_related("organisation").filter(pk=report_id).first()
    if report is None:
        return "gone"
    if report.status != Report.Status.PENDING:
        return "done already"
    try:
        with translation.override(report.language):
            pdf = render_report_pdf(report)
    except Exception:
        Report.objects.filter(pk=report_id).update(status=Report.Status.FAILED, finished_at=timezone.now())
        raise
    with transaction.atomic():
        claimed = Report.objects.filter(pk=report_id, status=Report.Status.PENDING).update(
            status=Report.Status.READY, pdf=pdf, finished_at=timezone.now()
        )
    return "built" if claimed else "done already"
