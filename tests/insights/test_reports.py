"""The monthly report: asked for on the page, built by the background task as a PDF."""

import io

from django.core.management import call_command
from pypdf import PdfReader

from acculture.insights.models import Report
from tests.insights.conftest import IMMEDIATE_TASKS


def test_the_cdo_asks_for_the_report_and_downloads_the_pdf(
    world, cast, login, django_capture_on_commit_callbacks
):
    client = login(cast.cdo)
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        response = client.post("/insights/reports/", {"month": "previous"})
    assert response.status_code == 302
    report = Report.objects.get(organisation=cast.org)
    assert report.status == "ready" and bytes(report.pdf).startswith(b"%PDF")
    page = client.get("/insights/reports/")
    assert f"/insights/reports/{report.pk}.pdf".encode() in page.content
    download = client.get(f"/insights/reports/{report.pk}.pdf")
    assert download["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(download.content)).pages)
    assert "Where we stand" in text and "Direction" in text


def test_asking_twice_builds_one_report(world, cast, login, django_capture_on_commit_callbacks):
    client = login(cast.cdo)
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        client.post("/insights/reports/", {"month": "previous"})
        client.post("/insights/reports/", {"month": "previous"})
    assert Report.objects.filter(organisation=cast.org).count() == 1


def test_the_monthly_command_asks_for_last_months_report(world, cast, django_capture_on_commit_callbacks):
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        call_command("insights_monthly", stdout=io.StringIO())
    assert Report.objects.get(organisation=cast.org).status == "ready"


def test_another_organisations_report_is_not_found(world, cast, login):
    report = Report.objects.create(organisation=cast.org, month="2026-10-01", status="ready", pdf=b"%PDF-1.7")
    assert login(cast.outsider).get(f"/insights/reports/{report.pk}.pdf").status_code == 404
    assert login(cast.manager).get(f"/insights/reports/{report.pk}.pdf").status_code == 403
